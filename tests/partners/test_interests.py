"""The standing register of interests: a member declares and changes their own entries, the
governance team accepts or returns them; dates as precise as the person knows them; bad input
refused with a message naming the field and the rule; pages of a fixed cost."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.models import Interest, InterestType, Precision, Relationship, ReviewStatus
from partners.services import interests as services
from tests.as_rendered import as_rendered
from tests.conftest import make_outsider, text_of

pytestmark = pytest.mark.django_db

MINE = "/my-interests/"
NEW = "/my-interests/new/"
REVIEW = "/interests/review/"


def declare(person, organisation=None, **fields):
    return services.interest_declare(
        actor=person,
        person=person,
        **{
            "interest_type": InterestType.FINANCIAL,
            "description": "Shareholding",
            "organisation": organisation,
            "organisation_name": "" if organisation else "Lancashire Pathology Ltd",
            "starts_on": datetime.date(2020, 3, 14),
            "starts_precision": Precision.DAY,
            **fields,
        },
    )


def form_data(**fields):
    return {
        "interest_type": "financial",
        "description": "Shares in a supplier",
        "organisation": "",
        "organisation_name": "Lancashire Pathology Ltd",
        "starts": "2020-03",
        "ends": "",
        "action_agreed": "",
        **fields,
    }


# The rules of an entry --------------------------------------------------------------------


def test_a_month_or_a_year_is_stored_as_its_whole_period(member):
    interest = declare(
        member,
        starts_on=datetime.date(2019, 1, 1),
        starts_precision=Precision.YEAR,
        ends_on=datetime.date(2021, 2, 1),
        ends_precision=Precision.MONTH,
    )
    interest.refresh_from_db()
    assert interest.starts_on == datetime.date(2019, 1, 1)
    assert interest.ends_on == datetime.date(2021, 2, 28)
    assert interest.period == "2019 to February 2021"
    assert interest.status == ReviewStatus.WAITING
    assert interest.is_current(datetime.date(2021, 2, 28))
    assert not interest.is_current(datetime.date(2021, 3, 1))


def test_an_end_in_the_month_of_a_start_day_is_not_before_it(member):
    interest = declare(member, ends_on=datetime.date(2020, 3, 1), ends_precision=Precision.MONTH)
    assert interest.ends_on == datetime.date(2020, 3, 31)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"ends_on": datetime.date(2020, 2, 1), "ends_precision": Precision.MONTH},
            "ends_on",
            "The end must be on or after the start.",
        ),
        (
            {"interest_type": InterestType.INDIRECT},
            "relationship",
            "Select whose interest it is: an indirect interest is someone else's.",
        ),
        (
            {"organisation_name": "  "},
            "organisation",
            "Select the partner organisation, or enter the name of another organisation.",
        ),
    ],
)
def test_an_entry_that_breaks_a_rule_is_refused_naming_the_field(member, fields, field, message):
    with pytest.raises(ValidationError) as refused:
        declare(member, **fields)
    assert refused.value.message_dict[field] == [message]
    assert not Interest.objects.exists()


def test_only_an_indirect_interest_keeps_a_relationship(member):
    direct = declare(member, relationship=Relationship.SPOUSE)
    indirect = declare(
        member, interest_type=InterestType.INDIRECT, relationship=Relationship.SPOUSE
    )
    assert direct.relationship == ""
    assert indirect.get_relationship_display() == "Spouse or partner"


# Declaring and changing from "My interests" ------------------------------------------------


def test_a_member_declares_an_interest_and_sees_it_waiting(member, client_as):
    client = client_as("member")
    response = client.post(NEW, form_data(), follow=True)

    interest = Interest.objects.get()
    assert (interest.person, interest.starts_precision) == (member, Precision.MONTH)
    assert interest.history.first().history_change_reason == "Declared an interest"
    page = text_of(response)
    assert "Your interest is declared. The governance team will review it." in page
    assert "Lancashire Pathology Ltd" in page and "From March 2020 to ongoing" in page
    assert "Waiting for review" in page


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"starts": "14/03/2020"}, "starts", "From must be a date, a month or a year"),
        ({"starts": "2020-02-30"}, "starts", "From must be a real date."),
        ({"starts": "2021", "ends": "2020-12"}, "ends", "The end must be on or after the start."),
        (
            {"interest_type": "indirect"},
            "relationship",
            "Select whose interest it is: an indirect interest is someone else's.",
        ),
        ({"description": ""}, "description", "Enter the description of the interest."),
    ],
)
def test_bad_input_comes_back_with_its_message_and_what_was_typed(
    member, client_as, fields, field, message
):
    data = form_data(**fields)
    response = as_page = client_as("member").post(NEW, data)

    assert response.status_code == 200
    assert not Interest.objects.exists()
    assert message in response.context["form"].errors[field][0]
    # In the summary and beside the field (up to any apostrophe, which the page escapes).
    assert text_of(as_page).count(message.split("'")[0]) == 2
    assert response.context["form"]["organisation_name"].value() == "Lancashire Pathology Ltd"


def test_the_change_form_shows_the_entry_and_saving_it_unchanged_changes_nothing(
    member, organisation, client_as
):
    interest = declare(
        member,
        organisation,
        interest_type=InterestType.INDIRECT,
        relationship=Relationship.RELATIVE,
        ends_on=datetime.date(2022, 1, 1),
        ends_precision=Precision.YEAR,
    )
    services.interest_review(actor=make_outsider(), interest=interest, accepted=True)
    url = f"/my-interests/{interest.pk}/change/"
    client = client_as("member")

    shown = as_rendered(client.get(url))

    assert shown["starts"] == "2020-03-14" and shown["ends"] == "2022"
    assert shown["interest_type"] == "indirect" and shown["relationship"] == "relative"
    assert shown["organisation"] == str(organisation.pk)
    versions = interest.history.count()
    response = client.post(url, shown, follow=True)
    assert "Nothing was changed." in text_of(response)
    interest.refresh_from_db()
    assert interest.history.count() == versions
    assert interest.status == ReviewStatus.ACCEPTED

    client.post(url, shown | {"ends": "2023"})
    interest.refresh_from_db()
    assert interest.ends_on == datetime.date(2023, 12, 31)
    assert interest.status == ReviewStatus.WAITING  # a changed entry is reviewed again


def test_nobody_changes_another_persons_entry(member, chair, client_as):
    interest = declare(member)
    response = client_as("chair").post(f"/my-interests/{interest.pk}/change/", form_data())
    assert response.status_code == 404
    interest.refresh_from_db()
    assert interest.description == "Shareholding"


# The governance team's review -------------------------------------------------------------


def test_the_governance_team_accepts_or_returns_with_a_comment(member, secretary, client_as):
    accepted, returned = declare(member), declare(member, description="Spouse's shares")
    client = client_as("secretary")
    listing = text_of(client.get(REVIEW))
    assert listing.count(member.full_name) == 2

    refused = client.post(f"/interests/{returned.pk}/review/", {"decision": "return"})
    assert "Enter a comment saying what the person should change." in text_of(refused)
    client.post(f"/interests/{accepted.pk}/review/", {"decision": "accept"})
    client.post(
        f"/interests/{returned.pk}/review/",
        {"decision": "return", "comment": "Say which company."},
    )

    accepted.refresh_from_db()
    returned.refresh_from_db()
    assert (accepted.status, accepted.reviewed_by) == (ReviewStatus.ACCEPTED, secretary)
    assert returned.status == ReviewStatus.RETURNED
    assert "No interests are waiting for review." in text_of(client.get(REVIEW))
    mine = text_of(client_as("member").get(MINE))
    assert "Returned" in mine and "Say which company." in mine
    change = text_of(client_as("member").get(f"/my-interests/{returned.pk}/change/"))
    assert "The governance team returned this entry: Say which company." in change


def test_an_entry_reviewed_already_is_not_reviewed_twice(member, secretary):
    interest = declare(member)
    services.interest_review(actor=secretary, interest=interest, accepted=True)
    with pytest.raises(ValidationError, match="already accepted"):
        services.interest_review(actor=secretary, interest=interest, accepted=False, comment="x")


def test_my_interests_is_in_the_menu_once_signed_in(client, client_as):
    assert 'href="/my-interests/"' in client_as("member").get("/").content.decode()
    assert 'href="/my-interests/"' not in client.get("/").content.decode()


# A fixed number of queries ----------------------------------------------------------------


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_pages_cost_the_same_for_two_entries_or_twelve(member, organisation, client_as):
    member_client, team = client_as("member"), client_as("secretary")
    for _ in range(2):
        declare(member, organisation)
    few = queries(member_client, MINE), queries(team, REVIEW)
    for _ in range(10):
        declare(member)
    assert (queries(member_client, MINE), queries(team, REVIEW)) == few
