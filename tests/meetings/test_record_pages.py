"""The secretariat's recording screens, the action log and "my actions", through the test
client: each screen writes through its service, each refusal is shown and saves nothing."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import (
    ActionStatus,
    ActionUpdate,
    AttendanceKind,
    Declaration,
    InterestType,
    Meeting,
    MeetingAction,
    Movement,
    MovementKind,
    Ruling,
)
from meetings.services import actions as action_services
from meetings.services import attendance as attendance_services
from partners.models import Role, User
from tests.conftest import PERSONAS, seat, text_of
from tests.factories import BoardFactory, UserFactory
from tests.test_access_matrix import duplicate_ids

pytestmark = pytest.mark.django_db

NOV = "/boards/ics-board/meetings/2020-11-04/"
DEC = "/boards/ics-board/meetings/2020-12-02/"
JAN = "/boards/ics-board/meetings/2021-01-13/"
ACTION_TITLE = "Bring the implementation plan back to the Board"
SECRET_ACTION = "Negotiate the pathology contract variation"


def november():
    return Meeting.objects.get(date=datetime.date(2020, 11, 4))


def december():
    return Meeting.objects.get(date=datetime.date(2020, 12, 2))


def item_numbered(meeting, number):
    return meeting.items.get(number=number)


def page_text(response):
    """The page's text with its entities read (the board&#x27;s: the board's)."""
    return html.unescape(text_of(response))


def update_data(action_pk, text, status=""):
    return {f"action-{action_pk}-text": text, f"action-{action_pk}-status": status}


# Attendance ------------------------------------------------------------------------------


def test_the_attendance_screen_shows_who_was_there_and_what_was_declared(scene, client_as):
    page = text_of(client_as("secretary").get(f"{NOV}attendance/"))
    assert "Amanda Doyle" in page
    assert "In attendance Name" in page  # the heading of those not on the board
    assert "Stephanie Betts" in page
    assert "Clinical lead for one of the six core areas" in page
    assert "Fill in from the board's members" in page


def test_filling_in_from_the_members_says_how_many_were_added(scene, client_as, secretary):
    client = client_as("secretary")
    response = client.post(f"{DEC}attendance/prefill/", follow=True)
    assert "3 people added from the board's members." in page_text(response)
    assert december().attendance.count() == 3

    again = client.post(f"{DEC}attendance/prefill/", follow=True)
    assert "Everyone with a seat on the board is already listed." in page_text(again)
    assert december().attendance.count() == 3


def test_recording_apologies_changes_the_persons_row(scene, client_as, member):
    response = client_as("secretary").post(
        f"{NOV}attendance/", {"person": member.pk, "kind": AttendanceKind.APOLOGIES}, follow=True
    )
    assert "Attendance recorded: Amanda Doyle, apologies." in text_of(response)
    assert november().attendance.get(person=member).kind == AttendanceKind.APOLOGIES
    assert "Apologies Amanda Doyle" in text_of(response)


def test_a_deputy_attends_for_a_member(scene, client_as, member):
    deputy = UserFactory(full_name="Jerry Hawker")
    seat(BoardFactory(name="Place Board"), deputy, Role.MEMBER)  # offered as a person
    client_as("secretary").post(
        f"{NOV}attendance/",
        {"person": deputy.pk, "kind": AttendanceKind.DEPUTY, "on_behalf_of": member.pk},
    )
    recorded = november().attendance.get(person=deputy)
    assert (recorded.kind, recorded.on_behalf_of, recorded.voting) == ("deputy", member, True)


def test_a_deputy_for_nobody_is_refused_on_the_form(scene, client_as):
    deputy = UserFactory(full_name="Jerry Hawker")
    seat(BoardFactory(name="Place Board"), deputy, Role.MEMBER)  # offered as a person
    response = client_as("secretary").post(
        f"{NOV}attendance/", {"person": deputy.pk, "kind": AttendanceKind.DEPUTY}
    )
    assert response.status_code == 200
    page = text_of(response)
    assert "There is a problem" in page
    assert "Say which member the deputy attends for." in page
    assert not november().attendance.filter(person=deputy).exists()


# Arrivals, departures, returns ------------------------------------------------------------


def test_a_departure_is_recorded_at_an_item(scene, client_as, member):
    meeting = november()
    attendance = meeting.attendance.get(person=member)
    item = item_numbered(meeting, 5)
    response = client_as("secretary").post(
        f"{NOV}movements/new/",
        {"attendance": attendance.pk, "kind": MovementKind.LEFT, "item": item.pk, "note": "ill"},
        follow=True,
    )
    assert "Recorded: Amanda Doyle left at item 5." in text_of(response)
    movement = Movement.objects.get(attendance=attendance)
    assert (movement.kind, movement.item, movement.note) == ("left", item, "ill")
    assert "Clinical Strategy Amanda Doyle Left (ill)" in text_of(response)


def test_a_departure_before_the_arrival_is_refused(scene, client_as, member, secretary):
    meeting = november()
    attendance = meeting.attendance.get(person=member)
    attendance_services.movement_record(
        actor=secretary,
        attendance=attendance,
        kind=MovementKind.ARRIVED,
        item=item_numbered(meeting, 5),
    )
    response = client_as("secretary").post(
        f"{NOV}movements/new/",
        {
            "attendance": attendance.pk,
            "kind": MovementKind.LEFT,
            "item": item_numbered(meeting, 2).pk,
        },
    )
    assert response.status_code == 200
    assert "a departure cannot come before the arrival" in text_of(response)
    assert Movement.objects.filter(attendance=attendance).count() == 1


def test_only_people_at_the_meeting_can_come_and_go(scene, client_as, member, secretary):
    meeting = november()
    away = attendance_services.attendance_record(
        actor=secretary, meeting=meeting, person=member, kind=AttendanceKind.APOLOGIES
    )
    response = client_as("secretary").get(f"{NOV}movements/new/")
    assert f'<option value="{away.pk}">' not in response.content.decode()


# Declarations -----------------------------------------------------------------------------


def test_a_declaration_with_the_person_leaving_the_room(scene, client_as, chair):
    meeting = november()
    attendance = meeting.attendance.get(person=chair)
    private_item = meeting.items.get(pk=scene["november_private_item"])
    response = client_as("secretary").post(
        f"{NOV}declarations/new/",
        {
            "attendance": attendance.pk,
            "item": private_item.pk,
            "interest_type": InterestType.FINANCIAL,
            "nature": "Shareholder in a bidding laboratory",
            "ruling": Ruling.LEAVES,
        },
        follow=True,
    )
    assert "Declaration of interest recorded: David Flory." in text_of(response)
    declaration = Declaration.objects.get(attendance=attendance)
    assert (declaration.item, declaration.ruling) == (private_item, "leaves")
    assert Movement.objects.filter(attendance=attendance, kind=MovementKind.LEFT).exists()
    assert "Shareholder in a bidding laboratory" in text_of(response)


def test_a_declaration_at_the_start_of_the_meeting(scene, client_as, member):
    attendance = november().attendance.get(person=member)
    client_as("secretary").post(
        f"{NOV}declarations/new/",
        {
            "attendance": attendance.pk,
            "item": "",
            "interest_type": InterestType.PERSONAL,
            "nature": "Spouse works for a partner trust",
            "ruling": Ruling.TAKES_PART,
        },
    )
    assert Declaration.objects.get(nature="Spouse works for a partner trust").item is None


def test_a_declaration_by_someone_not_present_is_refused(scene, client_as, outsider, secretary):
    meeting = november()
    away = attendance_services.attendance_record(
        actor=secretary, meeting=meeting, person=outsider, kind=AttendanceKind.APOLOGIES
    )
    before = Declaration.objects.count()
    response = client_as("secretary").post(
        f"{NOV}declarations/new/",
        {
            "attendance": away.pk,
            "interest_type": InterestType.FINANCIAL,
            "nature": "Director of a supplier",
            "ruling": Ruling.TAKES_PART,
        },
    )
    assert response.status_code == 200
    assert "Oliver Outsider is not recorded as present at this meeting." in text_of(response)
    assert Declaration.objects.count() == before


def test_a_declaration_without_its_nature_is_refused(scene, client_as, member):
    attendance = november().attendance.get(person=member)
    response = client_as("secretary").post(
        f"{NOV}declarations/new/",
        {
            "attendance": attendance.pk,
            "interest_type": InterestType.FINANCIAL,
            "nature": "  ",
            "ruling": Ruling.TAKES_PART,
        },
    )
    assert "describe the interest declared" in text_of(response)
    assert Declaration.objects.filter(attendance=attendance).count() == 1  # the scene's


# Raising and closing actions --------------------------------------------------------------


def test_an_action_is_raised_due_at_a_later_meeting(scene, client_as, chair):
    response = client_as("secretary").post(
        f"{NOV}actions/new/",
        {
            "raised_at": scene["november_item"],
            "title": "Share the clinical strategy with the ICPs",
            "lead": chair.pk,
            "due": "meeting",
            "due_meeting": december().pk,
        },
        follow=True,
    )
    action = MeetingAction.objects.get(title="Share the clinical strategy with the ICPs")
    assert (action.lead, action.due_meeting, action.due_on, action.ongoing) == (
        chair,
        december(),
        None,
        False,
    )
    assert f"Action {action.code} raised, led by David Flory." in text_of(response)
    assert response.redirect_chain[-1][0] == f"{NOV}actions/"


def test_only_the_kind_of_due_chosen_counts(scene, client_as, chair):
    client_as("secretary").post(
        f"{NOV}actions/new/",
        {
            "raised_at": scene["november_item"],
            "title": "Keep the ICPs informed",
            "lead": chair.pk,
            "due": "ongoing",
            "due_on": "2021-03-01",
        },
    )
    action = MeetingAction.objects.get(title="Keep the ICPs informed")
    assert (action.ongoing, action.due_on) == (True, None)


def test_an_empty_action_form_says_what_is_missing(scene, client_as):
    before = MeetingAction.objects.count()
    page = text_of(client_as("secretary").post(f"{NOV}actions/new/", {}))
    for message in [
        "Choose the item the action was raised at.",
        "Say what the action is.",
        "Choose the responsible lead.",
        "Say when the action is due",
    ]:
        assert message in page
    assert MeetingAction.objects.count() == before


def test_an_action_due_by_a_date_needs_the_date(scene, client_as, chair):
    response = client_as("secretary").post(
        f"{NOV}actions/new/",
        {
            "raised_at": scene["november_item"],
            "title": "Report back",
            "lead": chair.pk,
            "due": "date",
        },
    )
    assert "Give the date the action is due." in text_of(response)
    assert not MeetingAction.objects.filter(title="Report back").exists()


def test_an_action_is_not_raised_at_a_draft_meeting(scene, client_as, chair):
    response = client_as("secretary").post(
        f"{JAN}actions/new/",
        {
            "raised_at": scene["draft_item"],
            "title": "Report back",
            "lead": chair.pk,
            "due": "ongoing",
        },
    )
    assert "Actions are raised at a published or held meeting." in text_of(response)
    assert not MeetingAction.objects.filter(title="Report back").exists()


def test_the_board_closes_an_action_at_a_later_meeting(scene, client_as):
    client = client_as("secretary")
    url = f"{DEC}actions/{scene['action']}/close/"
    assert "Close action" in text_of(client.get(url))
    response = client.post(url, follow=True)
    action = MeetingAction.objects.get(pk=scene["action"])
    assert (action.status, action.closed_at) == (ActionStatus.CLOSED, december())
    assert f"{action.code} is closed at this meeting." in text_of(response)

    again = client.get(url, follow=True)
    assert f"{action.code} is already closed." in text_of(again)


def test_closing_at_the_meeting_that_raised_it_is_not_found(scene, client_as):
    response = client_as("secretary").post(f"{NOV}actions/{scene['action']}/close/")
    assert response.status_code == 404
    assert MeetingAction.objects.get(pk=scene["action"]).status == ActionStatus.OPEN


def test_closing_at_a_draft_meeting_is_refused(scene, client_as):
    response = client_as("secretary").post(f"{JAN}actions/{scene['action']}/close/")
    assert "Actions are closed at a published or held meeting." in text_of(response)
    assert MeetingAction.objects.get(pk=scene["action"]).status == ActionStatus.OPEN


# The action log ---------------------------------------------------------------------------


def test_the_action_log_reads_like_the_matters_arising_log(scene, client_as, member):
    action = MeetingAction.objects.get(pk=scene["action"])
    action_services.action_update_add(
        actor=member,
        action=action,
        text="Plan drafted with the ICP leads",
        written_on=datetime.date(2020, 11, 25),
    )
    page = text_of(client_as("anonymous").get(f"{DEC}actions/"))
    assert (
        f"{action.code} {ACTION_TITLE} Raised at item 5, Clinical Strategy, on 4 November 2020 "
        # Due at this very meeting: not overdue as at its day.
        "Amanda Doyle Open Meeting of 2 December 2020 "
        "25 November 2020 : Plan drafted with the ICP leads"
    ) in page
    assert "No actions have been raised at this meeting." in page


def test_an_ongoing_action_is_never_overdue(scene, client_as, member, secretary):
    action_services.action_raise(
        actor=secretary,
        item=november().items.get(pk=scene["november_item"]),
        title="Keep the ICPs informed",
        lead=member,
        ongoing=True,
    )
    page = text_of(client_as("anonymous").get(f"{DEC}actions/"))
    assert "Keep the ICPs informed Raised at item 5" in page
    assert "Amanda Doyle Open On-going" in page


def test_only_the_secretariat_sees_close_links(scene, client_as):
    close = f"{DEC}actions/{scene['action']}/close/"
    assert close in client_as("secretary").get(f"{DEC}actions/").content.decode()
    assert close not in client_as("chair").get(f"{DEC}actions/").content.decode()


@pytest.fixture
def secret_action(scene, secretary, chair):
    """An action raised at November's confidential item (the shared scene has none)."""
    return action_services.action_raise(
        actor=secretary,
        item=november().items.get(pk=scene["november_private_item"]),
        title=SECRET_ACTION,
        lead=chair,
        due_meeting=december(),
    )


