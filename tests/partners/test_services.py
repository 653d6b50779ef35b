"""Services: permissions kept in step with memberships, history recorded, nothing half-saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from guardian.models import UserObjectPermission

from partners import permissions, services
from partners.models import Membership, Role
from tests.conftest import seat
from tests.factories import LONG_AGO, BoardFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_member_can_see_confidential_business_but_not_run_meetings(board, member):
    assert permissions.can_see_confidential(member, board)
    assert not permissions.can_manage_board(member, board)


def test_the_secretariat_runs_meetings(board, secretary):
    assert permissions.can_manage_board(secretary, board)
    assert permissions.can_see_board_history(secretary, board)


def test_membership_of_one_board_gives_nothing_on_another(board, secretary):
    other = BoardFactory()
    assert not permissions.can_see_confidential(secretary, other)
    assert not permissions.can_manage_board(secretary, other)


def test_a_member_whose_membership_ended_loses_access_at_once(board, member, client_as):
    services.membership_end(actor=None, membership=member.memberships.get())
    assert not permissions.can_see_confidential(member, board)
    assert not UserObjectPermission.objects.filter(user=member).exists()


def test_an_ended_secretary_loses_the_history_page_at_once(board, secretary, client_as):
    client = client_as("secretary")
    assert client.get("/boards/ics-board/history/").status_code == 200
    services.membership_end(actor=None, membership=secretary.memberships.get())
    assert client.get("/boards/ics-board/history/").status_code == 403


def test_changing_role_changes_permissions(board, member):
    membership = member.memberships.get()
    services.membership_change(
        actor=None, membership=membership, role=Role.SECRETARIAT, voting=False
    )
    assert permissions.can_manage_board(member, board)
    services.membership_change(actor=None, membership=membership, role=Role.MEMBER, voting=True)
    assert not permissions.can_manage_board(member, board)
    assert permissions.can_see_confidential(member, board)


def test_moving_a_membership_to_another_board_moves_the_access(board, member):
    other = BoardFactory()
    services.membership_change(actor=None, membership=member.memberships.get(), board=other)
    assert not permissions.can_see_confidential(member, board)
    assert permissions.can_see_confidential(member, other)


def test_deleting_a_membership_entered_in_error_removes_access(board, member):
    services.membership_delete(actor=None, membership=member.memberships.get())
    assert not permissions.can_see_confidential(member, board)


def test_a_membership_starting_tomorrow_gives_access_only_from_tomorrow(board):
    person = UserFactory()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    services.membership_start(
        actor=None, user=person, board=board, role=Role.MEMBER, starts_on=tomorrow
    )
    assert not permissions.can_see_confidential(person, board)
    services.board_permissions_refresh(on=tomorrow)
    assert permissions.can_see_confidential(person, board)


def test_the_nightly_refresh_ends_access_on_a_future_end_date(board, member):
    ends_on = timezone.localdate() + datetime.timedelta(days=7)
    services.membership_end(actor=None, membership=member.memberships.get(), ends_on=ends_on)
    assert permissions.can_see_confidential(member, board)
    checked = services.board_permissions_refresh(on=ends_on)
    assert checked == 1
    assert not permissions.can_see_confidential(member, board)


def test_the_refresh_withdraws_permissions_nobody_holds_a_membership_for(board, outsider):
    permissions.board_permissions_set(outsider, board, {permissions.MANAGE_MEETINGS})
    services.board_permissions_refresh()
    assert not permissions.can_manage_board(outsider, board)


def test_a_refused_membership_saves_nothing(board, chair):
    person = UserFactory()
    with pytest.raises(ValidationError):
        services.membership_start(actor=None, user=person, board=board, role=Role.CHAIR)
    assert not Membership.objects.filter(user=person).exists()
    assert not Membership.history.filter(user_id=person.pk).exists()
    assert not UserObjectPermission.objects.filter(user=person).exists()


def test_a_refused_change_keeps_the_old_membership_and_access(board, member):
    membership = member.memberships.get()
    with pytest.raises(ValidationError):
        services.membership_change(
            actor=None, membership=membership, ends_on=datetime.date(2019, 1, 1)
        )
    membership.refresh_from_db()
    assert membership.ends_on is None
    assert permissions.can_see_confidential(member, board)


def test_history_records_the_acting_person_and_reason(board, secretary):
    person = UserFactory()
    membership = services.membership_start(
        actor=secretary, user=person, board=board, role=Role.MEMBER, starts_on=LONG_AGO
    )
    services.membership_end(actor=secretary, membership=membership)
    records = list(membership.history.order_by("history_id"))
    assert [r.history_user for r in records] == [secretary, secretary]
    assert [r.history_change_reason for r in records] == [
        "Started membership as member",
        "Ended membership",
    ]


def test_voting_follows_the_role_unless_said(board):
    attending = seat(board, UserFactory(), Role.IN_ATTENDANCE)
    member = seat(board, UserFactory(), Role.MEMBER)
    assert (attending.voting, member.voting) == (False, True)


def test_deleting_a_board_forgets_the_permissions_held_on_it(board):
    other = BoardFactory()
    person = UserFactory()
    permissions.board_permissions_set(person, other, {permissions.SEE_CONFIDENTIAL})
    services.board_delete(actor=None, board=other)
    assert not UserObjectPermission.objects.filter(object_pk=str(other.pk)).exists()


def test_governance_admins_hold_no_model_wide_board_permission(governance_admin, board):
    assert not permissions.can_see_confidential(governance_admin, board)
    assert not permissions.can_manage_board(governance_admin, board)
    assert permissions.can_see_board_history(governance_admin, board)
    assert governance_admin.has_perm("partners.change_membership")
