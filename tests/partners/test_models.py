"""The rules a single row must keep, with the field each refusal names."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partners import services
from partners.models import Membership, Partnership, PartnershipKind, Role, User
from tests.conftest import seat
from tests.factories import BoardFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def errors_of(instance):
    with pytest.raises(ValidationError) as refused:
        instance.full_clean()
    return refused.value.message_dict


def test_a_membership_cannot_end_before_it_starts(board):
    membership = Membership(
        user=UserFactory(),
        board=board,
        role=Role.MEMBER,
        starts_on=datetime.date(2021, 4, 1),
        ends_on=datetime.date(2021, 3, 31),
    )
    assert "must end after it starts" in errors_of(membership)["ends_on"][0]


def test_a_membership_ending_the_day_it_starts_is_refused(board):
    day = datetime.date(2021, 4, 1)
    membership = Membership(user=UserFactory(), board=board, starts_on=day, ends_on=day)
    assert "ends_on" in errors_of(membership)


def test_a_second_active_chair_is_refused_naming_the_current_one(board, chair):
    second = Membership(user=UserFactory(), board=board, role=Role.CHAIR, voting=True)
    message = errors_of(second)["role"][0]
    assert "already has a chair" in message
    assert "David Flory" in message


def test_a_new_chair_may_start_the_day_the_old_one_ends(board, chair):
    handover = datetime.date(2024, 6, 1)
    services.membership_end(actor=None, membership=chair.memberships.get(), ends_on=handover)
    successor = Membership(
        user=UserFactory(), board=board, role=Role.CHAIR, voting=True, starts_on=handover
    )
    successor.full_clean()


def test_a_future_chair_overlapping_the_current_one_is_refused(board, chair):
    later = Membership(
        user=UserFactory(), board=board, role=Role.CHAIR, starts_on=datetime.date(2030, 1, 1)
    )
    assert "role" in errors_of(later)


def test_two_chairs_of_different_boards_are_fine(board, chair):
    other = BoardFactory()
    Membership(user=UserFactory(), board=other, role=Role.CHAIR).full_clean()


def test_one_person_cannot_hold_two_overlapping_seats_on_one_board(board, member):
    again = Membership(user=member, board=board, role=Role.IN_ATTENDANCE, voting=False)
    assert "already has a membership" in errors_of(again)["user"][0]


def test_people_in_attendance_and_the_secretariat_do_not_vote(board):
    for role in [Role.IN_ATTENDANCE, Role.SECRETARIAT]:
        membership = Membership(user=UserFactory(), board=board, role=role, voting=True)
        assert "do not vote" in errors_of(membership)["voting"][0]


def test_a_board_cannot_report_to_itself(board):
    board.reports_to = board
    assert errors_of(board)["reports_to"] == ["A board cannot report to itself."]


def test_a_board_cannot_report_to_its_own_descendant(board):
    executive = BoardFactory(name="System Leadership Executive", reports_to=board)
    cell = BoardFactory(name="Finance Cell", reports_to=executive)
    board.reports_to = cell
    message = errors_of(board)["reports_to"][0]
    assert "go round in a circle" in message
    assert "Finance Cell" in message


def test_a_board_may_report_to_a_board_elsewhere_in_the_tree(board):
    executive = BoardFactory(reports_to=board)
    sibling = BoardFactory(reports_to=board)
    executive.reports_to = sibling
    executive.full_clean()


def test_duplicate_board_slugs_are_refused_naming_the_slug(board):
    twin = BoardFactory.build(slug=board.slug, partnership=board.partnership)
    assert "Another board already uses this slug" in errors_of(twin)["slug"][0]


def test_an_icp_must_sit_inside_a_system():
    place = Partnership(name="Fylde Coast", slug="fylde-coast", kind=PartnershipKind.ICP)
    assert "inside an integrated care system" in errors_of(place)["parent"][0]
    place.parent = PartnershipFactory()
    place.full_clean()


def test_a_system_sits_inside_no_other():
    system = Partnership(
        name="Elsewhere", slug="elsewhere", kind=PartnershipKind.ICS, parent=PartnershipFactory()
    )
    assert "parent" in errors_of(system)


def test_email_addresses_are_unique_whatever_their_case():
    UserFactory(email="stephanie.betts@example.nhs.uk")
    twin = User(email="Stephanie.Betts@Example.NHS.uk", full_name="Twin", password="x")
    assert errors_of(twin)


def test_membership_is_active_from_its_start_until_the_day_it_ends(board):
    membership = seat(board, UserFactory(), Role.MEMBER)
    ends_on = datetime.date(2025, 1, 10)
    services.membership_end(actor=None, membership=membership, ends_on=ends_on)
    assert membership.is_active(on=ends_on - DAY)
    assert not membership.is_active(on=ends_on)
    assert list(Membership.objects.active(on=ends_on - DAY)) == [membership]
    assert not Membership.objects.active(on=ends_on).exists()
