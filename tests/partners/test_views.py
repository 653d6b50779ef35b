"""The pages of boards and partners: what they show, and what they cost."""

import re
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from partners import services
from partners.models import OrganisationKind, QuorumRequirement, Role
from tests.conftest import seat, text_of
from tests.factories import BoardFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_board_page_groups_members_by_role_with_their_organisation(
    client, board, chair, member, secretary
):
    QuorumRequirement.objects.create(
        board=board, organisation_kind=OrganisationKind.COUNTY_COUNCIL, minimum=1
    )
    page = text_of(client.get("/boards/ics-board/"))
    headings = ["Chair of ICS Board", "David Flory", "Members of ICS Board", "Amanda Doyle"]
    headings += ["Secretariat of ICS Board", "Stephanie Betts"]
    places = [page.index(text) for text in headings]
    assert places == sorted(places)
    assert "Amanda Doyle Director East Lancashire Hospitals NHS Trust" in page
    assert "At least 8 voting members present, including at least 1 from county council." in page


def test_board_page_leaves_out_ended_memberships(client, board, member):
    services.membership_end(actor=None, membership=member.memberships.get())
    assert "Amanda Doyle" not in text_of(client.get("/boards/ics-board/"))


def test_board_page_links_the_board_it_reports_to_and_those_reporting_to_it(client, board):
    executive = BoardFactory(name="System Leadership Executive", reports_to=board)
    BoardFactory(name="Finance Cell", reports_to=executive)
    page = client.get(f"/boards/{executive.slug}/").content.decode()
    assert 'href="/boards/ics-board/"' in page
    assert "Finance Cell" in page


def fill_board(board, people):
    organisation = OrganisationFactory()
    for _ in range(people):
        seat(board, UserFactory(organisation=organisation), Role.MEMBER, representing=organisation)


def count_queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("url", "fill"),
    [
        ("/boards/ics-board/", fill_board),
        ("/boards/", lambda board, n: [BoardFactory() for _ in range(n)]),
        ("/partners/", lambda board, n: [OrganisationFactory() for _ in range(n)]),
        ("/", lambda board, n: [BoardFactory() for _ in range(n)]),
    ],
)
def test_pages_cost_the_same_queries_for_5_or_50_rows(
    client, board, url, fill, django_assert_max_num_queries
):
    fill(board, 5)
    few = count_queries(client, url, django_assert_max_num_queries, 10)
    fill(board, 45)
    assert count_queries(client, url, django_assert_max_num_queries, 10) == few


def test_partner_page_lists_its_seats_on_boards(client, board, member, organisation):
    page = text_of(client.get("/partners/elht/"))
    assert "ICS Board Amanda Doyle Member" in page


def test_partner_page_costs_the_same_queries_for_many_seats(
    client, board, organisation, django_assert_max_num_queries
):
    def add_seats(n):
        for _ in range(n):
            seat(BoardFactory(), UserFactory(), Role.MEMBER, representing=organisation)

    add_seats(3)
    few = count_queries(client, "/partners/elht/", django_assert_max_num_queries, 10)
    add_seats(30)
    assert count_queries(client, "/partners/elht/", django_assert_max_num_queries, 10) == few


def test_history_page_shows_who_changed_what_and_when(client_as, board, secretary, member):
    services.membership_change(
        actor=secretary, membership=member.memberships.get(), constituency="ICP Leads"
    )
    page = text_of(client_as("secretary").get("/boards/ics-board/history/"))
    assert "Stephanie Betts Membership: Amanda Doyle – Member, ICS Board Changed" in page
    assert "Constituency: – → ICP Leads" in page


def test_history_page_costs_the_same_queries_for_many_changes(
    client_as, board, secretary, member, django_assert_max_num_queries
):
    client = client_as("secretary")
    few = count_queries(client, "/boards/ics-board/history/", django_assert_max_num_queries, 15)
    for n in range(20):
        services.membership_change(
            actor=secretary, membership=member.memberships.get(), constituency=f"Seat {n}"
        )
    many = count_queries(client, "/boards/ics-board/history/", django_assert_max_num_queries, 15)
    assert many == few


def test_board_page_offers_the_history_only_to_those_who_may_see_it(client_as, board, secretary):
    link = "/boards/ics-board/history/"
    assert link in client_as("secretary").get("/boards/ics-board/").content.decode()
    assert link not in client_as("anonymous").get("/boards/ics-board/").content.decode()


def test_signing_in_with_email_in_any_case(board, member):
    client = Client()
    response = client.post(
        "/accounts/login/",
        {"username": "Member@Example.NHS.uk", "password": "a-long-test-password"},
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == member.pk


def test_a_wrong_password_is_refused_with_a_clear_message(member):
    response = Client().post(
        "/accounts/login/", {"username": "member@example.nhs.uk", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "Enter a correct email address and password" in text_of(response)
    assert "There is a problem" in text_of(response)


def test_signing_in_needs_the_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/accounts/login/", {"username": "member@example.nhs.uk", "password": "x"}
    )
    assert response.status_code == 403


def test_signing_out_is_a_post(client_as, member):
    client = client_as("member")
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_working_link(
    member, django_capture_on_commit_callbacks, tasks_in_process
):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": "member@example.nhs.uk"})
    (message,) = mail.outbox
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in text_of(form_page)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"},
    )
    member.refresh_from_db()
    assert member.check_password("a-brand-new-passphrase")


def test_password_reset_says_nothing_of_unknown_addresses(
    django_capture_on_commit_callbacks, tasks_in_process
):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            "/accounts/password-reset/", {"email": "nobody@example.nhs.uk"}, follow=True
        )
    assert "Check your email" in text_of(response)
    assert not mail.outbox


def ask_for_reset(email, address="10.0.0.1"):
    return Client().post("/accounts/password-reset/", {"email": email}, REMOTE_ADDR=address)


def test_password_reset_does_the_same_work_for_known_and_unknown_addresses(
    member, django_capture_on_commit_callbacks
):
    """The page looks nobody up: a task does, after the answer (so both take the same time)."""
    with mock.patch("partners.tasks.password_reset_send.delay") as send:
        for email in ["member@example.nhs.uk", "nobody@example.nhs.uk"]:
            with (
                CaptureQueriesContext(connection) as queries,
                django_capture_on_commit_callbacks(execute=True),
            ):
                assert ask_for_reset(email).status_code == 302
            assert not [q for q in queries if "partners_user" in q["sql"]], email
    assert [c.kwargs["email"] for c in send.call_args_list] == [
        "member@example.nhs.uk",
        "nobody@example.nhs.uk",
    ]


def test_password_reset_emails_are_rate_limited(
    member, django_capture_on_commit_callbacks, tasks_in_process
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            assert ask_for_reset("member@example.nhs.uk", f"10.0.0.{n}").status_code == 302
    assert len(mail.outbox) == 3
    # ... and from one client, whatever the addresses.
    with (
        mock.patch("partners.tasks.password_reset_send.delay") as send,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for n in range(12):
            ask_for_reset(f"someone{n}@example.nhs.uk", "10.9.9.9")
    assert send.call_count == 10
