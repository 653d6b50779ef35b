"""Interests declared at a meeting, onto the register of interests in one step: by the
secretariat (accepted at once) or by the person (waiting for review); a declaration of an
interest that should have been registered already is recorded as a breach; a declaration
of an entry already on the register is linked to it."""

import datetime

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import AttendanceKind, Declaration, InterestType, Ruling
from meetings.services import attendance as at_meeting
from meetings.services import declarations as services
from partners.models import Breach, Interest, ReviewStatus
from tests.conftest import signed_in_client, text_of
from tests.factories import UserFactory
from tests.meetings.test_attendance import declare
from tests.partners.test_public_register import declared
from tests.test_form_errors import _check_error_page, _post_empty

pytestmark = pytest.mark.django_db


def register_url(declaration):
    meeting = declaration.meeting
    day = f"/boards/{meeting.board.slug}/meetings/{meeting.day}/"
    return f"{day}declarations/{declaration.pk}/register/"


def entry(**fields):
    """An entry's fields as the register form posts them."""
    return {
        "interest_type": InterestType.FINANCIAL,
        "description": "Non-executive director of Blackpool Teaching Hospitals",
        "organisation_name": "Blackpool Teaching Hospitals",
        "starts": "2019",
        "action_agreed": "Leaves the room for items about the trust",
    } | fields


@pytest.fixture
def declaration(held, member, secretary):
    return declare(held, secretary, held.attendance.get(person=member))


def test_the_secretariat_adds_it_accepted_and_a_late_one_is_a_breach(
    declaration, member, secretary, client_as
):
    response = client_as("secretary").post(register_url(declaration), entry())

    assert response.status_code == 302 and response.url.endswith("attendance/#declarations")
    declaration.refresh_from_db()
    interest = declaration.interest
    assert (interest.person, interest.status) == (member, ReviewStatus.ACCEPTED)
    assert interest.description == "Non-executive director of Blackpool Teaching Hospitals"
    breach = declaration.breach
    assert (breach.person, breach.found_on) == (member, datetime.date(2020, 12, 2))
    assert breach.found_at.startswith(f"{declaration.meeting.board.name}, 2 December 2020, at item")
    assert "not on the register: Non-executive director of a provider" in breach.what
    assert breach.action_taken == "Added to the register of interests."
    # The attendance screen says so, and offers nothing more.
    page = text_of(client_as("secretary").get(response.url.split("#")[0]))
    assert "On the register (breach recorded)" in page
    # The register of breaches lists it, for the governance team.
    breaches = text_of(client_as("secretary").get("/interests/breaches/"))
    assert member.full_name in breaches and "Added to the register of interests." in breaches


def test_no_breach_within_28_days_of_the_interest_arising_or_for_a_non_member(
    held,
    member,
    secretary,
):
    recent = declare(held, secretary, held.attendance.get(person=member))
    services.declaration_register(
        actor=secretary,
        declaration=recent,
        accept=True,
        interest_type=InterestType.FINANCIAL,
        description="Shares",
        organisation_name="A supplier",
        starts_on=held.date - datetime.timedelta(days=28),
        starts_precision="day",
    )
    assert Declaration.objects.get(pk=recent.pk).breach is None

    guest = UserFactory(full_name="Gwen Guest")
    at_meeting.attendance_record(
        actor=secretary, meeting=held, person=guest, kind=AttendanceKind.IN_ATTENDANCE
    )
    theirs = declare(held, secretary, held.attendance.get(person=guest), ruling=Ruling.TAKES_PART)
    services.declaration_register(
        actor=secretary,
        declaration=theirs,
        accept=True,
        interest_type=InterestType.FINANCIAL,
        description="Adviser",
        organisation_name="A supplier",
        starts_on=datetime.date(2015, 1, 1),
        starts_precision="year",
    )
    assert Declaration.objects.get(pk=theirs.pk).breach is None  # no seat: no duty to register
    assert not Breach.objects.exists()


def test_the_person_adds_their_own_and_it_waits_for_review(declaration, member, client_as):
    client = client_as("member")
    listed = text_of(client.get("/my-interests/meetings/"))
    assert "Add it to my register" in listed and "Non-executive director of a provider" in listed

    url = f"/my-interests/meetings/{declaration.pk}/"
    form = lxml.html.fromstring(client.get(url).content.decode())
    # The form comes filled in from the meeting's record, its type chosen.
    checked = form.xpath("//input[@name='interest_type'][@checked]")
    assert [box.get("value") for box in checked] == [InterestType.FINANCIAL]
    description = form.xpath("//textarea[@name='description']")[0].text_content().strip()
    assert description == "Non-executive director of a provider bidding for the service"
    assert not form.xpath("//*[@name='breach_action']")  # the governance team's alone

    response = client.post(url, entry(starts="2020-11"))
    assert response.status_code == 302
    interest = Declaration.objects.get(pk=declaration.pk).interest
    assert (interest.person, interest.status) == (member, ReviewStatus.WAITING)
    assert "Yes: Blackpool Teaching Hospitals, from November 2020" in text_of(
        client.get("/my-interests/meetings/")
    )
    # Once on the register, the screen sends them back: nothing is added twice.
    again = client.post(url, entry(), follow=True)
    assert "This declaration is on the register already." in text_of(again)
    assert Interest.objects.filter(person=member).count() == 1


