"""Recording a meeting: who was there, who came and went, interests declared, actions raised
and closed; and the pages of the action log and of "my actions".

Every screen works without JavaScript. Services do the work; a refusal from a service is
shown on the form, field by field, and nothing is saved. Selectors decide who may see what.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import action_services, attendance_services, selectors
from . import record_forms as forms
from .forms import NoReasonForm
from .models import ActionStatus, AttendanceKind, InterestType, MovementKind, Ruling
from .secretariat_views import _meeting, apply, secretariat
from .views import parse_day

# The secretariat's decorator only sends anonymous visitors to sign in (the selectors refuse
# everyone else), which is what any page for signed-in people needs.
signed_in = secretariat


def _attendance_url(meeting):
    return redirect("meetings:attendance", *meeting.url_args())


def _action_log_url(meeting):
    return redirect("meetings:action_log", *meeting.url_args())


def _record_page(request, meeting, form, back, **text):
    """A recording form of its own: heading, form, button, and a way back."""
    return render(
        request,
        "meetings/manage/record_form.html",
        {"meeting": meeting, "form": form, "back": back, **text},
    )


def _back_to_attendance(meeting):
    return reverse("meetings:attendance", args=meeting.url_args())


# Attendance, comings and goings, declarations ----------------------------------------------


@secretariat
def attendance(request, slug, day):
    """Who was at the meeting, with the form to record or change one person's attendance."""
    meeting = _meeting(request, slug, day)
    form = forms.AttendanceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recorded = apply(
            form,
            lambda: attendance_services.attendance_record(
                actor=request.user,
                meeting=meeting,
                person=data["person"],
                kind=AttendanceKind(data["kind"]),
                on_behalf_of=data["on_behalf_of"],
            ),
        )
        if recorded:
            messages.success(
                request,
                f"Attendance recorded: {recorded.person.full_name}, "
                f"{recorded.get_kind_display().lower()}.",
            )
            return _attendance_url(meeting)
    return render(
        request,
        "meetings/manage/attendance.html",
        {"meeting": meeting, "screen": selectors.attendance_screen(meeting), "form": form},
    )


@secretariat
@require_POST
def attendance_prefill(request, slug, day):
    meeting = _meeting(request, slug, day)
    added = attendance_services.attendance_prefill(actor=request.user, meeting=meeting)
    if added:
        people = "person" if added == 1 else "people"
        messages.success(request, f"{added} {people} added from the board's members.")
    else:
        messages.info(request, "Everyone with a seat on the board is already listed.")
    return _attendance_url(meeting)


@secretariat
def movement_add(request, slug, day):
    meeting = _meeting(request, slug, day)
    form = forms.MovementForm(request.POST if request.method == "POST" else None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        movement = apply(
            form,
            lambda: attendance_services.movement_record(
                actor=request.user,
                attendance=data["attendance"],
                kind=MovementKind(data["kind"]),
                item=data["item"],
                note=data["note"],
            ),
        )
        if movement:
            messages.success(request, f"Recorded: {movement}.")
            return _attendance_url(meeting)
    return _record_page(
        request,
        meeting,
        form,
        _back_to_attendance(meeting),
        heading="Record an arrival, departure or return",
        intro="Record it at the agenda item when it happened. The minutes show it there.",
        button="Record it",
    )


@secretariat
def declaration_add(request, slug, day):
    meeting = _meeting(request, slug, day)
    form = forms.DeclarationForm(
        request.POST if request.method == "POST" else None, meeting=meeting
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        declaration = apply(
            form,
            lambda: attendance_services.declaration_record(
                actor=request.user,
                meeting=meeting,
                attendance=data["attendance"],
                item=data["item"],
                interest_type=InterestType(data["interest_type"]),
                nature=data["nature"],
                ruling=Ruling(data["ruling"]),
                chaired_by=data["chaired_by"],
            ),
        )
        if declaration:
            messages.success(
                request,
                f"Declaration of interest recorded: {declaration.attendance.person.full_name}.",
            )
            return _attendance_url(meeting)
    return _record_page(
        request,
        meeting,
        form,
        _back_to_attendance(meeting),
        heading="Record a declaration of interest",
        intro="If the chair rules that the person leaves the room, their leaving at the item "
        "and their return at the next one are recorded too.",
        button="Record the declaration",
    )


# The action log -----------------------------------------------------------------------------


def action_log(request, slug, day):
    """The matters-arising log of a meeting, for everyone who may see the meeting."""
    page = selectors.action_log_page(request.user, slug, parse_day(day))
    return render(request, "meetings/action_log.html", {"page": page, "meeting": page.meeting})


@secretariat
def action_add(request, slug, day):
    meeting = _meeting(request, slug, day)
    form = forms.ActionRaiseForm(
        request.POST if request.method == "POST" else None, meeting=meeting
    )
    if request.method == "POST" and form.is_valid():
        fields = form.action_fields()
        action = apply(form, lambda: action_services.action_raise(actor=request.user, **fields))
        if action:
            messages.success(
                request, f"Action {action.code} raised, led by {action.lead.full_name}."
            )
            return _action_log_url(meeting)
    return _record_page(
        request,
        meeting,
        form,
        reverse("meetings:action_log", args=meeting.url_args()),
        heading="Raise an action",
        intro="The action gets its code from the board and the meeting. It stays on the "
        "action log of each following meeting until the board closes it.",
        button="Raise the action",
        back_text="Back to the action log",
    )


@secretariat
def action_close(request, slug, day, pk):
    """Confirm, then record the board closing an action at this meeting."""
    meeting = _meeting(request, slug, day)
    action = selectors.action_on_log(meeting, pk)
    if action.status == ActionStatus.CLOSED:
        messages.info(request, f"{action.code} is already closed.")
        return _action_log_url(meeting)
    form = NoReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        closed = apply(
            form,
            lambda: action_services.action_close(
                actor=request.user, action=action, meeting=meeting
            ),
        )
        if closed:
            messages.success(request, f"{action.code} is closed at this meeting.")
            return _action_log_url(meeting)
    return _record_page(
        request,
        meeting,
        form,
        reverse("meetings:action_log", args=meeting.url_args()),
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
    rows = selectors.my_actions(request.user)
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
    action = selectors.action_for_update(request.user, pk)
    form = forms.ActionUpdateForm(request.POST if request.method == "POST" else None, action=action)
    if request.method == "POST" and form.is_valid():
        fields = form.update_fields()
        if apply(
            form,
            lambda: action_services.action_update_add(actor=request.user, action=action, **fields),
        ):
            messages.success(request, f"Progress update on {action.code} saved.")
            return redirect(_after_update(request.user, action))
    return render(
        request,
        "meetings/action_update.html",
        {"action": action, "form": form, "back": _after_update(request.user, action)},
    )
