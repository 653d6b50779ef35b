"""The action log: each meeting's log for everyone who may see the meeting, raising and
closing actions for the secretariat, and "my actions", where leads add their progress."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from ..forms import actions as forms
from ..forms.base import NoReasonForm
from ..models import ActionStatus
from ..selectors import actions as action_selectors
from ..services import actions as action_services
from .base import form_screen, record_screen, secretariat, secretariat_meeting, signed_in


def _action_log_url(meeting):
    return reverse("meetings:action_log", args=meeting.url_args())


def action_log(request, slug, day):
    """The matters-arising log of a meeting, for everyone who may see the meeting."""
    page = action_selectors.action_log_page(request.user, slug, day)
    return render(request, "meetings/action_log.html", {"page": page, "meeting": page.meeting})


@secretariat
def action_add(request, slug, day):
    meeting = secretariat_meeting(request, slug, day)
    form = forms.ActionRaiseForm(
        request.POST if request.method == "POST" else None, meeting=meeting
    )
    return record_screen(
        request,
        form,
        lambda: action_services.action_raise(actor=request.user, **form.action_fields()),
        done=lambda action: f"Action {action.code} raised, led by {action.lead.full_name}.",
        next_url=_action_log_url(meeting),
        meeting=meeting,
        back=_action_log_url(meeting),
        heading="Raise an action",
        intro="The action gets its code from the board and the meeting. It stays on the "
        "action log of each following meeting until the board closes it.",
        button="Raise the action",
        back_text="Back to the action log",
    )


@secretariat
def action_close(request, slug, day, pk):
    """Confirm, then record the board closing an action at this meeting."""
    meeting = secretariat_meeting(request, slug, day)
    action = action_selectors.action_on_log(meeting, pk)
    if action.status == ActionStatus.CLOSED:
        messages.info(request, f"{action.code} is already closed.")
        return redirect(_action_log_url(meeting))
    form = NoReasonForm(request.POST if request.method == "POST" else None)
    return record_screen(
        request,
        form,
        lambda: action_services.action_close(actor=request.user, action=action, meeting=meeting),
        done=f"{action.code} is closed at this meeting.",
        next_url=_action_log_url(meeting),
        meeting=meeting,
        back=_action_log_url(meeting),
        heading=f"Close action {action.code}",
        action=action,
        warning="Once closed, the action leaves the action log of later meetings and its "
        "lead can no longer add progress to it.",
        button="Close the action",
        back_text="Back to the action log",
    )


@signed_in
def my_actions(request):
    """The signed-in person's open actions, each with a form to add progress."""
    rows = action_selectors.my_actions(request.user)
    return render(
        request,
        "meetings/my_actions.html",
        {"rows": [(row, forms.ActionUpdateForm(action=row.action)) for row in rows]},
    )


def _after_update(user, action):
    """The lead goes back to their actions; the secretariat to the log it was raised on."""
    if action.lead_id == user.pk:
        return reverse("meetings:my_actions")
    return reverse("meetings:action_log", args=action.raised_at.meeting.url_args())


@signed_in
def action_update(request, pk):
    """Add a dated line of progress to an action (the form of "my actions", on its own)."""
    action = action_selectors.action_for_update(request.user, pk)
    form = forms.ActionUpdateForm(request.POST if request.method == "POST" else None, action=action)
    back = _after_update(request.user, action)
    return form_screen(
        request,
        form,
        lambda: action_services.action_update_add(
            actor=request.user, action=action, **form.update_fields()
        ),
        done=f"Progress update on {action.code} saved.",
        next_url=back,
        template="meetings/action_update.html",
        context={"action": action, "back": back},
    )