def test_a_declaration_of_an_entry_on_the_register_is_linked_to_it(
    declaration, member, chair, secretary, client_as
):
    mine = declared(member, "Director of a supplier")
    theirs = declared(chair, "Trustee")
    client = client_as("secretary")
    url = register_url(declaration)

    refused = client.post(f"{url}?link", {"interest": theirs.pk})
    assert "Select a valid choice" in text_of(refused)  # not one of the person's entries
    assert Declaration.objects.get(pk=declaration.pk).interest is None

    assert client.post(f"{url}?link", {"interest": mine.pk}).status_code == 302
    declaration.refresh_from_db()
    assert (declaration.interest, declaration.breach) == (mine, None)
    assert Interest.objects.filter(person=member).count() == 1
    with pytest.raises(Exception, match="on the register already"):
        services.declaration_link(actor=secretary, declaration=declaration, interest=mine)


def test_bad_input_names_the_field_and_saves_nothing(declaration, client_as):
    client = client_as("secretary")
    url = register_url(declaration)
    messages = _check_error_page(_post_empty(client, url))
    assert messages == [
        "Select the type of interest.",
        "Enter the description of the interest.",
        "Enter when the interest began: a date, a month or a year.",
    ]

    assert _check_error_page(client.post(url, entry(starts="spring"))) == [
        "From must be a date, a month or a year, like 2021-03-14, 2021-03 or 2021."
    ]
    assert _check_error_page(client.post(url, entry(starts="2021-02-30"))) == [
        "From must be a real date."
    ]
    declared(declaration.attendance.person, "Director of a supplier")
    messages = _check_error_page(client.post(f"{url}?link", {}))
    assert messages == ["Choose the entry the declaration is about."]
    assert Interest.objects.count() == 1 and not Breach.objects.exists()
    assert Declaration.objects.get(pk=declaration.pk).interest is None


def test_only_the_boards_secretariat_and_the_person_reach_the_screens(
    declaration, member, chair, client_as
):
    assert client_as("chair").get(register_url(declaration)).status_code == 403
    assert client_as("chair").get(f"/my-interests/meetings/{declaration.pk}/").status_code == 404
    assert client_as("outsider").get(f"/my-interests/meetings/{declaration.pk}/").status_code == 404
    assert client_as("anonymous").get("/my-interests/meetings/").status_code == 302


def test_my_declarations_cost_the_same_for_one_or_ten(held, member, secretary):
    client = signed_in_client(member)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/my-interests/meetings/").status_code == 200
        return len(captured)

    attendance = held.attendance.get(person=member)
    declare(held, secretary, attendance, ruling=Ruling.TAKES_PART)
    few = queries()
    for _ in range(9):
        declare(held, secretary, attendance, ruling=Ruling.TAKES_PART)
    assert queries() == few


def test_the_register_and_the_meeting_link_to_each_other_in_public_only(
    held, member, secretary, client, client_as
):
    public = declare(held, secretary, held.attendance.get(person=member), ruling=Ruling.TAKES_PART)
    private_item = held.items.get(title="Pathology Collaborative")
    private_item.confidential, private_item.public_title = True, "Commercial update"
    private_item.save(update_fields=["confidential", "public_title"])
    private = declare(held, secretary, held.attendance.get(person=member), item=private_item)
    for declaration, description in [(public, "Shares in a bidder"), (private, "Adviser")]:
        services.declaration_register(
            actor=secretary,
            declaration=declaration,
            accept=True,
            interest_type=InterestType.FINANCIAL,
            description=description,
            organisation_name="A supplier",
            starts_on=held.date,
            starts_precision="day",
        )

    register = client.get("/interests/").content.decode()
    link = f"Declared at the {held.board.name}, 2 December 2020"
    assert f'<a href="{held.get_absolute_url()}">{link}</a>' in register
    assert register.count("Declared at the") == 1  # not the one at a confidential item
    meeting_page = client.get(held.get_absolute_url()).content.decode()
    assert "On the register of interests" in meeting_page
    assert f"/interests/?name={member.full_name.replace(' ', '%20')}" in meeting_page
    mine = text_of(client_as("member").get("/my-interests/"))
    assert f"Declared at {held.board.name}, 2 December 2020" in mine