@pytest.mark.parametrize("path", [f"{NOV}actions/", f"{DEC}actions/"])
def test_an_action_at_a_confidential_item_is_for_the_board_only(secret_action, client_as, path):
    allowed = {"member", "chair", "secretary"}
    wrong = {}
    for persona in PERSONAS:
        response = client_as(persona).get(path)
        assert response.status_code == 200
        shown = SECRET_ACTION in response.content.decode()
        if shown != (persona in allowed):
            wrong[persona] = "sees it" if shown else "does not see it"
    assert not wrong, wrong


def raise_actions(count, meeting, item_pk, lead, secretary):
    item = meeting.items.get(pk=item_pk)
    for _ in range(count):
        number = MeetingAction.objects.count() + 1
        action = action_services.action_raise(
            actor=secretary, item=item, title=f"Numbered action {number}", lead=lead, ongoing=True
        )
        action_services.action_update_add(actor=lead, action=action, text="Under way")


def queries_for(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["anonymous", "secretary"])
def test_the_action_log_costs_the_same_for_two_actions_or_six(
    scene, client_as, member, secretary, persona
):
    client = client_as(persona)
    raise_actions(2, november(), scene["november_item"], member, secretary)
    few = [queries_for(client, f"{path}actions/") for path in [NOV, DEC]]
    raise_actions(4, november(), scene["november_item"], member, secretary)
    many = [queries_for(client, f"{path}actions/") for path in [NOV, DEC]]
    assert many == few
    assert "Numbered action 7" in text_of(client.get(f"{DEC}actions/"))


