"""Recording who was at a meeting: the secretariat's attendance screen (filled in from the
board's seats), arrivals and departures at agenda items, and declarations of interest with the
chair's ruling."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from partners.views.base import apply

from ..forms import attendance as forms
from ..models import InterestType, Movement, MovementKind, Ruling
from ..selectors import attendance as attendance_selectors
from ..selectors.minutes import minutes_approved
from ..services import attendance as attendance_services
from .base import (
    record_screen,
    secretariat,
    secretariat_meeting,
)


def _attendance_url(meeting):
    return reverse("meetings:attendance", args=meeting.url_args())


@secretariat
def attendance(request, slug, day):
    """Who was at the meeting, with the form to record or change one person's attendance."""
    meeting = secretariat_meeting(request, slug, day)
    form = forms.AttendanceForm(request.POST if request.method == "POST" else None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        recorded = apply(
            form,
            lambda: attendance_services.attendance_record(
                actor=request.user, meeting=meeting, **form.service_arguments()
            ),
        )
        if recorded:
            messages.success(
                request,
                f"Attendance recorded: {recorded.full_name}, "
                f"{recorded.get_kind_display().lower()}.",
            )
            return redirect(_attendance_url(meeting))
    return _attendance_page(request, meeting, form, forms.DeclarationsAskedForm())


def _attendance_page(request, meeting, form, asked_form):
    return render(
        request,
        "meetings/manage/attendance.html",
        {
            "meeting": meeting,
            "screen": attendance_selectors.attendance_screen(meeting),
            "form": form,
            "asked_form": asked_form,
        },
    )


@secretariat
@require_POST
def attendance_prefill(request, slug, day):
    meeting = secretariat_meeting(request, slug, day)
    added = attendance_services.attendance_prefill(actor=request.user, meeting=meeting)
    if added:
        people = "person" if added == 1 else "people"
        messages.success(request, f"{added} {people} added from the board's members.")
    else:
        messages.info(request, "Everyone with a seat on the board is already listed.")
    return redirect(_attendance_url(meeting))


@secretariat
def movement_add(request, slug, day):
    meeting = secretariat_meeting(request, slug, day)
    form = forms.MovementForm(request.POST if request.method == "POST" else None, meeting=meeting)
    return record_screen(
        request,
        form,
        lambda: attendance_services.movement_record(
            actor=request.user,
            attendance=form.cleaned_data["attendance"],
            kind=MovementKind(form.cleaned_data["kind"]),
            item=form.cleaned_data["item"],
            note=form.cleaned_data["note"],
        ),
        done=lambda movement: f"Recorded: {movement}.",
        next_url=_attendance_url(meeting),
        meeting=meeting,
        back=_attendance_url(meeting),
        heading="Record an arrival, departure or return",
        intro="Record it at the agenda item when it happened. The minutes show it there.",
        button="Record it",
    )


@secretariat
def declaration_add(request, slug, day):
    meeting = secretariat_meeting(request, slug, day)
    form = forms.DeclarationForm(
        request.POST if request.method == "POST" else None, meeting=meeting
    )

    def record():
        data = form.cleaned_data
        return attendance_services.declaration_record(
            actor=request.user,
            meeting=meeting,
            attendance=data["attendance"],
            item=data["item"],
            interest_type=InterestType(data["interest_type"]),
            nature=data["nature"],
            ruling=Ruling(data["ruling"]),
            chaired_by=data["chaired_by"],
        )

    return record_screen(
        request,
        form,
        record,
        done=lambda declaration: (
            f"Declaration of interest recorded: {declaration.attendance.full_name}."
        ),
        next_url=_attendance_url(meeting),
        meeting=meeting,
        back=_attendance_url(meeting),
        heading="Record a declaration of interest",
        intro="If the chair rules that the person leaves the room, their leaving at the item "
        "and their return at the next one are recorded too.",
        button="Record the declaration",
    )


# Changing what was recorded: until the minutes are approved, freely (the history keeps each
# version); afterwards, as a correction with a reason that the minutes show.

CORRECTING = (
    "These minutes are approved: your change is recorded as a correction. Its reason and the "
    "date show on the minutes; the record as it was stays in the history."
)


@secretariat
def attendance_edit(request, slug, day, pk):
    """Change one row of the attendance list: someone without an account, a title as it was
    on the day, presence for part of the meeting."""
    meeting = secretariat_meeting(request, slug, day)
    row = get_object_or_404(meeting.attendance.select_related("person"), pk=pk)
    form = forms.AttendanceForm(
        request.POST if request.method == "POST" else None, meeting=meeting, attendance=row
    )
    return record_screen(
        request,
        form,
        lambda: attendance_services.attendance_record(
            actor=request.user, meeting=meeting, **form.service_arguments()
        ),
        done=lambda recorded: f"Attendance changed: {recorded.full_name}.",
        next_url=_attendance_url(meeting),
        meeting=meeting,
        back=_attendance_url(meeting),
        heading=f"Change the attendance of {row.full_name}",
        button="Save the attendance",
    )


@secretariat
def movement_edit(request, slug, day, pk):
    meeting = secretariat_meeting(request, slug, day)
    movement = _movement(meeting, pk)
    correcting = minutes_approved(meeting)
    form = forms.MovementForm(
        request.POST if request.method == "POST" else None,
        meeting=meeting,
        correcting=correcting,
        initial=forms.movement_initial(movement),
    )
    return record_screen(
        request,
        form,
        lambda: attendance_services.movement_update(
            actor=request.user,
            movement=movement,
            kind=MovementKind(form.cleaned_data["kind"]),
            item=form.cleaned_data["item"],
            note=form.cleaned_data["note"],
            reason=form.cleaned_data.get("reason", ""),
        ),
        done=lambda changed: f"Changed: {changed}.",
        next_url=_attendance_url(meeting),
        meeting=meeting,
        back=_attendance_url(meeting),
        heading="Change an arrival, departure or return",
        warning=CORRECTING if correcting else "",
        button="Save the change",
    )


@secretariat
def movement_remove(request, slug, day, pk):
    meeting = secretariat_meeting(request, slug, day)
    movement = _movement(meeting, pk)
    return _remove_screen(
        request,
        meeting,
        f"Remove: {attendance_services.movement_as_text(movement)}?",
        lambda reason: attendance_services.movement_remove(
            actor=request.user, movement=movement, reason=reason
        ),
    )


@secretariat
def declaration_edit(request, slug, day, pk):
    meeting = secretariat_meeting(request, slug, day)
    declaration = get_object_or_404(meeting.declarations, pk=pk)
    correcting = minutes_approved(meeting)
    form = forms.DeclarationForm(
        request.POST if request.method == "POST" else None,
        meeting=meeting,
        correcting=correcting,
        initial=forms.declaration_initial(declaration),
    )

    def change():
        data = form.cleaned_data
        return attendance_services.declaration_update(
            actor=request.user,
            declaration=declaration,
            attendance=data["attendance"],
            item=data["item"],
            interest_type=InterestType(data["interest_type"]),
            nature=data["nature"],
            ruling=Ruling(data["ruling"]),
            chaired_by=data["chaired_by"],
            reason=data.get("reason", ""),
        )

    return record_screen(
        request,
        form,
        change,
        done=lambda changed: f"Declaration of interest changed: {changed.attendance.full_name}.",
        next_url=_attendance_url(meeting),
        meeting=meeting,
        back=_attendance_url(meeting),
        heading="Change a declaration of interest",
        intro="Arrivals and departures recorded with it are changed on their own.",
        warning=CORRECTING if correcting else "",
        button="Save the change",
    )


@secretariat
def declaration_remove(request, slug, day, pk):
    meeting = secretariat_meeting(request, slug, day)
    declaration = get_object_or_404(meeting.declarations, pk=pk)
    return _remove_screen(
        request,
        meeting,
        f"Remove the declaration: {attendance_services.declaration_as_text(declaration)}",
        lambda reason: attendance_services.declaration_remove(
            actor=request.user, declaration=declaration, reason=reason
        ),
    )


@secretariat
@require_POST
def declarations_asked(request, slug, day):
    """Record whether the chair asked for declarations (so "none declared" is on record)."""
    meeting = secretariat_meeting(request, slug, day)
    form = forms.DeclarationsAskedForm(request.POST)
    if form.is_valid() and apply(
        form,
        lambda: attendance_services.declarations_asked_record(
            actor=request.user, meeting=meeting, asked=form.cleaned_data["declarations_asked"]
        ),
    ):
        messages.success(request, "Recorded whether declarations of interest were asked for.")
        return redirect(f"{_attendance_url(meeting)}#declarations")
    # The attendance again, with the error beside the question and in the page's summary.
    return _attendance_page(request, meeting, forms.AttendanceForm(meeting=meeting), form)


def _movement(meeting, pk):
    return get_object_or_404(
        Movement.objects.select_related("attendance__person", "item"),
        attendance__meeting=meeting,
        pk=pk,
    )


def _remove_screen(request, meeting, heading, remove):
    """Confirm removing something recorded (with a reason once the minutes are approved)."""
    correcting = minutes_approved(meeting)
    form = forms.RemoveForm(
        request.POST if request.method == "POST" else None, correcting=correcting
    )
    return record_screen(
        request,
        form,
        lambda: remove(form.cleaned_data.get("reason", "")),
        done="Removed. The history keeps the record as it was.",
        next_url=_attendance_url(meeting),
        meeting=meeting,
        back=_attendance_url(meeting),
        heading=heading,
        intro="The minutes will no longer show it.",
        warning=CORRECTING if correcting else "",
        button="Remove it",
    )
