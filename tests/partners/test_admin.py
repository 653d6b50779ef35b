"""The admin refuses bad input with a message naming the field, and saves nothing then."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission

from partners import permissions, services
from partners.models import Board, Membership, Role, User
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


# No escalation through the admin: only a superuser grants access to the admin itself.


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(
        "root@example.nhs.uk", "a-long-test-password", full_name="Sam Superuser"
    )


def person_form(person, **overrides):
    """The admin's change form of a person as stored, with some fields changed or forged."""
    data = {
        "email": person.email,
        "full_name": person.full_name,
        "job_title": person.job_title,
        "organisation": person.organisation_id or "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def escalation(**overrides):
    """What a forged POST adds to a person's form to widen her access."""
    admins = Group.objects.get(name=permissions.GOVERNANCE_ADMINS)
    return {
        "is_superuser": "on",
        "is_staff": "on",
        "groups": [admins.pk, Group.objects.create(name="Everything").pk],
        "user_permissions": [Permission.objects.get(codename="view_confidential").pk],
        **overrides,
    }


def access_of(person):
    person.refresh_from_db()
    return (
        person.is_superuser,
        person.is_staff,
        set(person.groups.values_list("name", flat=True)),
        set(person.user_permissions.values_list("codename", flat=True)),
    )


def form_fields(response):
    return set(response.context["adminform"].form.fields)


def test_governance_admin_cannot_make_herself_superuser(admin_client, governance_admin, board):
    before = access_of(governance_admin)
    response = admin_client.post(
        f"/admin/partners/user/{governance_admin.pk}/change/",
        person_form(governance_admin, job_title="Head of Governance", **escalation()),
    )
    assert response.status_code == 302
    assert (
        access_of(governance_admin) == before == (False, True, {"Governance administrators"}, set())
    )
    assert governance_admin.job_title == "Head of Governance"
    assert not permissions.can_see_confidential(User.objects.get(pk=governance_admin.pk), board)


def test_governance_admin_cannot_give_another_person_access(admin_client, member):
    response = admin_client.post(
        f"/admin/partners/user/{member.pk}/change/",
        person_form(member, job_title="Chief Officer", **escalation()),
    )
    assert response.status_code == 302
    assert access_of(member) == (False, False, set(), set())
    assert member.job_title == "Chief Officer"


def test_governance_admin_cannot_create_a_person_with_access(admin_client):
    response = admin_client.post(
        "/admin/partners/user/add/",
        {
            "email": "new.person@example.nhs.uk",
            "full_name": "New Person",
            "job_title": "",
            "organisation": "",
            "usable_password": "false",
            **escalation(),
        },
    )
    assert response.status_code == 302
    assert access_of(User.objects.get(email="new.person@example.nhs.uk")) == (
        False,
        False,
        set(),
        set(),
    )


def test_the_user_form_shows_her_only_what_she_may_change(admin_client, governance_admin, member):
    access = {"is_superuser", "is_staff", "groups", "user_permissions"}
    own = admin_client.get(f"/admin/partners/user/{governance_admin.pk}/change/")
    assert not form_fields(own) & access
    assert {"email", "password", "full_name", "is_active"} <= form_fields(own)
    other = admin_client.get(f"/admin/partners/user/{member.pk}/change/")
    assert not form_fields(other) & (access | {"email", "password"})
    assert "../password/" not in other.content.decode()
    assert {"full_name", "job_title", "organisation", "is_active"} == form_fields(other)


def test_governance_admin_cannot_set_another_persons_password(admin_client, member):
    url = f"/admin/partners/user/{member.pk}/password/"
    assert admin_client.get(url).status_code == 403
    new = "another-long-password-1"
    response = admin_client.post(
        url, {"password1": new, "password2": new, "usable_password": "true"}
    )
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.check_password("a-long-test-password")


def test_governance_admin_may_set_her_own_password(admin_client, governance_admin):
    assert (
        admin_client.get(f"/admin/partners/user/{governance_admin.pk}/password/").status_code == 200
    )


def test_governance_admin_cannot_change_a_superusers_account(admin_client, superuser):
    url = f"/admin/partners/user/{superuser.pk}/change/"
    assert admin_client.get(url).status_code == 200  # to read, not to change
    response = admin_client.post(url, person_form(superuser, email="grace@example.nhs.uk"))
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert (superuser.email, superuser.is_active) == ("root@example.nhs.uk", True)
    assert (
        admin_client.post(
            f"/admin/partners/user/{superuser.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    bulk = admin_client.post(
        "/admin/partners/user/",
        {"action": "delete_selected", "_selected_action": [superuser.pk], "post": "yes"},
    )
    assert bulk.status_code == 403
    assert User.objects.filter(pk=superuser.pk).exists()


@pytest.mark.parametrize("path", ["/admin/auth/group/", "/admin/auth/group/add/"])
def test_governance_admin_cannot_reach_groups(admin_client, path):
    assert admin_client.get(path).status_code == 403
    assert admin_client.post(path, {"name": "Mine", "permissions": []}).status_code == 403
    assert not Group.objects.filter(name="Mine").exists()


def test_superuser_grants_staff_and_groups_in_the_history(client_as, superuser, member):
    admins = Group.objects.get(name=permissions.GOVERNANCE_ADMINS)
    client = client_as("superuser")
    page = client.get(f"/admin/partners/user/{member.pk}/change/")
    assert {"is_staff", "is_superuser", "groups", "email", "password"} <= form_fields(page)
    response = client.post(
        f"/admin/partners/user/{member.pk}/change/",
        person_form(member, is_staff="on", groups=[admins.pk]),
    )
    assert response.status_code == 302
    assert access_of(member) == (False, True, {"Governance administrators"}, set())
    latest = member.history.latest()
    assert (latest.is_staff, latest.history_user) == (True, superuser)
    # simple-history does not follow many-to-many fields: the admin's log names the groups.
    entry = LogEntry.objects.get(object_id=str(member.pk))
    assert entry.user == superuser
    assert "Groups" in entry.get_change_message()


def test_an_admin_change_to_a_person_is_in_the_history_with_its_user(
    admin_client, governance_admin, member
):
    admin_client.post(
        f"/admin/partners/user/{member.pk}/change/", person_form(member, job_title="Chief Officer")
    )
    latest = member.history.latest()
    assert (latest.job_title, latest.history_user) == ("Chief Officer", governance_admin)


def test_governance_admin_cannot_give_herself_a_seat(admin_client, board, governance_admin):
    response = admin_client.post(
        "/admin/partners/membership/add/",
        membership_form(board, governance_admin, role=Role.SECRETARIAT, voting=None),
    )
    assert "another administrator must" in field_errors(response)["user"][0]
    assert not Membership.objects.filter(user=governance_admin).exists()
    assert not permissions.can_manage_board(governance_admin, board)


def test_governance_admin_cannot_move_a_seat_to_herself(
    admin_client, board, member, governance_admin
):
    response = change_membership(admin_client, member.memberships.get(), governance_admin)
    assert "another administrator must" in field_errors(response)["user"][0]
    assert not permissions.can_see_confidential(governance_admin, board)


def test_governance_admin_cannot_change_her_own_seat(
    admin_client, board, governance_admin, superuser
):
    seat = services.membership_start(
        actor=superuser, user=governance_admin, board=board, role=Role.IN_ATTENDANCE
    )
    response = change_membership(admin_client, seat, governance_admin, role=Role.SECRETARIAT)
    assert response.status_code == 403
    seat.refresh_from_db()
    assert seat.role == Role.IN_ATTENDANCE
    delete = f"/admin/partners/membership/{seat.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    bulk = admin_client.post(
        "/admin/partners/membership/",
        {"action": "delete_selected", "_selected_action": [seat.pk], "post": "yes"},
    )
    assert bulk.status_code == 403
    assert Membership.objects.filter(pk=seat.pk).exists()


def test_superuser_may_give_herself_a_seat(client_as, board, superuser):
    response = client_as("superuser").post(
        "/admin/partners/membership/add/",
        membership_form(board, superuser, role=Role.SECRETARIAT, voting=None),
    )
    assert response.status_code == 302
    assert Membership.objects.get(user=superuser).history.get().history_user == superuser


def test_reverting_a_person_to_a_version_with_access_restores_none(admin_client, superuser, member):
    member.is_superuser = member.is_staff = True
    services.record_save(actor=superuser, instance=member)
    version = member.history.latest()
    member.is_superuser = member.is_staff = False
    services.record_save(actor=superuser, instance=member, reason="No longer an administrator")
    response = admin_client.post(
        f"/admin/partners/user/{member.pk}/history/{version.history_id}/",
        person_form(member, **escalation()),
    )
    assert response.status_code == 302
    assert access_of(member) == (False, False, set(), set())


def test_reverting_an_account_she_may_only_read_is_refused(admin_client, superuser):
    version = superuser.history.latest()
    response = admin_client.post(
        f"/admin/partners/user/{superuser.pk}/history/{version.history_id}/",
        person_form(superuser, full_name="Someone Else", is_active=""),
    )
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert (superuser.full_name, superuser.is_active) == ("Sam Superuser", True)


def test_reverting_her_own_seat_is_refused(admin_client, board, governance_admin, superuser):
    seat = services.membership_start(
        actor=superuser, user=governance_admin, board=board, role=Role.SECRETARIAT
    )
    version = seat.history.latest()
    services.membership_change(actor=superuser, membership=seat, role=Role.IN_ATTENDANCE)
    response = admin_client.post(
        f"/admin/partners/membership/{seat.pk}/history/{version.history_id}/",
        membership_form(board, governance_admin, role=Role.SECRETARIAT, voting=None),
    )
    assert response.status_code == 403
    seat.refresh_from_db()
    assert seat.role == Role.IN_ATTENDANCE


def test_governance_admin_adds_a_person_without_choosing_their_password(admin_client):
    form_page = admin_client.get("/admin/partners/user/add/")
    assert b'name="password1"' not in form_page.content
    assert b'name="usable_password"' not in form_page.content
    response = admin_client.post(
        "/admin/partners/user/add/",
        {
            "email": "invited.person@example.nhs.uk",
            "full_name": "Invited Person",
            "job_title": "",
            "organisation": "",
            # Forged: fields the form no longer shows her.
            "usable_password": "true",
            "password1": "a-password-she-would-know",
            "password2": "a-password-she-would-know",
        },
    )
    assert response.status_code == 302
    person = User.objects.get(email="invited.person@example.nhs.uk")
    assert not person.has_usable_password()
    assert not person.check_password("a-password-she-would-know")


def test_superuser_still_chooses_a_new_persons_password(client_as, superuser):
    client = client_as("superuser")
    assert b'name="password1"' in client.get("/admin/partners/user/add/").content
    response = client.post(
        "/admin/partners/user/add/",
        {
            "email": "new.starter@example.nhs.uk",
            "full_name": "New Starter",
            "job_title": "",
            "organisation": "",
            "usable_password": "true",
            "password1": "a-long-starting-passphrase",
            "password2": "a-long-starting-passphrase",
        },
    )
    assert response.status_code == 302
    person = User.objects.get(email="new.starter@example.nhs.uk")
    assert person.check_password("a-long-starting-passphrase")