# My actions -------------------------------------------------------------------------------


def test_my_actions_lists_only_my_open_actions(scene, client_as, member, chair, secretary):
    item = november().items.get(pk=scene["november_item"])
    theirs = action_services.action_raise(
        actor=secretary, item=item, title="The chair's own action", lead=chair, ongoing=True
    )
    done = action_services.action_raise(
        actor=secretary, item=item, title="Already done", lead=member, ongoing=True
    )
    action_services.action_close(actor=secretary, action=done, meeting=december())
    response = client_as("member").get("/my-actions/")
    page = text_of(response)
    assert ACTION_TITLE in page
    assert "Open Overdue" in page
    assert theirs.title not in page
    assert done.title not in page
    assert 'href="/my-actions/" aria-current="true"' in response.content.decode()


def test_my_actions_for_someone_with_none(scene, client_as):
    assert "You have no open actions." in text_of(client_as("outsider").get("/my-actions/"))


def test_my_actions_asks_the_anonymous_to_sign_in(scene, client_as):
    response = client_as("anonymous").get("/my-actions/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/my-actions/")


def test_my_actions_costs_the_same_for_two_actions_or_six(scene, client_as, member, secretary):
    client = client_as("member")
    raise_actions(1, november(), scene["november_item"], member, secretary)
    few = queries_for(client, "/my-actions/")
    raise_actions(4, november(), scene["november_item"], member, secretary)
    response = client.get("/my-actions/")
    assert queries_for(client, "/my-actions/") == few
    # Each action's form has its own field ids.
    assert text_of(response).count("Progress update on") == 6
    assert not duplicate_ids(response)


