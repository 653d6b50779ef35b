"""Minutes are approved only at a meeting that has been held (or is being held today), after
the minuted one: the service refuses any other, and the approval screen offers no other."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.models import Minutes
from meetings.services import agenda as agenda_services
from meetings.services import minutes
from meetings.services import publication as publication_services
from tests.conftest import text_of
from tests.factories import meeting_at
from tests.meetings.conftest import add_item

pytestmark = pytest.mark.django_db

NOVEMBER = datetime.date(2020, 11, 4)


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def published(board, secretary, day, **fields):
    meeting = meeting_at(board, day, actor=secretary, **fields)
    publication_services.meeting_publish_agenda(
        actor=secretary, meeting=meeting, now=at(day - datetime.timedelta(days=14))
    )
    return meeting


@pytest.fixture
def november(board, secretary):
    """A held meeting with one item minuted."""
    meeting = published(board, secretary, NOVEMBER)
    item = add_item(meeting, secretary, title="Clinical Strategy", format="verbal")
    agenda_services.meeting_mark_held(actor=secretary, meeting=meeting, now=at(NOVEMBER, 13))
    minutes.item_minutes_save(actor=secretary, item=item, discussion="Strategy endorsed.")
    return meeting


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def refusal(call, field):
    with pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.message_dict[field])


def test_a_meeting_not_yet_held_cannot_approve_minutes(november, board, secretary):
    future = published(board, secretary, in_days(30))
    message = refusal(
        lambda: minutes.minutes_approve(actor=secretary, meeting=november, at_meeting=future),
        "at_meeting",
    )
    assert message == (
        f"The meeting of {future.date:%-d %B %Y} has not been held yet: minutes are approved "
        "at a meeting that has been held, or is being held today."
    )
    assert not Minutes.objects.get(meeting=november).is_approved


def test_the_meeting_being_held_today_approves_them(november, board, secretary):
    today = published(board, secretary, timezone.localdate(), hour=0)
    approved = minutes.minutes_approve(actor=secretary, meeting=november, at_meeting=today)
    assert approved.is_approved and approved.approved_at == today


def test_the_rule_reads_the_clock(november, board, secretary, monkeypatch):
    december = published(board, secretary, datetime.date(2020, 12, 2))
    eve = at(datetime.date(2020, 12, 1), 18)
    monkeypatch.setattr(timezone, "now", lambda: eve)
    message = refusal(
        lambda: minutes.minutes_approve(actor=secretary, meeting=november, at_meeting=december),
        "at_meeting",
    )
    assert "2 December 2020 has not been held yet" in message
    monkeypatch.setattr(timezone, "now", lambda: eve + datetime.timedelta(hours=16))
    assert minutes.minutes_approve(actor=secretary, meeting=november, at_meeting=december)


def test_minutes_are_still_approved_after_the_minuted_meeting_only(november, board, secretary):
    earlier = published(board, secretary, datetime.date(2020, 10, 7))
    message = refusal(
        lambda: minutes.minutes_approve(actor=secretary, meeting=november, at_meeting=earlier),
        "at_meeting",
    )
    assert message == "Minutes are approved at a later meeting of the same board."


def test_the_approval_screen_offers_held_meetings_only(november, board, secretary, client_as):
    december = published(board, secretary, datetime.date(2020, 12, 2))
    future = published(board, secretary, in_days(30))
    client = client_as("secretary")
    url = f"/boards/{board.slug}/meetings/{november.day}/minutes/approve/"
    page = client.get(url).content.decode()
    assert f'value="{december.pk}"' in page
    assert f'value="{future.pk}"' not in page
    refused = client.post(url, {"at_meeting": future.pk, "amended": "no"})
    assert refused.status_code == 200
    assert "Select a valid choice" in text_of(refused)
    assert not Minutes.objects.get(meeting=november).is_approved
    done = client.post(url, {"at_meeting": december.pk, "amended": "no"})
    assert done.status_code == 302
    assert Minutes.objects.get(meeting=november).approved_at == december
