"""The register of breaches, kept by the governance team: recorded by hand or as a meeting's
declaration is added to the register; bad input named by field; a fixed number of queries."""

import datetime

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partners.models import Breach
from partners.services import breaches as services
from tests.conftest import text_of
from tests.factories import UserFactory
from tests.test_form_errors import _check_error_page

pytestmark = pytest.mark.django_db

REGISTER = "/interests/breaches/"
NEW = "/interests/breaches/new/"


def a_breach(person, actor, **fields):
    values = {
        "what": "A directorship of a supplier, not on the register",
        "found_on": datetime.date(2021, 3, 1),
        "action_taken": "Added to the register; the chair wrote to the member.",
    }
    return services.breach_record(actor=actor, person=person, **(values | fields))


def test_the_governance_team_records_a_breach_and_sees_it_listed(member, secretary, client_as):
    client = client_as("secretary")
    page = lxml.html.fromstring(client.get(NEW).content.decode())
    # The date is an ISO date input; no one is chosen until the secretary chooses.
    assert page.xpath("//input[@name='found_on']/@type") == ["date"]
    assert page.xpath("//select[@name='person']/option[@selected]/@value") in ([], [""])

    response = client.post(
        NEW,
        {
            "person": member.pk,
            "what": "Shares in a bidder",
            "found_on": "2021-03-01",
            "found_at": "Audit of the register",
            "action_taken": "Entry added; reminded of the policy.",
        },
        follow=True,
    )
    assert f"Breach recorded: {member.full_name}." in text_of(response)
    breach = Breach.objects.get()
    assert (breach.person, breach.recorded_by, breach.found_on) == (
        member,
        secretary,
        datetime.date(2021, 3, 1),
    )
    listed = text_of(client.get(REGISTER))
    assert "Shares in a bidder" in listed and "1 March 2021" in listed
    assert f"Recorded by {secretary.full_name}" in listed
    assert breach.history.get().history_change_reason == "Breach recorded"


def test_a_breach_found_in_the_future_or_without_its_facts_is_refused(member, secretary, client_as):
    client = client_as("secretary")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        NEW,
        {"person": member.pk, "what": "  ", "found_on": tomorrow.isoformat(), "action_taken": ""},
    )
    messages = _check_error_page(response)
    assert messages == ["Say what was not declared.", "Say what action was taken."]
    # What was typed stays, as an ISO date the browser shows again.
    page = lxml.html.fromstring(response.content.decode())
    assert page.xpath("//input[@name='found_on']/@value") == [tomorrow.isoformat()]
    with pytest.raises(Exception) as refused:
        a_breach(member, secretary, found_on=tomorrow)
    assert refused.value.message_dict == {
        "found_on": ["The day it was found must be today or in the past."]
    }
    assert _check_error_page(
        client.post(
            NEW,
            {"person": member.pk, "what": "x", "found_on": "first of March", "action_taken": "y"},
        )
    ) == ["Found on must be a real date, like 2021-03-14."]
    assert not Breach.objects.exists()


def test_only_the_governance_team_sees_the_register_of_breaches(member, secretary, client_as):
    a_breach(member, secretary)
    for persona in ["member", "chair", "outsider"]:
        assert client_as(persona).get(REGISTER).status_code == 403
    assert member.full_name in text_of(client_as("governance_admin").get(REGISTER))
    assert "A directorship of a supplier" not in text_of(client_as("member").get("/interests/"))


def test_the_register_of_breaches_costs_the_same_for_one_or_ten(member, secretary, client_as):
    client = client_as("secretary")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(REGISTER).status_code == 200
        return len(captured)

    a_breach(member, secretary)
    few = queries()
    for _ in range(9):
        a_breach(UserFactory(), secretary)
    assert queries() == few