def test_the_lead_adds_progress_and_proposes_closure(scene, client_as):
    pk = scene["action"]
    response = client_as("member").post(
        f"/actions/{pk}/update/",
        update_data(pk, "Plan ready for the December Board", ActionStatus.PROPOSED_FOR_CLOSURE),
        follow=True,
    )
    action = MeetingAction.objects.get(pk=pk)
    assert action.status == ActionStatus.PROPOSED_FOR_CLOSURE
    assert action.updates.get().text == "Plan ready for the December Board"
    assert response.redirect_chain[-1][0] == "/my-actions/"
    page = text_of(response)
    assert f"Progress update on {action.code} saved." in page
    assert "Proposed for closure" in page


def test_an_empty_progress_update_is_refused(scene, client_as):
    pk = scene["action"]
    response = client_as("member").post(f"/actions/{pk}/update/", update_data(pk, "   "))
    assert response.status_code == 200
    page = text_of(response)
    assert "There is a problem" in page
    assert "Write the progress update." in page
    assert not ActionUpdate.objects.filter(action_id=pk).exists()


def test_progress_on_a_closed_action_is_refused(scene, client_as, secretary):
    action = MeetingAction.objects.get(pk=scene["action"])
    action_services.action_close(actor=secretary, action=action, meeting=december())
    response = client_as("member").post(
        f"/actions/{action.pk}/update/", update_data(action.pk, "Too late")
    )
    assert f"{action.code} is closed." in text_of(response)
    assert not ActionUpdate.objects.filter(action=action).exists()


