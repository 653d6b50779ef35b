"""The action log: codes in the board's form, progress, carry-forward and closing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.models import ActionStatus
from meetings.selectors import actions as action_selectors
from meetings.services import actions
from meetings.services import publication as publication_services
from tests.factories import meeting_at
from tests.meetings.conftest import MEETING_DAY, add_item

pytestmark = pytest.mark.django_db


def published(board, secretary, day):
    meeting = meeting_at(board, day, actor=secretary)
    publication_services.meeting_publish_agenda(
        actor=secretary,
        meeting=meeting,
        now=timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
        - datetime.timedelta(days=14),
    )
    return meeting


@pytest.fixture
def three_meetings(board, secretary):
    board.code = "ICSB"
    board.save()
    days = [MEETING_DAY, datetime.date(2021, 1, 13), datetime.date(2021, 2, 3)]
    return [published(board, secretary, day) for day in days]


def refusal(call, field):
    with pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.message_dict[field])


def raise_on(meeting, secretary, lead, title="Bring the business case back", **due):
    item = add_item(meeting, secretary, title="Pathology Collaborative", format="verbal")
    return actions.action_raise(
        actor=secretary, item=item, title=title, lead=lead, **(due or {"ongoing": True})
    )


def test_codes_follow_the_board_the_meeting_date_and_a_sequence(three_meetings, secretary, member):
    december = three_meetings[0]
    first = raise_on(december, secretary, member)
    second = raise_on(december, secretary, member, title="Review the cell logs")
    assert (first.code, second.code) == ("ICSB201202-01", "ICSB201202-02")


def test_an_action_needs_exactly_one_kind_of_due(three_meetings, secretary, member):
    message = refusal(
        lambda: raise_on(three_meetings[0], secretary, member, due_on=MEETING_DAY, ongoing=True),
        "due_on",
    )
    assert "due date, a meeting it is due at, or on-going" in message


def test_open_actions_carry_forward_until_the_board_closes_them(three_meetings, secretary, member):
    december, january, february = three_meetings
    action = raise_on(december, secretary, member, due_meeting=january)
    assert action_selectors.action_log(december) == []
    assert action_selectors.action_log(january) == [action]
    assert action_selectors.action_log(february) == [action]

    actions.action_close(actor=secretary, action=action, meeting=january)
    assert action_selectors.action_log(january) == [action]  # shown, closed at that meeting
    assert action_selectors.action_log(february) == []
    assert action_selectors.actions_of(member) == []


def test_the_lead_adds_progress_but_only_the_board_closes(three_meetings, secretary, member):
    action = raise_on(three_meetings[0], secretary, member)
    actions.action_update_add(
        actor=member, action=action, text="Draft shared with SLE", status=ActionStatus.IN_PROGRESS
    )
    assert "Only the board" in refusal(
        lambda: actions.action_update_add(
            actor=member, action=action, text="Done", status=ActionStatus.CLOSED
        ),
        "status",
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert [u.text for u in action.updates.all()] == ["Draft shared with SLE"]
    assert action_selectors.actions_of(member) == [action]


def test_an_action_past_its_due_date_is_overdue(three_meetings, secretary, member):
    action = raise_on(three_meetings[0], secretary, member, due_on=datetime.date(2021, 1, 31))
    assert not action.is_overdue(today=datetime.date(2021, 1, 31))
    assert action.is_overdue(today=datetime.date(2021, 2, 1))
    actions.action_close(actor=secretary, action=action, meeting=three_meetings[2])
    assert not action.is_overdue(today=datetime.date(2021, 2, 1))


def test_an_action_is_closed_only_at_a_later_meeting(three_meetings, secretary, member):
    action = raise_on(three_meetings[1], secretary, member)
    assert "later meeting" in refusal(
        lambda: actions.action_close(actor=secretary, action=action, meeting=three_meetings[0]),
        "closed_at",
    )


def test_actions_are_not_raised_at_a_draft_meeting(meeting, secretary, member):
    assert "published or held" in refusal(lambda: raise_on(meeting, secretary, member), "raised_at")


def test_a_closed_action_is_not_closed_again(three_meetings, secretary, member):
    action = raise_on(three_meetings[0], secretary, member)
    actions.action_close(actor=secretary, action=action, meeting=three_meetings[1])
    assert (
        refusal(
            lambda: actions.action_close(actor=secretary, action=action, meeting=three_meetings[2]),
            "closed_at",
        )
        == f"{action.code} is already closed."
    )
    assert action.history.filter(history_change_reason="Closed by the board").count() == 1
