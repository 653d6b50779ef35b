"""The plumbing every view of the meetings app shares: sending anonymous visitors to sign in,
finding the meeting a secretariat screen is about, showing a service's refusal on its form,
and the one shape of a screen that applies a service."""

import functools

from django.contrib.auth.views import redirect_to_login

from partners.views.base import form_screen

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