@pytest.mark.parametrize("persona", ["chair", "outsider", "governance_admin"])
def test_progress_from_someone_not_the_lead_is_not_found(scene, client_as, persona):
    pk = scene["action"]
    response = client_as(persona).post(f"/actions/{pk}/update/", update_data(pk, "Not mine"))
    assert response.status_code == 404
    assert not ActionUpdate.objects.filter(action_id=pk).exists()


def test_the_secretariat_adds_progress_for_the_lead(scene, client_as):
    pk = scene["action"]
    response = client_as("secretary").post(
        f"/actions/{pk}/update/", update_data(pk, "Reported by email"), follow=True
    )
    assert response.redirect_chain[-1][0] == f"{NOV}actions/"
    update = ActionUpdate.objects.get(action_id=pk)
    assert (update.text, update.author) == (
        "Reported by email",
        User.objects.get(email="secretary@example.nhs.uk"),
    )


def test_the_update_form_works_as_a_page_of_its_own(scene, client_as):
    page = text_of(client_as("member").get(f"/actions/{scene['action']}/update/"))
    assert "Progress update on" in page
    assert ACTION_TITLE in page
    assert "Leave the status as it is" in page


def test_the_header_links_to_my_actions_once_signed_in(scene, client_as):
    assert 'href="/my-actions/"' in client_as("member").get("/").content.decode()
    assert 'href="/my-actions/"' not in client_as("anonymous").get("/").content.decode()
