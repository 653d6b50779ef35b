"""Signing in: the lockout page and the account name django-axes counts failures against,
the limits of a signed-in session (how long it may sit idle, and how long it may last), and
the second factor every signed-in session passes before it sees more than the public."""

import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import render, resolve_url
from django.urls import reverse

log = logging.getLogger(__name__)


def sign_in_username(request, credentials):
    """The account a sign-in tried, as django-axes counts it: emails in any case are one."""
    tried = (credentials or request.POST).get("username") or ""
    return tried.strip().lower()


def sign_in_address(request):
    """The address a sign-in came from: the connection's, or behind N reverse proxies the
    N-th address from the right of X-Forwarded-For (the ones further left are the client's
    own say, and not trusted)."""
    proxies = settings.SIGN_IN_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def password_reset_allowed(email, address):
    """Counts a request for a reset link against its address and its client, and says whether
    it is within the hourly limits (settings.PASSWORD_RESET_PER_HOUR_*)."""
    limits = [
        (f"password-reset:email:{email.strip().lower()}", settings.PASSWORD_RESET_PER_HOUR_EMAIL),
        (f"password-reset:client:{address}", settings.PASSWORD_RESET_PER_HOUR_CLIENT),
    ]
    allowed = True
    for key, limit in limits:
        cache.add(key, 0, timeout=3600)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, count := 1, timeout=3600)
        allowed = allowed and count <= limit
    if not allowed:
        log.warning("Password reset refused: too many requests (client %s)", address)
    return allowed


def sign_in_locked_out(request, response=None, credentials=None):
    """What django-axes shows once an account or an address is locked: the same page whether
    or not the account exists, naming neither."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


SIGNED_IN_AT = "signed_in_at"
LAST_SEEN_AT = "last_seen_at"
# The last request's time is written at most this often, not on every request.
LAST_SEEN_GRANULARITY = 60


def session_stamp_sign_in(sender, request, user, **kwargs):
    """On `user_logged_in`: the session's clocks start now."""
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


def session_expired(session, now):
    """Why the session has ended ("idle" or "absolute"), or None while it is live."""
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT, signed_in_at)
    if signed_in_at is None:
        return None
    if now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS:
        return "absolute"
    if now - last_seen_at > settings.SESSION_IDLE_SECONDS:
        return "idle"
    return None


class SessionLimitsMiddleware:
    """Signs out a session idle for 30 minutes or 12 hours old (settings.SESSION_*_SECONDS),
    and sends the request to sign in again, back to the page it asked for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            if SIGNED_IN_AT not in session:
                # Signed in before the clocks existed: they start now.
                session[SIGNED_IN_AT] = session[LAST_SEEN_AT] = now
            if session_expired(session, now):
                logout(request)
                return redirect_to_login(request.get_full_path())
            if now - session.get(LAST_SEEN_AT, 0) >= LAST_SEEN_GRANULARITY:
                session[LAST_SEEN_AT] = now
        return self.get_response(request)


def second_factor_needed(user):
    """A signed-in user whose session has not passed the second factor (when it is required)."""
    if not settings.MFA_REQUIRED or not user.is_authenticated:
        return False
    return getattr(user, "otp_device", None) is None


# The django-otp device a session is marked with when the organisation's identity provider
# did the second factor: it holds no codes, so no code ever matches it.
PROVIDER_DEVICE_NAME = "Organisation's sign-in"


def second_factor_passed_by_provider(request, user):
    """The organisation's identity provider checked a second factor: the session counts as
    past it, marked as django-otp marks any device's pass."""
    from django_otp import login as otp_login
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=PROVIDER_DEVICE_NAME, defaults={"confirmed": True}
    )
    otp_login(request, device)
    log.info("Second factor passed by user %s through the organisation's sign-in", user.pk)


def redirect_to_second_factor(next_url):
    url = reverse("second_factor")
    if next_url:
        url = f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"
    return HttpResponseRedirect(url)


class SecondFactorMiddleware:
    """Until a signed-in session passes the second factor, it sees only what the public sees.

    Its requests are served as an anonymous visitor's, so public pages stay public and nothing
    else shows; where the public would be sent to sign in, and on the sign-in page and the
    admin, it is sent to the second factor instead (or to set one up at its first sign-in),
    and back to the page it asked for. Signing out and the second factor's own pages see the
    real user.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not second_factor_needed(request.user):
            response = self.get_response(request)
            if self.just_signed_in(request, response):
                return redirect_to_second_factor(response["Location"])
            return response
        path = request.path
        if path.startswith(reverse("second_factor")) or path == reverse("logout"):
            return self.get_response(request)
        if path == resolve_url(settings.LOGIN_URL):
            return redirect_to_second_factor(request.GET.get(REDIRECT_FIELD_NAME, ""))
        if path.startswith(reverse("admin:index")):
            return redirect_to_second_factor(request.get_full_path())
        request.user = AnonymousUser()
        response = self.get_response(request)
        login_url = resolve_url(settings.LOGIN_URL)
        if response.status_code == 302 and response["Location"].startswith(login_url):
            query = response["Location"][len(login_url) :].lstrip("?")
            next_url = QueryDict(query).get(REDIRECT_FIELD_NAME, "")
            return redirect_to_second_factor(next_url)
        return response

    @staticmethod
    def just_signed_in(request, response):
        """The password was right a moment ago: the second factor comes next."""
        return (
            request.method == "POST"
            and request.path == resolve_url(settings.LOGIN_URL)
            and response.status_code == 302
            and second_factor_needed(request.user)
        )
