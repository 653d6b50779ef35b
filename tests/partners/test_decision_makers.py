"""Who the decision-makers are (a vote or the chair on a board, or named by the governance
team), the year-end list of those who neither declared nor made a nil return (its year's
boundary days, published only once the year has ended, a CSV with headers even when empty),
and nil returns on the public register."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partners.models import AddedDecisionMaker, InterestType, Precision, ReturnKind, Role
from partners.selectors.decision_makers import decision_makers_on, financial_year
from partners.selectors.interests import public_register
from partners.selectors.returns import ReturnStatus, non_declarers, returns_owed
from partners.services import interests as interest_services
from partners.services import membership_start
from partners.services import returns as return_services
from tests.conftest import text_of
from tests.factories import UserFactory
from tests.partners.test_public_register import csv_rows, on_the_day

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
YEAR_START = datetime.date(2024, 4, 1)  # the financial year 2024-25
YEAR_END = datetime.date(2025, 4, 1)  # the first day after it
LIST = "/interests/no-declaration/2024/"
LIST_CSV = "/interests/no-declaration/2024.csv"
REGISTER_CSV = "/interests/register.csv"


def added(person, position="Director of Finance", starts_on=YEAR_START, ends_on=None):
    return AddedDecisionMaker.objects.create(
        person=person, position=position, starts_on=starts_on, ends_on=ends_on
    )


def declare(person, description="Shares in a supplier", accept=True):
    interest = interest_services.interest_declare(
        actor=person,
        person=person,
        interest_type=InterestType.FINANCIAL,
        description=description,
        organisation_name="Lancashire Pathology Ltd",
        starts_on=datetime.date(2020, 1, 1),
        starts_precision=Precision.YEAR,
    )
    if accept:
        interest_services.interest_review(actor=person, interest=interest, accepted=True)
    return interest


def nil_return(person, on):
    return return_services.return_make(actor=person, person=person, kind=ReturnKind.NIL, on=on)


def named(rows):
    return sorted(row.person.full_name for row in rows)


def test_the_financial_year_runs_from_1_april_to_31_march():
    assert financial_year(datetime.date(2025, 3, 31)) == (YEAR_START, YEAR_END)
    assert financial_year(YEAR_START) == (YEAR_START, YEAR_END)
    assert financial_year(YEAR_END)[0] == YEAR_END


def test_someone_the_governance_team_adds_owes_returns_and_is_on_the_register(board):
    director = UserFactory(full_name="Denise Director")
    added(director, ends_on=datetime.date(2026, 1, 1))

    on = datetime.date(2025, 6, 1)
    (owed,) = returns_owed(on, people=[director])
    assert owed.positions == ["Director of Finance"]
    assert owed.due_on == YEAR_START + 28 * DAY  # 28 days after being named
    declare(director)
    assert owed.status == ReturnStatus.OVERDUE
    (entry,) = public_register(on=on)
    assert (entry.person, entry.positions) == (director, ["Director of Finance"])
    # Those named by the governance team sit on no board: a board's register leaves them out.
    assert public_register(on=on, board=board) == []
    # From the day their role ends, they are no longer a decision-maker.
    assert director.pk in decision_makers_on(datetime.date(2025, 12, 31))
    assert director.pk not in decision_makers_on(datetime.date(2026, 1, 1))


def test_a_voting_member_named_as_well_has_both_positions(member, board):
    added(member, position="Senior Responsible Officer, Urgent Care")
    (maker,) = [m for pk, m in decision_makers_on(YEAR_START).items() if pk == member.pk]
    assert maker.positions == [f"Member, {board.name}", "Senior Responsible Officer, Urgent Care"]


def test_the_year_end_list_names_who_neither_declared_nor_made_a_nil_return(
    member, chair, secretary, board
):
    on_31_march, on_1_april = UserFactory(full_name="Ann March"), UserFactory(full_name="Bo April")
    joined_late, left_early = UserFactory(full_name="Cy Late"), UserFactory(full_name="Di Early")
    for person in [on_31_march, on_1_april]:
        membership_start(
            actor=None, user=person, board=board, role=Role.MEMBER, starts_on=YEAR_START
        )
    # A decision-maker on the last day of the year only is on its list.
    membership_start(
        actor=None, user=joined_late, board=board, role=Role.MEMBER, starts_on=YEAR_END - DAY
    )
    added(left_early, starts_on=datetime.date(2023, 1, 1), ends_on=YEAR_START)  # ended before
    nil_return(on_31_march, YEAR_END - DAY)  # the last day of the year counts for it
    nil_return(on_1_april, YEAR_END)  # the first day of the next year does not
    declare(chair)
    return_services.return_make(actor=chair, person=chair, kind=ReturnKind.CONFIRMED, on=YEAR_START)

    rows = non_declarers(YEAR_START)

    assert named(rows) == sorted([member.full_name, on_1_april.full_name, joined_late.full_name])
    positions = {row.person.full_name: row.positions for row in rows}
    assert positions[member.full_name] == [f"Member, {board.name}"]
    assert secretary.full_name not in positions  # the secretariat does not decide


def test_declaring_an_interest_in_the_year_is_a_declaration(member, monkeypatch):
    on_the_day(monkeypatch, datetime.date(2024, 10, 1))
    declare(member)
    assert non_declarers(YEAR_START) == []
    assert named(non_declarers(YEAR_END)) == [member.full_name]


def test_the_list_is_published_only_once_the_year_has_ended(member, client, client_as, monkeypatch):
    on_the_day(monkeypatch, YEAR_END - DAY)
    assert client.get(LIST).status_code == 404
    assert client.get(LIST_CSV).status_code == 404
    early = text_of(client_as("secretary").get(LIST))
    assert "Not published yet" in early and member.full_name in early

    on_the_day(monkeypatch, YEAR_END)
    page = text_of(client.get(LIST))
    assert member.full_name in page and "Not published yet" not in page
    assert client.get("/interests/no-declaration/")["Location"] == LIST
    assert csv_rows(client.get(LIST_CSV)) == [
        ["Name", "Position"],
        [member.full_name, "Member, ICS Board"],
    ]


def test_an_empty_list_is_a_csv_with_its_headers(client, monkeypatch):
    on_the_day(monkeypatch, YEAR_END)
    assert csv_rows(client.get(LIST_CSV)) == [["Name", "Position"]]
    assert "Every decision-maker made a declaration or a nil return" in text_of(client.get(LIST))


def test_the_list_costs_the_same_for_two_people_or_twelve(board, client, monkeypatch):
    on_the_day(monkeypatch, YEAR_END)

    def add(count):
        for _ in range(count):
            membership_start(
                actor=None, user=UserFactory(), board=board, role=Role.MEMBER, starts_on=YEAR_START
            )
            added(UserFactory())

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add(2)
    few = queries(LIST), queries(LIST_CSV)
    add(10)
    assert (queries(LIST), queries(LIST_CSV)) == few
    assert len(non_declarers(YEAR_START)) == 24


def test_a_nil_return_is_on_the_public_register_until_something_says_more(
    member, organisation, client, monkeypatch
):
    today = timezone.localdate()
    nil_return(member, today - 10 * DAY)

    (entry,) = public_register(on=today)
    assert (entry.person, entry.interests, entry.nil_return_on) == (member, [], today - 10 * DAY)
    made_on = (today - 10 * DAY).strftime("%-d %B %Y")
    assert f"no interests to declare (made on {made_on} )" in text_of(client.get("/interests/"))
    (row,) = csv_rows(client.get(REGISTER_CSV))[1:]
    assert row[:4] == [member.full_name, "Member, ICS Board", "Nil return", row[3]]
    assert row[3] == f"No interests to declare (return made on {made_on})"
    # A search by organisation is for interests in it: a nil return is no answer to it.
    assert public_register(on=today, organisation=organisation) == []

    # An interest declared and accepted since says more: the nil return goes.
    declare(member)
    (entry,) = public_register(on=today)
    assert entry.nil_return_on is None and len(entry.interests) == 1
    assert "Nil return" not in client.get(REGISTER_CSV).content.decode()


def test_a_confirmation_after_a_nil_return_takes_it_off(member):
    today = timezone.localdate()
    nil_return(member, today - 20 * DAY)
    declare(member, accept=False)  # under review: not public, but confirmed below
    return_services.return_make(
        actor=member, person=member, kind=ReturnKind.CONFIRMED, on=today - DAY
    )
    assert public_register(on=today) == []
