"""The admin refuses bad input with a message naming the field, and saves nothing then."""

import datetime

import pytest

from partners import permissions
from partners.models import Board, Membership, Role
from tests.factories import BoardFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_as, governance_admin):
    return client_as("governance_admin")


def membership_form(board, user, **overrides):
    data = {
        "user": user.pk,
        "board": board.pk,
        "role": Role.MEMBER,
        "voting": "on",
        "representing": "",
        "constituency": "",
        "starts_on": "2021-04-01",
        "ends_on": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def field_errors(response):
    return {
        name: list(errors) for name, errors in response.context["adminform"].form.errors.items()
    }


def test_admin_adds_a_membership_and_grants_access(admin_client, board, governance_admin):
    person = UserFactory()
    response = admin_client.post("/admin/partners/membership/add/", membership_form(board, person))
    assert response.status_code == 302
    membership = Membership.objects.get(user=person)
    assert permissions.can_see_confidential(person, board)
    assert membership.history.get().history_user == governance_admin


def test_admin_refuses_a_membership_ending_before_it_starts(admin_client, board):
    person = UserFactory()
    response = admin_client.post(
        "/admin/partners/membership/add/",
        membership_form(board, person, starts_on="2021-04-01", ends_on="2021-03-01"),
    )
    assert response.status_code == 200
    assert "must end after it starts" in field_errors(response)["ends_on"][0]
    assert not Membership.objects.filter(user=person).exists()


def test_admin_refuses_a_second_chair(admin_client, board, chair):
    person = UserFactory()
    response = admin_client.post(
        "/admin/partners/membership/add/",
        membership_form(board, person, role=Role.CHAIR, starts_on="2024-01-01"),
    )
    assert "already has a chair" in field_errors(response)["role"][0]
    assert not Membership.objects.filter(user=person).exists()
    assert not permissions.can_see_confidential(person, board)


def change_membership(admin_client, membership, user, **overrides):
    """Posts the admin's change form of a membership as stored, with some fields changed."""
    stored = {
        "representing": membership.representing_id,
        "starts_on": membership.starts_on.isoformat(),
    }
    return admin_client.post(
        f"/admin/partners/membership/{membership.pk}/change/",
        membership_form(membership.board, user, **(stored | overrides)),
    )


def test_admin_ending_a_membership_removes_access(admin_client, board, member):
    membership = member.memberships.get()
    today = datetime.date.today().isoformat()
    response = change_membership(admin_client, membership, member, ends_on=today)
    assert response.status_code == 302
    assert not permissions.can_see_confidential(member, board)


def test_admin_deleting_a_membership_removes_access(admin_client, board, member):
    membership = member.memberships.get()
    response = admin_client.post(
        f"/admin/partners/membership/{membership.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not permissions.can_see_confidential(member, board)


def board_form(board, **overrides):
    data = {
        "name": board.name,
        "slug": board.slug,
        "partnership": board.partnership_id,
        "reports_to": board.reports_to_id or "",
        "kind": board.kind,
        "purpose": board.purpose,
        "terms_of_reference": "",
        "meets_in_public": "on",
        "notice_clear_working_days": 5,
        "quorum_voting_members": board.quorum_voting_members,
        "quorum_requirements-TOTAL_FORMS": 0,
        "quorum_requirements-INITIAL_FORMS": 0,
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
    }
    data.update(overrides)
    return data


def test_admin_refuses_a_board_reporting_to_its_own_descendant(admin_client, board):
    executive = BoardFactory(name="System Leadership Executive", reports_to=board)
    response = admin_client.post(
        f"/admin/partners/board/{board.pk}/change/",
        board_form(board, reports_to=executive.pk, name="Renamed"),
    )
    assert "go round in a circle" in field_errors(response)["reports_to"][0]
    board.refresh_from_db()
    assert (board.reports_to, board.name) == (None, "ICS Board")


def test_admin_refuses_a_duplicate_slug(admin_client, board):
    other = BoardFactory()
    response = admin_client.post(
        f"/admin/partners/board/{other.pk}/change/", board_form(other, slug=board.slug)
    )
    assert "already uses this slug" in field_errors(response)["slug"][0]


def test_a_bad_quorum_line_saves_nothing_of_the_board(admin_client, board):
    response = admin_client.post(
        f"/admin/partners/board/{board.pk}/change/",
        board_form(
            board,
            name="Renamed",
            **{
                "quorum_requirements-TOTAL_FORMS": 2,
                "quorum_requirements-0-organisation_kind": "county_council",
                "quorum_requirements-0-minimum": 1,
                "quorum_requirements-1-organisation_kind": "county_council",
                "quorum_requirements-1-minimum": 2,
            },
        ),
    )
    assert response.status_code == 200
    board.refresh_from_db()
    assert board.name == "ICS Board"
    assert not board.quorum_requirements.exists()


def test_admin_saves_a_board_with_its_quorum_rule(admin_client, board):
    response = admin_client.post(
        f"/admin/partners/board/{board.pk}/change/",
        board_form(
            board,
            **{
                "quorum_requirements-TOTAL_FORMS": 1,
                "quorum_requirements-0-organisation_kind": "county_council",
                "quorum_requirements-0-minimum": 1,
            },
        ),
    )
    assert response.status_code == 302
    assert str(Board.objects.get(pk=board.pk).quorum_requirements.get()) == (
        "at least 1 from county council"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/admin/partners/organisation/",
        "/admin/partners/partnership/",
        "/admin/partners/board/",
        "/admin/partners/membership/",
        "/admin/partners/user/",
        "/admin/partners/user/add/",
        "/admin/partners/quorumrequirement/",
    ],
)
def test_every_admin_list_opens_for_governance_admins(admin_client, member, path):
    assert admin_client.get(path).status_code == 200


def test_every_admin_shows_history(admin_client, board, member):
    membership = member.memberships.get()
    for model, pk in [("board", board.pk), ("membership", membership.pk), ("user", member.pk)]:
        response = admin_client.get(f"/admin/partners/{model}/{pk}/history/")
        assert response.status_code == 200, model


def test_admin_moving_a_membership_to_another_person_moves_the_access(admin_client, board, member):
    successor = UserFactory()
    response = change_membership(admin_client, member.memberships.get(), successor)
    assert response.status_code == 302
    assert permissions.can_see_confidential(successor, board)
    assert not permissions.can_see_confidential(member, board)
