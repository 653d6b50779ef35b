"""Writes about what happens at a meeting: attendance, comings and goings, declarations.

Same rules as every service: keyword-only arguments, the acting person, one transaction,
history with a reason.
"""

from django.db import transaction

from partners.audit import save_with_history
from partners.models import VOTING_ROLES, Membership, Role

from ..models import (
    HERE,
    Attendance,
    AttendanceKind,
    Declaration,
    MeetingStatus,
    Movement,
    MovementKind,
    Ruling,
)
from .base import refuse


def _seat_group(membership):
    return membership.constituency or membership.get_role_display()


@transaction.atomic
def attendance_prefill(*, actor, meeting):
    """List everyone with a seat on the board that day: members present, others in
    attendance. People already listed are left as they are. Returns how many were added."""
    listed = set(meeting.attendance.values_list("person_id", flat=True))
    seats = Membership.objects.active(meeting.date).filter(board=meeting.board)
    added = 0
    for seat in seats.select_related("user").order_by("user__full_name"):
        if seat.user_id in listed:
            continue
        kind = AttendanceKind.PRESENT if seat.role in VOTING_ROLES else AttendanceKind.IN_ATTENDANCE
        save_with_history(
            Attendance(
                meeting=meeting,
                person=seat.user,
                kind=kind,
                voting=seat.voting,
                group=_seat_group(seat),
            ),
            actor=actor,
            reason="Attendance from the board's memberships",
        )
        listed.add(seat.user_id)
        added += 1
    return added


@transaction.atomic
def attendance_record(*, actor, meeting, person, kind, on_behalf_of=None, group=None):
    """Record or change one person's attendance (present, deputy, apologies...), under the
    heading given (kept as it was when none is given)."""
    if kind == AttendanceKind.DEPUTY and on_behalf_of is None:
        refuse("on_behalf_of", "Say which member the deputy attends for.")
    attendance = meeting.attendance.filter(person=person).first() or Attendance(
        meeting=meeting, person=person
    )
    attendance.kind, attendance.on_behalf_of = kind, on_behalf_of
    if group is not None:
        attendance.group = group
    if kind == AttendanceKind.DEPUTY:
        # A deputy votes in the place of the member they attend for, if that member votes.
        seat = Membership.objects.active(meeting.date).filter(
            board=meeting.board, user=on_behalf_of
        )
        attendance.voting = seat.filter(voting=True).exists()
        attendance.group = attendance.group or f"On behalf of {on_behalf_of}"
    elif kind not in HERE:
        # Someone who is not there does not vote.
        attendance.voting = False
    return save_with_history(
        attendance, actor=actor, reason=f"Recorded as {AttendanceKind(kind).label.lower()}"
    )


def _check_at_meeting(attendance, meeting, item):
    """The person is present at this meeting, and the item (if any) is on its agenda."""
    if attendance.meeting_id != meeting.pk or not attendance.is_here:
        refuse("attendance", f"{attendance.person} is not recorded as present at this meeting.")
    if item is not None and item.meeting_id != meeting.pk:
        refuse("item", "The item belongs to another meeting.")


@transaction.atomic
def movement_record(*, actor, attendance, kind, item, note=""):
    """Record a late arrival, a departure or a return, at an agenda item.

    Arrivals, departures and returns must follow each other in agenda order: nobody leaves
    before they arrive, or returns without having left.
    """
    _check_at_meeting(attendance, attendance.meeting, item)
    moves = list(attendance.movements.select_related("item"))
    arrived = next((m.item.number for m in moves if m.kind == MovementKind.ARRIVED), None)
    last_left = max((m.item.number for m in moves if m.kind == MovementKind.LEFT), default=None)
    if kind == MovementKind.ARRIVED and moves:
        refuse("kind", f"{attendance.person}'s arrival is already recorded.")
    if kind == MovementKind.LEFT and arrived is not None and item.number < arrived:
        refuse(
            "item",
            f"{attendance.person} arrived at item {arrived}, so cannot leave at item "
            f"{item.reference}: a departure cannot come before the arrival.",
        )
    if kind == MovementKind.RETURNED and (last_left is None or item.number < last_left):
        refuse("kind", f"{attendance.person} has not left before item {item.reference}.")
    return save_with_history(
        Movement(attendance=attendance, kind=kind, item=item, note=note),
        actor=actor,
        reason=f"{MovementKind(kind).label} at item {item.reference}",
    )


def _chair_of(meeting, role):
    seat = (
        Membership.objects.active(meeting.date)
        .filter(board=meeting.board, role=role)
        .select_related("user")
        .first()
    )
    return seat.user if seat else None


@transaction.atomic
def declaration_record(
    *, actor, meeting, attendance, interest_type, nature, ruling, item=None, chaired_by=None
):
    """Record an interest declared at the meeting and the chair's ruling on it.

    If the chair declares, the deputy chair is recorded as chairing the item unless someone
    else is named. A ruling that the person leaves the room records them leaving at the item
    and returning at the next one.
    """
    if meeting.status not in MeetingStatus.taking_place():
        refuse("meeting", "Declarations are recorded for a published meeting that takes place.")
    _check_at_meeting(attendance, meeting, item)
    if not nature.strip():
        refuse("nature", "A ruling needs a declaration: describe the interest declared.")
    if ruling == Ruling.LEAVES and item is None:
        refuse("item", "Say which item the person leaves the room for.")
    if chaired_by is None and attendance.person == _chair_of(meeting, Role.CHAIR):
        chaired_by = _chair_of(meeting, Role.DEPUTY_CHAIR)
    declaration = save_with_history(
        Declaration(
            meeting=meeting,
            attendance=attendance,
            item=item,
            interest_type=interest_type,
            nature=nature.strip(),
            ruling=ruling,
            chaired_by=chaired_by,
        ),
        actor=actor,
        reason="Interest declared",
    )
    if ruling == Ruling.LEAVES:
        movement_record(actor=actor, attendance=attendance, kind=MovementKind.LEFT, item=item)
        following = meeting.items.filter(number__gt=item.number).order_by("number").first()
        if following is not None:
            movement_record(
                actor=actor, attendance=attendance, kind=MovementKind.RETURNED, item=following
            )
    return declaration
