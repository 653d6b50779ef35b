"""Declaration returns: the rules of a nil return, when a return falls due (joining, a new
interest, every year) with its boundary days, and the governance team's view of the round."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partners.models import DeclarationReturn, InterestType, Precision, ReturnKind, Role
from partners.selectors.returns import ReturnStatus, due_on, returns_owed, status_on
from partners.services import interests as interest_services
from partners.services import returns as services
from tests.conftest import seat, text_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

JOINED = datetime.date(2024, 3, 1)
DAY = datetime.timedelta(days=1)


def declare(person, starts_on=datetime.date(2020, 1, 1), ends_on=None):
    return interest_services.interest_declare(
        actor=person,
        person=person,
        interest_type=InterestType.FINANCIAL,
        description="Shares",
        organisation_name="Lancashire Pathology Ltd",
        starts_on=starts_on,
        starts_precision=Precision.DAY,
        ends_on=ends_on,
        ends_precision=Precision.DAY if ends_on else "",
    )


def test_joining_is_due_28_days_later_and_overdue_the_day_after():
    due = due_on(last_return=None, seats_from=[JOINED], interests_from=[])
    assert due == JOINED + 28 * DAY
    assert status_on(due, due) == ReturnStatus.DUE
    assert status_on(due, due + DAY) == ReturnStatus.OVERDUE
    assert status_on(due, due - 28 * DAY) == ReturnStatus.DUE
    assert status_on(due, due - 29 * DAY) == ReturnStatus.COMPLETE


def test_a_return_is_due_a_year_after_the_last_or_28_days_after_a_new_interest():
    last = datetime.date(2024, 4, 1)
    assert due_on(last_return=last, seats_from=[JOINED], interests_from=[]) == last + 365 * DAY
    started = datetime.date(2024, 6, 10)
    assert due_on(last_return=last, seats_from=[JOINED], interests_from=[started]) == (
        started + 28 * DAY
    )
    # An interest that started before the last return was confirmed by it.
    assert (
        due_on(last_return=last, seats_from=[JOINED], interests_from=[datetime.date(2024, 3, 31)])
        == last + 365 * DAY
    )


def test_a_nil_return_is_refused_while_an_interest_is_current(member):
    declare(member, ends_on=datetime.date(2024, 5, 31))
    with pytest.raises(ValidationError) as refused:
        services.return_make(
            actor=member, person=member, kind=ReturnKind.NIL, on=datetime.date(2024, 5, 31)
        )
    assert (
        "cannot make a nil return while an interest of yours is current"
        in (refused.value.message_dict["kind"][0])
    )
    # The day after it ends, a nil return is what the member has to say.
    services.return_make(
        actor=member, person=member, kind=ReturnKind.NIL, on=datetime.date(2024, 6, 1)
    )


def test_a_second_nil_return_the_same_day_is_refused(member):
    services.return_make(actor=member, person=member, kind=ReturnKind.NIL, on=JOINED)
    with pytest.raises(ValidationError) as refused:
        services.return_make(actor=member, person=member, kind=ReturnKind.NIL, on=JOINED)
    assert refused.value.messages == ["You made a nil return today already."]
    assert DeclarationReturn.objects.count() == 1


def test_confirming_needs_entries_to_confirm(member):
    with pytest.raises(ValidationError) as refused:
        services.return_make(actor=member, person=member, kind=ReturnKind.CONFIRMED, on=JOINED)
    assert refused.value.message_dict["kind"] == [
        "You have no entries on the register to confirm: make a nil return."
    ]


def test_a_member_makes_a_return_from_my_interests(member, client_as):
    client = client_as("member")
    declare(member)
    page = client.post("/my-interests/return/", {"kind": "nil"})
    assert page.status_code == 200
    assert page.context["return_form"].errors["kind"][0].startswith("You cannot make a nil return")
    assert text_of(page).strip().startswith("Error: My interests")

    done = client.post("/my-interests/return/", {"kind": "confirmed"}, follow=True)
    assert "Thank you: your return is made." in text_of(done)
    (made,) = DeclarationReturn.objects.all()
    assert (made.person, made.kind, made.made_on) == (member, "confirmed", timezone.localdate())
    empty = client.post("/my-interests/return/", {})
    assert empty.context["return_form"].errors["kind"] == ["Select your return."]


def test_the_round_lists_decision_makers_most_urgent_first(member, chair, secretary, client_as):
    today = timezone.localdate()
    services.return_make(actor=chair, person=chair, kind=ReturnKind.NIL, on=today)
    rows = {row.person: row for row in returns_owed(today)}

    assert secretary not in rows  # the secretariat does not decide
    assert rows[chair].status == ReturnStatus.COMPLETE
    assert rows[member].status == ReturnStatus.OVERDUE  # seated long ago, no return
    page = text_of(client_as("secretary").get("/interests/returns/"))
    assert page.index(member.full_name) < page.index(chair.full_name)
    assert "Overdue" in page and "Complete" in page


def test_the_round_costs_the_same_for_two_people_or_twelve(board, client_as):
    client = client_as("secretary")

    def add(count):
        for _ in range(count):
            person = UserFactory()
            seat(board, person, Role.MEMBER)
            declare(person)
            services.return_make(actor=person, person=person, kind=ReturnKind.CONFIRMED, on=JOINED)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/interests/returns/").status_code == 200
        return len(captured)

    add(2)
    few = queries()
    add(10)
    assert queries() == few
