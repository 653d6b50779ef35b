"""Attendance, comings and goings, and declarations of interest at a meeting."""

import pytest
from django.core.exceptions import ValidationError

from meetings.models import AttendanceKind, InterestType, MovementKind, Ruling
from meetings.services import attendance as at_meeting
from partners.models import Role
from tests.conftest import seat
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def refusal(call, field):
    with pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.message_dict[field])


def item(meeting, title):
    return meeting.items.get(title=title)


def test_attendance_starts_from_the_boards_memberships(held, member, chair, secretary):
    listed = {a.person: (a.kind, a.voting) for a in held.attendance.all()}
    assert listed[member] == (AttendanceKind.PRESENT, True)
    assert listed[chair] == (AttendanceKind.PRESENT, True)
    assert listed[secretary] == (AttendanceKind.IN_ATTENDANCE, False)
    assert at_meeting.attendance_prefill(actor=secretary, meeting=held) == 0


def test_apologies_and_a_deputy_who_votes_in_the_members_place(held, member, secretary):
    absent = at_meeting.attendance_record(
        actor=secretary, meeting=held, person=member, kind=AttendanceKind.APOLOGIES
    )
    assert absent.voting is False  # prefilled as a voting member, but not there to vote
    deputy = UserFactory(full_name="Jerry Hawker")
    recorded = at_meeting.attendance_record(
        actor=secretary,
        meeting=held,
        person=deputy,
        kind=AttendanceKind.DEPUTY,
        on_behalf_of=member,
    )
    assert (recorded.voting, recorded.group) == (True, "On behalf of Amanda Doyle")
    with pytest.raises(ValidationError):
        at_meeting.attendance_record(
            actor=secretary, meeting=held, person=UserFactory(), kind=AttendanceKind.DEPUTY
        )


def test_a_departure_cannot_come_before_the_arrival(held, member, secretary):
    attendance = held.attendance.get(person=member)
    at_meeting.movement_record(
        actor=secretary,
        attendance=attendance,
        kind=MovementKind.ARRIVED,
        item=item(held, "Clinical Strategy"),
    )
    message = refusal(
        lambda: at_meeting.movement_record(
            actor=secretary,
            attendance=attendance,
            kind=MovementKind.LEFT,
            item=item(held, "Finance Report"),
        ),
        "item",
    )
    assert "cannot come before the arrival" in message
    assert attendance.movements.count() == 1


def test_nobody_returns_without_having_left(held, member, secretary):
    attendance = held.attendance.get(person=member)
    assert "has not left" in refusal(
        lambda: at_meeting.movement_record(
            actor=secretary,
            attendance=attendance,
            kind=MovementKind.RETURNED,
            item=item(held, "Finance Report"),
        ),
        "kind",
    )


def declare(held, secretary, attendance, **fields):
    values = {
        "interest_type": InterestType.FINANCIAL,
        "nature": "Non-executive director of a provider bidding for the service",
        "ruling": Ruling.LEAVES,
        "item": item(held, "Clinical Strategy"),
    }
    return at_meeting.declaration_record(
        actor=secretary, meeting=held, attendance=attendance, **(values | fields)
    )


def test_leaving_the_room_records_the_departure_and_the_return(held, member, secretary):
    attendance = held.attendance.get(person=member)
    declare(held, secretary, attendance)
    moves = [(m.kind, m.item.title) for m in attendance.movements.all()]
    assert moves == [("left", "Clinical Strategy"), ("returned", "Pathology Collaborative")]


def test_a_declaration_by_someone_not_present_is_refused(held, member, secretary):
    at_meeting.attendance_record(
        actor=secretary, meeting=held, person=member, kind=AttendanceKind.APOLOGIES
    )
    attendance = held.attendance.get(person=member)
    assert "not recorded as present" in refusal(
        lambda: declare(held, secretary, attendance), "attendance"
    )
    assert not held.declarations.exists()


def test_a_ruling_without_a_declaration_is_refused(held, member, secretary):
    attendance = held.attendance.get(person=member)
    assert "describe the interest" in refusal(
        lambda: declare(held, secretary, attendance, nature="  "), "nature"
    )
    assert not attendance.movements.exists()


def test_when_the_chair_is_conflicted_the_deputy_chairs_the_item(held, chair, board, secretary):
    deputy = UserFactory(full_name="Isla Wilson")
    seat(board, deputy, Role.DEPUTY_CHAIR)
    attendance = held.attendance.get(person=chair)
    declaration = declare(held, secretary, attendance, ruling=Ruling.SPEAKS_NOT_VOTES)
    assert declaration.chaired_by == deputy
    assert not attendance.movements.exists()


def test_declarations_need_a_published_meeting(meeting, member, secretary):
    at_meeting.attendance_prefill(actor=secretary, meeting=meeting)
    attendance = meeting.attendance.get(person=member)
    assert "published meeting" in refusal(
        lambda: at_meeting.declaration_record(
            actor=secretary,
            meeting=meeting,
            attendance=attendance,
            interest_type=InterestType.PERSONAL,
            nature="Spouse works for the trust",
            ruling=Ruling.TAKES_PART,
        ),
        "meeting",
    )
