"""Writes about what happens at a meeting: attendance, comings and goings, declarations.

Same rules as every service: keyword-only arguments, the acting person, one transaction,
history with a reason.
"""

from django.db import transaction

from partners.audit import delete_with_history, save_with_history
from partners.models import VOTING_ROLES, Membership, Role

from ..models import (
    HERE,
    Attendance,
    AttendanceKind,
    Correction,
    Declaration,
    DeclarationsAsked,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Movement,
    MovementKind,
    Ruling,
)
from .base import refuse, refuse_unless, save, unchanged


def _seat_group(membership):
    return membership.constituency or membership.get_role_display()


def _organisation_of(person):
    return person.organisation.name if person.organisation_id else ""


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
                job_title=seat.user.job_title,
                organisation_name=_organisation_of(seat.user),
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


def _check_part_of_meeting(meeting, kind, from_item, until_item):
    """Presence for part of the meeting names items of this meeting, in agenda order."""
    for field, item in (("from_item", from_item), ("until_item", until_item)):
        refuse_unless(
            item is None or item.meeting_id == meeting.pk,
            field,
            f"Item {item.reference if item else ''} is on the agenda of another meeting: "
            "presence for part of the meeting names items of this meeting.",
        )
    if (from_item or until_item) and kind not in HERE:
        refuse("from_item", "Only someone at the meeting is present for part of it.")
    if from_item and until_item and until_item.number < from_item.number:
        refuse(
            "until_item",
            f"Item {until_item.reference} comes before item {from_item.reference}: someone "
            "present for part of the meeting is there until an item after they come.",
        )


def _row_for(meeting, person, name, attendance):
    if attendance is not None:
        refuse_unless(
            attendance.meeting_id == meeting.pk,
            "attendance",
            "This attendance belongs to another meeting.",
        )
        return attendance
    if person is not None:
        found = meeting.attendance.filter(person=person).first()
        return found or Attendance(
            meeting=meeting,
            person=person,
            job_title=person.job_title,
            organisation_name=_organisation_of(person),
        )
    refuse_unless(
        name.strip(), "name", "Choose a person, or give the name of someone without an account."
    )
    found = meeting.attendance.filter(person=None, name__iexact=name.strip()).first()
    return found or Attendance(meeting=meeting, name=name.strip())


@transaction.atomic
def attendance_record(
    *,
    actor,
    meeting,
    person=None,
    kind,
    on_behalf_of=None,
    group=None,
    name="",
    organisation_name=None,
    job_title=None,
    from_item=None,
    until_item=None,
    attendance=None,
):
    """Record or change one person's attendance (present, deputy, apologies, observer...),
    under the heading given (kept as it was when none is given).

    Someone without an account is recorded by name (and organisation). The job title and
    organisation are kept on the row as they are on the day (the person's own, unless
    given), so old minutes keep them when they change. `from_item`/`until_item` record
    presence for part of the meeting. `attendance` names the row to change.
    """
    if kind == AttendanceKind.DEPUTY and on_behalf_of is None:
        refuse("on_behalf_of", "Say which member the deputy attends for.")
    _check_part_of_meeting(meeting, kind, from_item, until_item)
    attendance = _row_for(meeting, person, name, attendance)
    if attendance.person_id is None and name.strip():
        attendance.name = name.strip()
    if job_title is not None:
        attendance.job_title = job_title.strip()
    if organisation_name is not None:
        attendance.organisation_name = organisation_name.strip()
    attendance.kind, attendance.on_behalf_of = kind, on_behalf_of
    attendance.from_item, attendance.until_item = from_item, until_item
    if group is not None:
        attendance.group = group
    if kind == AttendanceKind.DEPUTY:
        # A deputy votes in the place of the member they attend for, if that member votes.
        seat = Membership.objects.active(meeting.date).filter(
            board=meeting.board, user=on_behalf_of
        )
        attendance.voting = seat.filter(voting=True).exists()
        attendance.group = attendance.group or f"On behalf of {on_behalf_of}"
    elif kind not in HERE or attendance.person_id is None:
        # Someone who is not there does not vote, nor does anyone without a seat.
        attendance.voting = False
    return save(attendance, actor, f"Recorded as {AttendanceKind(kind).label.lower()}")


def _check_at_meeting(attendance, meeting, item):
    """The person is present at this meeting, and the item (if any) is on its agenda."""
    if attendance.meeting_id != meeting.pk or not attendance.is_here:
        refuse("attendance", f"{attendance.full_name} is not recorded as present at this meeting.")
    if item is not None and item.meeting_id != meeting.pk:
        refuse("item", "The item belongs to another meeting.")


def _check_order(attendance, moves, kind, item):
    """Arrivals, departures and returns follow each other in agenda order: nobody leaves
    before they arrive, or returns without having left. `moves` are the person's others."""
    who = attendance.full_name
    arrival = next((m.item for m in moves if m.kind == MovementKind.ARRIVED), None)
    last_left = max((m.item.number for m in moves if m.kind == MovementKind.LEFT), default=None)
    if kind == MovementKind.ARRIVED and moves:
        refuse("kind", f"{who}'s arrival is already recorded.")
    if kind == MovementKind.LEFT and arrival is not None and item.number < arrival.number:
        refuse(
            "item",
            f"{who} arrived at item {arrival.reference}, so cannot leave at item "
            f"{item.reference}: a departure cannot come before the arrival.",
        )
    if kind == MovementKind.RETURNED and (last_left is None or item.number < last_left):
        refuse("kind", f"{who} has not left before item {item.reference}.")


