"""The public register of interests at /interests/: decision-makers' accepted entries, until
six months after they end; withheld entries on no public surface; search by person, board
and organisation; a CSV with headers even when empty; a fixed number of queries (the PDF's
own tests are in test_register_pdf)."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partners.models import InterestType, Precision, Role, months_after
from partners.selectors.interests import public_register
from partners.services import interests as services
from tests.conftest import make_outsider, seat, text_of
from tests.factories import BoardFactory, UserFactory

pytestmark = pytest.mark.django_db

REGISTER = "/interests/"
CSV = "/interests/register.csv"
ENDED = datetime.date(2021, 8, 31)
SIX_MONTHS_ON = datetime.date(2022, 2, 28)  # 31 August + 6 months: February has no 31st


def declared(person, description, *, accept=True, withheld_reason="", **fields):
    interest = services.interest_declare(
        actor=person,
        person=person,
        interest_type=fields.pop("interest_type", InterestType.FINANCIAL),
        description=description,
        organisation=fields.pop("organisation", None),
        organisation_name=fields.pop("organisation_name", "Lancashire Pathology Ltd"),
        starts_on=fields.pop("starts_on", datetime.date(2020, 1, 1)),
        starts_precision=fields.pop("starts_precision", Precision.YEAR),
        **fields,
    )
    if accept:
        services.interest_review(
            actor=person,
            interest=interest,
            accepted=True,
            withheld=bool(withheld_reason),
            withheld_reason=withheld_reason,
        )
    return interest


def on_the_day(monkeypatch, day):
    noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    monkeypatch.setattr(timezone, "now", lambda: noon)


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def names_on(day, **filters):
    return [entry.person.full_name for entry in public_register(on=day, **filters)]


def test_six_months_after_the_end_is_the_last_day_an_entry_is_public(member, monkeypatch, client):
    declared(member, "Shares", ends_on=ENDED, ends_precision=Precision.DAY)
    assert months_after(ENDED, 6) == SIX_MONTHS_ON
    day = datetime.timedelta(days=1)

    assert names_on(SIX_MONTHS_ON - day) == [member.full_name]
    assert names_on(SIX_MONTHS_ON) == [member.full_name]
    assert names_on(SIX_MONTHS_ON + day) == []
    for when, shown in [(SIX_MONTHS_ON - day, True), (SIX_MONTHS_ON + day, False)]:
        on_the_day(monkeypatch, when)
        assert ("Shares" in text_of(client.get(REGISTER))) is shown
        assert ([row[3] for row in csv_rows(client.get(CSV))[1:]] == ["Shares"]) is shown


def test_only_accepted_entries_of_decision_makers_that_are_not_withheld_are_public(
    member, secretary, client
):
    declared(member, "Director of a supplier")
    declared(member, "Spouse's shares", accept=False)
    declared(member, "A relative at risk", withheld_reason="A real risk of harm to a relative.")
    declared(secretary, "The secretary's own shares")  # the secretariat does not decide
    outsider = make_outsider()
    declared(outsider, "Not on any board")

    page = text_of(client.get(REGISTER))
    rows = csv_rows(client.get(CSV))

    assert "Director of a supplier" in page
    assert [row[3] for row in rows[1:]] == ["Director of a supplier"]
    for hidden in ["Spouse's shares", "A relative at risk", "secretary's own", "Not on any"]:
        assert hidden not in page
        assert hidden not in client.get(CSV).content.decode()
    assert member.full_name in page and "Member, " in page


def test_search_by_person_board_and_organisation(member, chair, board, organisation, client):
    declared(member, "Director of a supplier")
    declared(chair, "Trustee", organisation=organisation, organisation_name="")
    other_board = BoardFactory(name="Fylde Coast ICP Board", slug="fylde-coast")
    someone = UserFactory()
    seat(other_board, someone, Role.MEMBER)
    declared(someone, "Adviser")

    def names(query):
        """Who the CSV lists for a search, and the page of the same search."""
        found = [row[0] for row in csv_rows(client.get(CSV, query))[1:]]
        return found, text_of(client.get(REGISTER, query))

    assert names({"name": member.full_name.split()[-1]})[0] == [member.full_name]
    assert sorted(names({"board": board.slug})[0]) == sorted([member.full_name, chair.full_name])
    assert names({"organisation": organisation.slug})[0] == [chair.full_name]
    nobody, page = names({"name": "nobody of that name"})
    assert nobody == [] and "No entries match your search." in page


def test_an_empty_register_is_a_csv_with_its_headers(client):
    rows = csv_rows(client.get(CSV))
    assert rows == [
        [
            "Name",
            "Position",
            "Type of interest",
            "Description",
            "Organisation",
            "Whose interest",
            "From",
            "To",
            "Action taken",
        ]
    ]
    assert "The register has no entries yet." in text_of(client.get(REGISTER))


def test_what_people_typed_is_never_a_formula_in_the_csv(member, client):
    declared(member, '=HYPERLINK("http://example.com")')
    (row,) = csv_rows(client.get(CSV))[1:]
    assert row[3] == '\'=HYPERLINK("http://example.com")'


def test_withholding_needs_a_reason(member, secretary):
    interest = declared(member, "Shares", accept=False)
    with pytest.raises(Exception) as refused:
        services.interest_review(
            actor=secretary, interest=interest, accepted=True, withheld=True, withheld_reason=" "
        )
    assert refused.value.message_dict["withheld_reason"] == [
        "Enter the reason for withholding the entry from the public register."
    ]


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_register_costs_the_same_for_two_people_or_twelve(board, organisation, client):
    def add_people(count):
        for _ in range(count):
            person = UserFactory()
            seat(board, person, Role.MEMBER)
            declared(person, "Shares")
            declared(person, "Trustee", organisation=organisation, organisation_name="")

    urls = [REGISTER, CSV, "/interests/register.pdf"]
    add_people(2)
    few = [queries(client, url) for url in urls]
    add_people(10)
    assert [queries(client, url) for url in urls] == few
