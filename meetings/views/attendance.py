"""Recording who was at a meeting: the secretariat's attendance screen (filled in from the
board's seats), arrivals and departures at agenda items, and declarations of interest with the
chair's ruling."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..forms import attendance as forms
from ..models import AttendanceKind, InterestType, MovementKind, Ruling
from ..selectors import attendance as attendance_selectors
from ..services import attendance as attendance_services
from .base import apply, record_screen, secretariat, secretariat_meeting


def _attendance_url(meeting):
    return reverse("meetings:attendance", args=meeting.url_args())


@secretariat
def attendance(request, slug, day):
    """Who was at the meeting, with the form to record or change one person's attendance."""
    meeting = secretariat_meeting(request, slug, day)
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
            return redirect(_attendance_url(meeting))
    return render(
        request,
        "meetings/manage/attendance.html",
        {
            "meeting": meeting,
            "screen": attendance_selectors.attendance_screen(meeting),
            "form": form,
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
            f"Declaration of interest recorded: {declaration.attendance.person.full_name}."
        ),
        next_url=_attendance_url(meeting),
        meeting=meeting,
        back=_attendance_url(meeting),
        heading="Record a declaration of interest",
        intro="If the chair rules that the person leaves the room, their leaving at the item "
        "and their return at the next one are recorded too.",
        button="Record the declaration",
    )
