"""The action log: each meeting's log for everyone who may see the meeting, raising and
closing actions and changing their leads and due dates for the secretariat, and "my
actions", where leads add their progress."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from ..forms import actions as forms
from ..models import ActionStatus
from ..selectors import actions as action_selectors
from ..selectors.board_settings import settings_for
from ..services import actions as action_services
from .base import form_screen, record_screen, secretariat, secretariat_meeting, signed_in


def _action_log_url(meeting):
    return reverse("meetings:action_log", args=meeting.url_args())


def _names(action):
    return " and ".join(person.full_name for person in action.leads_in_order)


def _post(request):
    return request.POST if request.method == "POST" else None


def action_log(request, slug, day):
    """The matters-arising log of a meeting, for everyone who may see the meeting."""
    page = action_selectors.action_log_page(request.user, slug, day)
    return render(request, "meetings/action_log.html", {"page": page, "meeting": page.meeting})


@secretariat
def action_add(request, slug, day):
    meeting = secretariat_meeting(request, slug, day)
    form = forms.ActionRaiseForm(_post(request), meeting=meeting)
    return record_screen(
        request,
        form,
        lambda: action_services.action_raise(actor=request.user, **form.action_fields()),
        done=lambda action: f"Action {action.code} raised, led by {_names(action)}.",
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
    """Confirm, then record the board closing an action at this meeting, against the
    resolution or minute that closed it."""
    meeting = secretariat_meeting(request, slug, day)
    action = action_selectors.action_on_log(meeting, pk)
    if action.status == ActionStatus.CLOSED:
        messages.info(request, f"{action.code} is already closed.")
        return redirect(_action_log_url(meeting))
    required = settings_for(meeting.board).closing_action_needs_record
    form = forms.ActionCloseForm(_post(request), meeting=meeting, required=required)
    return record_screen(
        request,
        form,
        lambda: action_services.action_close(
            actor=request.user, action=action, meeting=meeting, **form.close_fields()
        ),
        done=f"{action.code} is closed at this meeting.",
        next_url=_action_log_url(meeting),
        meeting=meeting,
        back=_action_log_url(meeting),
        heading=f"Close action {action.code}",
        action=action,
        warning="Once closed, the action leaves the action log of later meetings and its "
        "leads can no longer add progress to it.",
        button="Close the action",
        back_text="Back to the action log",
    )


@secretariat
def action_leads(request, slug, day, pk):
    """Change who leads an action: the first lead is the one the log names first."""
    meeting = secretariat_meeting(request, slug, day)
    action = action_selectors.action_for_secretariat(meeting, pk)
    form = forms.ActionLeadsForm(_post(request), action=action)
    before = action.lead_ids
    return record_screen(
        request,
        form,
        lambda: action_services.action_leads_set(
            actor=request.user, action=action, leads=form.leads
        ),
        done=lambda changed: (
            f"{action.code} is led by {_names(changed)}."
            if changed.lead_ids != before
            else f"The leads of {action.code} are as they were: nothing changed."
        ),
        next_url=_action_log_url(meeting),
        meeting=meeting,
        back=_action_log_url(meeting),
        heading=f"Leads of action {action.code}",
        action=action,
        intro="The responsible lead is named first on the log. Every lead sees the action "
        'under "my actions" and may add progress to it.',
        button="Save the leads",
        back_text="Back to the action log",
    )


@secretariat
def action_due(request, slug, day, pk):
    """Revise when an action is due, with the reason; the log keeps the original date."""
    meeting = secretariat_meeting(request, slug, day)
    action = action_selectors.action_for_secretariat(meeting, pk)
    form = forms.ActionDueForm(_post(request), action=action)
    before = action.due_point()
    return record_screen(
        request,
        form,
        lambda: action_services.action_due_revise(
            actor=request.user, action=action, **form.revise_fields()
        ),
        done=lambda revised: (
            f"The due date of {action.code} is revised."
            if revised.due_point() != before
            else f"The due date of {action.code} is as it was: nothing changed."
        ),
        next_url=_action_log_url(meeting),
        meeting=meeting,
        back=_action_log_url(meeting),
        heading=f"Revise when action {action.code} is due",
        action=action,
        intro="The log shows the revised due date beside the one first agreed.",
        button="Revise the due date",
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
    """A lead goes back to their actions; the secretariat to the log it was raised on."""
    if user.pk in action.lead_ids:
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
