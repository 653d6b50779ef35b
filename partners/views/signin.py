"""The second factor after the password: asking for the code, linking an authenticator app,
showing the recovery codes."""

import logging
from base64 import b32encode
from textwrap import wrap
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from .. import forms, services, signin

log = logging.getLogger(__name__)
RECOVERY_CODES_TO_SHOW = "recovery_codes_to_show"


def _next_url(request):
    wanted = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name, request):
    return f"{reverse(name)}?{urlencode({REDIRECT_FIELD_NAME: _next_url(request)})}"


@login_required
def second_factor(request):
    """The second factor after the password: an authenticator app's code or a recovery code."""
    user = request.user
    if not signin.second_factor_needed(user):
        return redirect(_next_url(request))
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect(_with_next("second_factor_set_up", request))
    form = forms.SecondFactorForm(request.POST or None)
    if form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            log.info("Second factor passed by user %s with %s", user.pk, type(device).__name__)
            return redirect(_next_url(request))
        log.warning("Second factor refused for user %s", user.pk)
        form.add_error(
            "code", "Enter the code your authenticator app shows now, or a recovery code"
        )
    return render(
        request,
        "registration/second_factor.html",
        {"form": form, "next": _next_url(request)},
    )


@login_required
def second_factor_set_up(request):
    """At the first sign-in: link an authenticator app, then receive recovery codes."""
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect(_with_next("second_factor", request))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = forms.SecondFactorSetUpForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = services.second_factor_confirm(
                user=user, device=device, code_count=settings.RECOVERY_CODE_COUNT
            )
            otp_login(request, device)
            log.info("Second factor set up by user %s", user.pk)
            request.session[RECOVERY_CODES_TO_SHOW] = codes
            return redirect(_with_next("second_factor_recovery_codes", request))
        form.add_error("code", "Enter the 6-digit code your authenticator app shows now")
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_code": segno.make(device.config_url).svg_data_uri(scale=5, border=2),
        "key": " ".join(wrap(b32encode(device.bin_key).decode(), 4)),
    }
    return render(request, "registration/second_factor_set_up.html", context)


@login_required
def second_factor_recovery_codes(request):
    """The recovery codes, shown once, just after the authenticator app is set up."""
    codes = request.session.pop(RECOVERY_CODES_TO_SHOW, None)
    if not codes:
        return redirect(_next_url(request))
    return render(
        request,
        "registration/second_factor_recovery_codes.html",
        {"codes": codes, "next": _next_url(request)},
    )