@transaction.atomic
def movement_record(*, actor, attendance, kind, item, note=""):
    """Record a late arrival, a departure or a return, at an agenda item.

    Arrivals, departures and returns must follow each other in agenda order: nobody leaves
    before they arrive, or returns without having left.
    """
    _check_at_meeting(attendance, attendance.meeting, item)
    _check_order(attendance, list(attendance.movements.select_related("item")), kind, item)
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
    if (
        chaired_by is None
        and attendance.person_id
        and attendance.person == _chair_of(meeting, Role.CHAIR)
    ):
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


# Correcting what was recorded: free until the minutes are approved (the history keeps every
# version), then only by a correction with its reason, which the minutes show.


def _minutes_approved(meeting):
    return Minutes.objects.filter(meeting=meeting, status=MinutesStatus.APPROVED).first()


def _correct_or_change(meeting, actor, reason, item, before, after):
    """After approval, a change to the record is a correction with its reason; before, the
    history is enough."""
    minutes = _minutes_approved(meeting)
    if minutes is None:
        return
    refuse_unless(
        reason.strip(),
        "reason",
        "These minutes are approved: give the reason for the correction, shown on the minutes.",
    )
    refuse_unless(before != after, "reason", "The correction changes nothing.")
    save_with_history(
        Correction(
            minutes=minutes,
            item=item,
            reason=reason.strip(),
            before=before,
            after=after,
            made_by=actor,
        ),
        actor=actor,
        reason="Correction recorded",
    )


def _why(reason, default):
    return f"Correction: {reason.strip()}" if reason.strip() else default


def movement_as_text(movement):
    note = f" ({movement.note})" if movement.note else ""
    return f"{movement}{note}"


@transaction.atomic
def movement_update(*, actor, movement, kind, item, note="", reason=""):
    """Change a recorded arrival, departure or return; once the minutes are approved, only
    as a correction with a reason."""
    attendance = movement.attendance
    _check_at_meeting(attendance, attendance.meeting, item)
    others = list(attendance.movements.exclude(pk=movement.pk).select_related("item"))
    _check_order(attendance, others, kind, item)
    before = movement_as_text(movement)
    movement.kind, movement.item, movement.note = kind, item, note.strip()
    if unchanged(movement):
        return movement  # saved as it was: nothing to change or to correct
    _correct_or_change(attendance.meeting, actor, reason, item, before, movement_as_text(movement))
    return save_with_history(movement, actor=actor, reason=_why(reason, "Movement changed"))


@transaction.atomic
def movement_remove(*, actor, movement, reason=""):
    """Remove a recorded arrival, departure or return; once the minutes are approved, only
    as a correction with a reason."""
    attendance = movement.attendance
    before = movement_as_text(movement)
    _correct_or_change(attendance.meeting, actor, reason, movement.item, before, "(removed)")
    delete_with_history(movement, actor=actor, reason=_why(reason, "Movement removed"))
    return before


def declaration_as_text(declaration):
    where = f"at item {declaration.item.reference}" if declaration.item_id else "at the start"
    return (
        f"{declaration.attendance.full_name} declared a "
        f"{declaration.get_interest_type_display().lower()} interest {where}: "
        f"{declaration.nature_sentence} Ruling: {declaration.get_ruling_display().lower()}."
    )


@transaction.atomic
def declaration_update(
    *,
    actor,
    declaration,
    attendance,
    interest_type,
    nature,
    ruling,
    item=None,
    chaired_by=None,
    reason="",
):
    """Change a recorded declaration of interest; once the minutes are approved, only as a
    correction with a reason. Comings and goings recorded with it are corrected on their
    own."""
    meeting = declaration.meeting
    _check_at_meeting(attendance, meeting, item)
    if not nature.strip():
        refuse("nature", "A ruling needs a declaration: describe the interest declared.")
    if ruling == Ruling.LEAVES and item is None:
        refuse("item", "Say which item the person leaves the room for.")
    before = declaration_as_text(declaration)
    declaration.attendance, declaration.item = attendance, item
    declaration.interest_type, declaration.nature = interest_type, nature.strip()
    declaration.ruling, declaration.chaired_by = ruling, chaired_by
    if unchanged(declaration):
        return declaration  # saved as it was: nothing to change or to correct
    _correct_or_change(meeting, actor, reason, item, before, declaration_as_text(declaration))
    return save_with_history(declaration, actor=actor, reason=_why(reason, "Declaration changed"))


@transaction.atomic
def declaration_remove(*, actor, declaration, reason=""):
    """Remove a declaration recorded by mistake; once the minutes are approved, only as a
    correction with a reason."""
    before = declaration_as_text(declaration)
    _correct_or_change(declaration.meeting, actor, reason, declaration.item, before, "(removed)")
    delete_with_history(declaration, actor=actor, reason=_why(reason, "Declaration removed"))
    return before


def _minutes_for_update(meeting, actor):
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None:
        minutes = save_with_history(Minutes(meeting=meeting), actor=actor, reason="Minutes begun")
    return minutes


@transaction.atomic
def declarations_asked_record(*, actor, meeting, asked):
    """Record whether the chair asked for declarations of interest, so that "no interests
    were declared" is on the record, distinct from "not asked"."""
    refuse_unless(
        asked in DeclarationsAsked.values,
        "declarations_asked",
        "Choose whether the chair asked for declarations.",
    )
    if asked == DeclarationsAsked.NOT_ASKED and meeting.declarations.exists():
        refuse(
            "declarations_asked",
            "Interests were declared at this meeting, so the chair asked for declarations.",
        )
    minutes = _minutes_for_update(meeting, actor)
    refuse_unless(
        not minutes.is_approved,
        "declarations_asked",
        "These minutes are approved: what was asked cannot change.",
    )
    minutes.declarations_asked = asked
    return save_with_history(
        minutes, actor=actor, reason=f"Declarations: {DeclarationsAsked(asked).label.lower()}"
    )
