"""The plumbing every view of the meetings app shares: sending anonymous visitors to sign in,
finding the meeting a secretariat screen is about, showing a service's refusal on its form,
the one shape of a screen that applies a service, and serving a PDF with the right caching."""

import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from .. import permissions

CONFIRM_TEMPLATE = "meetings/manage/confirm.html"
RECORD_TEMPLATE = "meetings/manage/record_form.html"


def secretariat(view):
    """Sends anonymous visitors to sign in; the permissions refuse everyone else."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except permissions.SignInRequired:
            return redirect_to_login(request.get_full_path())

    return wrapped


# The secretariat's decorator only sends anonymous visitors to sign in, which is what any page
# for signed-in people needs.
signed_in = secretariat


def secretariat_meeting(request, slug, day):
    """The meeting a secretariat screen is about (404 or 403 for anyone else)."""
    return permissions.meeting_for_secretariat(request.user, slug, day)


def apply(form, call):
    """Run a service; put its refusal on the form (by field where the form has it)."""
    try:
        return call()
    except ValidationError as refusal:
        renamed = getattr(form, "model_error_fields", {})
        for field, errors in refusal.message_dict.items():
            field = renamed.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
        return None


def form_screen(request, form, call, *, done, next_url, template, context):
    """A screen that applies one service: on a valid POST, run it; if it succeeds, say so
    (`done` is the message, or makes it from what the service returned) and go on to
    `next_url` (a URL, or a function of that result); otherwise show the form again, with any
    refusal on it. Nothing is saved unless the service succeeds."""
    if request.method == "POST" and form.is_valid():
        result = apply(form, call)
        if result is not None:
            messages.success(request, done(result) if callable(done) else done)
            return redirect(next_url(result) if callable(next_url) else next_url)
    return render(request, template, {"form": form, **context})


def confirm_screen(request, form, call, *, done, next_url, **context):
    """Confirm, apply the service, say so and go on: cancelling a meeting, recording it held,
    deferring, withdrawing or removing an item."""
    return form_screen(
        request,
        form,
        call,
        done=done,
        next_url=next_url,
        template=CONFIRM_TEMPLATE,
        context=context,
    )


def record_screen(request, form, call, *, done, next_url, meeting, back, **text):
    """A recording form of its own: heading, form, button, and a way back."""
    return form_screen(
        request,
        form,
        call,
        done=done,
        next_url=next_url,
        template=RECORD_TEMPLATE,
        context={"meeting": meeting, "back": back, **text},
    )


def pdf_response(pdf, name, *, private):
    """A generated PDF to download; `private` business is never kept in any cache."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, name.replace("/", "-"))
    cache_for(response, private=private)
    return response


def cache_for(response, *, private):
    # The same address gives members more than the public: never in a shared cache, and
    # confidential or unpublished business not even in the browser's.
    response["Cache-Control"] = "private, no-store" if private else "private"
    return response
