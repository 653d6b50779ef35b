"""Action logs as boards keep them: several leads, revised due dates that keep the original,
months as due points, codes unique per board, overdue as at the meeting whose log it is, and
closing against the resolution or minute that closed an action."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from meetings.models import (
    ActionLead,
    ActionStatus,
    BoardSettings,
    Edition,
    MeetingAction,
    Outcome,
    Resolution,
)
from meetings.pdf.pack_parts import plan, render_part
from meetings.selectors import actions as action_selectors
from meetings.services import actions
from meetings.services import minutes as minutes_services
from meetings.services import publication as publication_services
from meetings.services.board_settings import board_settings_save
from partners.models import Role
from tests.as_rendered import as_rendered
from tests.conftest import seat, text_of
from tests.factories import BoardFactory, meeting_at
from tests.meetings.conftest import MEETING_DAY, add_item

pytestmark = pytest.mark.django_db

JANUARY, FEBRUARY = datetime.date(2021, 1, 13), datetime.date(2021, 2, 3)
DEC = "/boards/ics-board/meetings/2020-12-02/"
JAN = "/boards/ics-board/meetings/2021-01-13/"
FEB = "/boards/ics-board/meetings/2021-02-03/"
SLIPPED = "31 March 2021 (originally 31 January 2021)"


def published(board, secretary, day):
    meeting = meeting_at(board, day, actor=secretary)
    sent = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    publication_services.meeting_publish_agenda(
        actor=secretary, meeting=meeting, now=sent - datetime.timedelta(days=14)
    )
    return meeting


@pytest.fixture
def meetings(board, secretary):
    """December 2020 (where actions are raised), January and February 2021, all published."""
    board.code = "ICSB"
    board.save()
    return [published(board, secretary, day) for day in [MEETING_DAY, JANUARY, FEBRUARY]]


@pytest.fixture
def item(meetings, secretary):
    return add_item(meetings[0], secretary, title="Pathology Collaborative", format="verbal")


def raise_action(item, secretary, lead, title="Bring the business case back", **fields):
    if not {"due_on", "due_meeting", "ongoing"} & set(fields):
        fields["ongoing"] = True
    return actions.action_raise(actor=secretary, item=item, title=title, lead=lead, **fields)


def refusal(call, field):
    with pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.message_dict[field])


def pdf_text(pdf):
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


def action_log_part_text(meeting):
    part = next(spec for spec in plan(meeting, Edition.PUBLIC).parts if spec.key == "actions")
    return pdf_text(render_part(part).pdf)


# Two leads and a revised due date, wherever the action is shown --------------------------


def raise_through_the_page(client, item, member, chair):
    data = as_rendered(client.get(f"{DEC}actions/new/"))
    data |= {
        "raised_at": item.pk,
        "title": "Bring the pathology business case back",
        "lead": member.pk,
        "lead_2": chair.pk,
        "due": "date",
        "due_on": "2021-01-31",
    }
    assert client.post(f"{DEC}actions/new/", data).status_code == 302
    return MeetingAction.objects.get(title="Bring the pathology business case back")


def test_two_leads_and_a_revised_date_on_the_log_the_pack_and_each_leads_actions(
    item, client_as, member, chair
):
    client = client_as("secretary")
    action = raise_through_the_page(client, item, member, chair)
    assert action.leads_in_order == [member, chair]
    data = as_rendered(client.get(f"{JAN}actions/{action.pk}/due/"))
    data |= {"due_on": "2021-03-31", "reason": "Waiting for the trust boards' decisions"}
    assert client.post(f"{JAN}actions/{action.pk}/due/", data).status_code == 302

    action.refresh_from_db()
    assert (action.due_on, action.original_due_on) == (
        datetime.date(2021, 3, 31),
        datetime.date(2021, 1, 31),
    )
    revised = action.history.get(history_change_reason__startswith="Due date revised")
    assert revised.history_change_reason.endswith("Waiting for the trust boards' decisions")
    log = text_of(client_as("anonymous").get(f"{JAN}actions/"))
    assert f"Amanda Doyle, David Flory Open {SLIPPED}" in log
    part = action_log_part_text(action.raised_at.meeting.board.meetings.get(date=JANUARY))
    assert "Amanda Doyle, David Flory" in part
    assert SLIPPED in part
    for lead in ["member", "chair"]:
        mine = client_as(lead).get("/my-actions/")
        assert action.code in text_of(mine), lead
        assert SLIPPED in text_of(mine), lead
        assert client_as(lead).get(f"/actions/{action.pk}/update/").status_code == 200


def test_the_first_lead_stays_first_when_the_leads_change(item, secretary, member, chair):
    action = raise_action(item, secretary, chair, other_leads=[member])
    actions.action_leads_set(actor=secretary, action=action, leads=[chair, secretary, member])
    assert action.leads_in_order == [chair, secretary, member]
    actions.action_leads_set(actor=secretary, action=action, leads=[secretary])
    assert action.leads_in_order == [secretary]
    assert action_selectors.actions_of(member) == []
    assert ActionLead.history.filter(history_change_reason="Leads changed").count() == 5


def test_a_due_date_revised_twice_keeps_the_one_first_agreed(item, secretary, member, meetings):
    action = raise_action(item, secretary, member, due_meeting=meetings[1])
    actions.action_due_revise(
        actor=secretary, action=action, reason="Slipped", due_on=datetime.date(2021, 3, 1)
    )
    actions.action_due_revise(
        actor=secretary,
        action=action,
        reason="Slipped again",
        due_on=datetime.date(2021, 4, 9),
        due_month=True,
    )
    action.refresh_from_db()
    assert (action.due_on, action.due_month, action.original_due_meeting) == (
        datetime.date(2021, 4, 30),
        True,
        meetings[1],
    )
    page = text_of(action_log_response(meetings[2]))
    assert "April 2021 (originally Meeting of 13 January 2021)" in page


def action_log_response(meeting):
    return Client().get(f"/boards/ics-board/meetings/{meeting.date:%Y-%m-%d}/actions/")


# Codes --------------------------------------------------------------------------------------


def test_codes_are_unique_per_board_but_two_boards_may_share_one(item, secretary, member):
    first = raise_action(item, secretary, member)
    other_board = BoardFactory(name="Pennine Lancashire ICP Board", slug="pennine", code="ICSB")
    other_meeting = published(other_board, secretary, MEETING_DAY)
    other_item = add_item(other_meeting, secretary, title="Pathology Collaborative")
    seat(other_board, member, Role.MEMBER)
    second = raise_action(other_item, secretary, member)
    assert first.code == second.code == "ICSB201202-01"
    message = refusal(lambda: raise_action(item, secretary, member, code=first.code), "code")
    assert message.startswith("The ICS Board already has an action ICSB201202-01")
    assert MeetingAction.objects.count() == 2


# Overdue as at the meeting whose log it is --------------------------------------------------


@pytest.fixture
def anonymous_user():
    return AnonymousUser()


def test_overdue_is_as_at_the_meeting_not_today(meetings, item, secretary, member, anonymous_user):
    _december, january, february = meetings
    end_of_january = raise_action(item, secretary, member, due_on=datetime.date(2021, 1, 31))
    in_january = raise_action(
        item, secretary, member, due_on=datetime.date(2021, 1, 1), due_month=True
    )
    tenth = raise_action(item, secretary, member, due_on=datetime.date(2021, 1, 10))
    actions.action_close(actor=secretary, action=tenth, meeting=february)

    def overdue(meeting, action):
        page = action_selectors.action_log_page(anonymous_user, "ics-board", meeting.date)
        return next(row.overdue for row in page.carried_forward if row.action == action)

    assert [overdue(january, a) for a in [end_of_january, in_january, tenth]] == [
        False,
        False,
        True,  # open on 13 January, though the board closed it since
    ]
    assert [overdue(february, a) for a in [end_of_january, in_january, tenth]] == [
        True,
        True,
        False,  # closed at this meeting
    ]
    log = text_of(action_log_response(january))
    assert "Open January 2021" in log
    assert "Closed Overdue" not in text_of(action_log_response(february))
    # Today, long after: "my actions" shows what is overdue now.
    assert [row.overdue for row in action_selectors.my_actions(member)] == [True, True]


def test_the_packs_log_marks_what_is_overdue_at_its_meeting(meetings, item, secretary, member):
    raise_action(item, secretary, member, title="Due last week", due_on=datetime.date(2021, 1, 6))
    raise_action(item, secretary, member, title="Due next week", due_on=datetime.date(2021, 1, 20))
    text = action_log_part_text(meetings[1])
    assert "Open, overdue" in text
    assert text.count("overdue") == 1


# Resolutions: the one that creates an action, and the one that closes it ------------------


def resolve(item, secretary, text="The Board approved the business case"):
    minutes_services.item_minutes_save(
        actor=secretary,
        item=item,
        discussion="Discussed",
        resolutions=[Resolution(text=text, outcome=Outcome.APPROVED)],
    )
    return item.resolutions.get()


def test_an_action_links_to_the_resolution_of_its_own_meeting(meetings, item, secretary, member):
    created = raise_action(item, secretary, member, resolution=resolve(item, secretary))
    assert created.raised_by_resolution.actions.get() == created
    elsewhere = resolve(add_item(meetings[1], secretary, title="Finance"), secretary)
    message = refusal(
        lambda: raise_action(item, secretary, member, title="Other", resolution=elsewhere),
        "raised_by_resolution",
    )
    assert "must be one of the meeting the action is raised at (2 December 2020)" in message
    assert not MeetingAction.objects.filter(title="Other").exists()


def closing_rule(board, secretary, on=True):
    board_settings_save(actor=secretary, board=board, closing_action_needs_record=on)


def test_closing_needs_the_resolution_or_minute_where_the_board_says_so(
    board, meetings, item, secretary, member
):
    action = raise_action(item, secretary, member)
    january = meetings[1]
    # Off by default: the board closes an action without saying what closed it.
    assert not BoardSettings(board=board).closing_action_needs_record
    closing_rule(board, secretary)
    message = refusal(
        lambda: actions.action_close(actor=secretary, action=action, meeting=january),
        "closed_by_resolution",
    )
    assert "choose the resolution or the minute of this meeting that closed it" in message
    december_resolution = resolve(item, secretary)
    message = refusal(
        lambda: actions.action_close(
            actor=secretary, action=action, meeting=january, resolution=december_resolution
        ),
        "closed_by_resolution",
    )
    assert "of the meeting that closes the action (13 January 2021)" in message
    action.refresh_from_db()
    assert (action.status, action.closed_at) == (ActionStatus.OPEN, None)
    assert not action.history.filter(history_change_reason="Closed by the board").exists()

    closing = resolve(add_item(january, secretary, title="Matters arising"), secretary)
    actions.action_close(actor=secretary, action=action, meeting=january, resolution=closing)
    action.refresh_from_db()
    assert (action.status, action.closed_by_resolution) == (ActionStatus.CLOSED, closing)


def test_the_close_screen_records_the_minute_that_closed_it(
    board, meetings, item, secretary, member, client_as
):
    action = raise_action(item, secretary, member)
    matters = add_item(meetings[1], secretary, title="Matters arising")
    minute = minutes_services.item_minutes_save(actor=secretary, item=matters, discussion="Done")
    closing_rule(board, secretary)
    client = client_as("secretary")
    url = f"{JAN}actions/{action.pk}/close/"
    refused = client.post(url, as_rendered(client.get(url)))
    assert "This board records what closed each action" in text_of(refused)
    assert MeetingAction.objects.get(pk=action.pk).status == ActionStatus.OPEN
    data = as_rendered(client.get(url)) | {"closed_by_minute": minute.pk}
    assert client.post(url, data).status_code == 302
    assert MeetingAction.objects.get(pk=action.pk).closed_by_minute == minute
    log = text_of(client.get(f"{JAN}actions/"))
    assert f"Closed by the minute of item {matters.reference} of 13 January 2021." in log


def test_the_closing_rule_is_a_board_setting_that_round_trips(board, client_as):
    client = client_as("secretary")
    url = f"/boards/{board.slug}/settings/"
    data = as_rendered(client.get(url))
    assert "closing_action_needs_record" not in data
    assert client.post(url, data | {"closing_action_needs_record": "on"}).status_code == 302
    assert BoardSettings.objects.get(board=board).closing_action_needs_record
    assert client.post(url, as_rendered(client.get(url))).status_code == 302
    assert BoardSettings.objects.get(board=board).history.count() == 1


# Bad input: refused by field and rule, nothing partial saved -------------------------------


def test_a_revised_date_before_the_action_was_raised_is_refused(item, secretary, member):
    action = raise_action(item, secretary, member, due_on=datetime.date(2021, 1, 31))
    for due in [{"due_on": datetime.date(2020, 11, 30)}]:
        message = refusal(
            lambda due=due: actions.action_due_revise(
                actor=secretary, action=action, reason="Typo", **due
            ),
            "due_on",
        )
        assert message == (
            "A revised due date cannot be before the action was raised, on 2 December 2020."
        )
    month = refusal(
        lambda: actions.action_due_revise(
            actor=secretary,
            action=action,
            reason="Typo",
            due_on=datetime.date(2020, 11, 1),
            due_month=True,
        ),
        "due_month",
    )
    assert "before the action was raised" in month
    assert "Say why" in refusal(
        lambda: actions.action_due_revise(
            actor=secretary, action=action, due_on=datetime.date(2021, 2, 28)
        ),
        "reason",
    )
    action.refresh_from_db()
    assert (action.due_on, action.original_due_on) == (datetime.date(2021, 1, 31), None)
    assert action.history.count() == 1


def test_a_lead_who_is_not_a_person_of_the_board_is_refused(
    item, secretary, member, outsider, client_as
):
    message = refusal(lambda: raise_action(item, secretary, member, other_leads=[outsider]), "lead")
    assert message.startswith("Oliver Outsider is not a person of the ICS Board")
    assert not MeetingAction.objects.exists()
    assert not ActionLead.objects.exists()
    action = raise_action(item, secretary, member)
    client = client_as("secretary")
    url = f"{DEC}actions/{action.pk}/leads/"
    page = client.get(url)
    assert "Oliver Outsider" not in text_of(page)  # not offered, and refused if posted
    data = as_rendered(page) | {"lead_2": outsider.pk}
    assert "Choose someone from the list: the board" in text_of(client.post(url, data))
    assert action.leads_in_order == [member]
    assert ActionLead.history.count() == 1


# Every form posted back as rendered changes nothing ------------------------------------------


def test_the_due_date_form_round_trips_unchanged(item, secretary, member, client_as):
    dated = raise_action(item, secretary, member, due_on=datetime.date(2021, 1, 31))
    monthly = raise_action(
        item, secretary, member, due_on=datetime.date(2021, 3, 1), due_month=True
    )
    client = client_as("secretary")
    for action, shown in [(dated, "2021-01-31"), (monthly, "March 2021")]:
        url = f"{DEC}actions/{action.pk}/due/"
        data = as_rendered(client.get(url))
        assert shown in data.values()
        response = client.post(url, data, follow=True)
        assert "is as it was: nothing changed" in text_of(response)
        assert action.history.count() == 1


def test_the_leads_form_round_trips_unchanged(item, secretary, member, chair, client_as):
    action = raise_action(item, secretary, member, other_leads=[chair])
    client = client_as("secretary")
    url = f"{DEC}actions/{action.pk}/leads/"
    data = as_rendered(client.get(url))
    assert (data["lead"], data["lead_2"], data["lead_3"]) == (str(member.pk), str(chair.pk), "")
    response = client.post(url, data, follow=True)
    assert "are as they were: nothing changed" in text_of(response)
    assert ActionLead.history.count() == 2


def test_the_raise_form_posted_as_rendered_raises_nothing(item, client_as):
    client = client_as("secretary")
    response = client.post(f"{DEC}actions/new/", as_rendered(client.get(f"{DEC}actions/new/")))
    assert "Choose the responsible lead." in text_of(response)
    assert not MeetingAction.objects.exists()


def test_the_close_form_posted_as_rendered_closes_where_no_record_is_needed(
    meetings, item, secretary, member, client_as
):
    action = raise_action(item, secretary, member)
    client = client_as("secretary")
    url = f"{JAN}actions/{action.pk}/close/"
    assert client.post(url, as_rendered(client.get(url))).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.closed_by_resolution, action.closed_by_minute) == (
        ActionStatus.CLOSED,
        None,
        None,
    )


# Query counts -----------------------------------------------------------------------------


def queries_for(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def busy_actions(count, item, secretary, member, chair, meetings):
    """Actions with three leads, a revised due date and progress."""
    for _ in range(count):
        action = raise_action(
            item,
            secretary,
            member,
            title=f"Numbered action {MeetingAction.objects.count() + 1}",
            other_leads=[chair, secretary],
            due_meeting=meetings[1],
        )
        actions.action_due_revise(
            actor=secretary, action=action, reason="Slipped", due_on=datetime.date(2021, 3, 1)
        )
        actions.action_update_add(actor=member, action=action, text="Under way")


@pytest.mark.parametrize("persona", ["anonymous", "secretary", "chair"])
def test_the_log_and_my_actions_cost_the_same_for_one_action_or_five(
    meetings, item, secretary, member, chair, client_as, persona
):
    client = client_as(persona)
    paths = [f"{JAN}actions/", f"{FEB}actions/", f"{DEC}actions/"]
    if persona != "anonymous":
        paths.append("/my-actions/")
    busy_actions(1, item, secretary, member, chair, meetings)
    few = [queries_for(client, path) for path in paths]
    busy_actions(4, item, secretary, member, chair, meetings)
    assert [queries_for(client, path) for path in paths] == few
    assert "Numbered action 4" in text_of(client.get(f"{FEB}actions/"))


def test_an_action_due_in_a_month_is_kept_as_the_months_last_day(item, member, client_as):
    client = client_as("secretary")
    data = as_rendered(client.get(f"{DEC}actions/new/"))
    data |= {"raised_at": item.pk, "title": "Report in March", "lead": member.pk, "due": "month"}
    wrong = client.post(f"{DEC}actions/new/", data | {"due_month": "Spring 2021"})
    assert "Give the month and year, for example March 2027." in text_of(wrong)
    assert client.post(f"{DEC}actions/new/", data | {"due_month": "March 2021"}).status_code == 302
    action = MeetingAction.objects.get(title="Report in March")
    assert (action.due_on, action.due_month) == (datetime.date(2021, 3, 31), True)
    assert "Amanda Doyle Open March 2021" in text_of(client.get(f"{JAN}actions/"))
