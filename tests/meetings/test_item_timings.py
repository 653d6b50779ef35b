"""Timings of a meeting: item start times (a Time column only when some item has one), an
optional end time and venue, items with no action or format, and times in agenda order."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from meetings.models import AgendaItem
from meetings.services import agenda as agenda_services
from meetings.services import publication as publication_services
from tests.as_rendered import as_rendered
from tests.conftest import text_of
from tests.meetings.conftest import add_item

pytestmark = pytest.mark.django_db

DAY = "/boards/ics-board/meetings/2020-12-02/"


def at(hour, minute=0):
    return datetime.time(hour, minute)


def publish(meeting, secretary):
    publication_services.meeting_publish_agenda(
        actor=secretary, meeting=meeting, now=timezone.make_aware(datetime.datetime(2020, 11, 1))
    )


def agenda_pdf_text(client):
    response = client.get(f"{DAY}agenda.pdf")
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_no_time_column_until_an_item_has_a_time(meeting, secretary, client_as):
    publish(meeting, secretary)
    client = client_as("member")
    assert ">Time</th>" not in client.get(DAY).content.decode()
    item = meeting.items.get(number=2)
    agenda_services.item_change(actor=secretary, item=item, start_time=at(10, 15))
    page = client.get(DAY).content.decode()
    assert ">Time</th>" in page
    assert "10:15" in text_of(client.get(DAY))
    text = agenda_pdf_text(client)
    assert "Time" in text and "10:15" in text


def test_a_meeting_with_no_end_time_and_no_venue_yet(board, secretary, client_as):
    starts = timezone.make_aware(datetime.datetime(2021, 2, 3, 10))
    meeting = agenda_services.meeting_create(
        actor=secretary, board=board, starts_at=starts, ends_at=None, location=""
    )
    publish_day = timezone.make_aware(datetime.datetime(2021, 1, 4))
    publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting, now=publish_day)
    client = client_as("member")
    page = text_of(client.get("/boards/ics-board/meetings/2021-02-03/"))
    assert "Wednesday 3 February 2021, 10:00 When" not in page
    assert "Venue to be confirmed" in page
    assert "10:00 to" not in page
    response = client.get("/boards/ics-board/meetings/2021-02-03/agenda.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "venue to be confirmed" in text
    # Still upcoming on its day, with no end time to go by.
    assert "3 February 2021" in text_of(client.get("/boards/ics-board/meetings/"))


def test_an_item_with_no_action_or_format_shows_blanks(meeting, secretary, client_as):
    add_item(meeting, secretary, title="Reflections from the chair", action="", format="")
    publish(meeting, secretary)
    page = text_of(client_as("member").get(DAY))
    assert "Reflections from the chair" in page
    assert "None" not in page


def test_a_start_time_after_the_next_items_is_refused_naming_the_field(meeting, secretary):
    agenda_services.item_change(
        actor=secretary, item=meeting.items.get(number=5), start_time=at(10, 15)
    )
    fourth = meeting.items.get(number=4)
    with pytest.raises(ValidationError) as refused:
        agenda_services.item_change(actor=secretary, item=fourth, start_time=at(10, 30))
    message = " ".join(refused.value.message_dict["start_time"])
    assert message.startswith("Item 4 starts at 10:30, after item 5 at 10:15: ")
    assert AgendaItem.objects.get(pk=fourth.pk).start_time is None


def test_the_refusal_is_shown_on_the_item_form(meeting, secretary, client_as):
    agenda_services.item_change(
        actor=secretary, item=meeting.items.get(number=5), start_time=at(10, 15)
    )
    client = client_as("secretary")
    url = f"{DAY}items/{meeting.items.get(number=4).pk}/edit/"
    data = as_rendered(client.get(url))
    data["start_time"] = "10:30"
    page = text_of(client.post(url, data))
    assert "There is a problem" in page
    assert "Item 4 starts at 10:30, after item 5 at 10:15" in page


def test_the_item_form_shows_times_as_hh_mm_and_posts_back_unchanged(meeting, secretary, client_as):
    item = meeting.items.get(number=2)
    agenda_services.item_change(actor=secretary, item=item, start_time=at(10, 5))
    client = client_as("secretary")
    url = f"{DAY}items/{item.pk}/edit/"
    data = as_rendered(client.get(url))
    assert data["start_time"] == "10:05"
    history = item.history.count()
    assert client.post(url, data).status_code == 302
    assert item.history.count() == history
    assert AgendaItem.objects.get(pk=item.pk).start_time == at(10, 5)


def test_the_meeting_form_leaves_the_end_time_empty_and_posts_back_unchanged(
    board, secretary, client_as
):
    starts = timezone.make_aware(datetime.datetime(2020, 12, 2, 10))
    meeting = agenda_services.meeting_create(
        actor=secretary, board=board, starts_at=starts, ends_at=None, location=""
    )
    client = client_as("secretary")
    data = as_rendered(client.get(f"{DAY}edit/"))
    assert data["end_time"] == ""
    data.update(day="2020-12-02", start_time="10:00")  # the day input is another change's
    history = meeting.history.count()
    assert client.post(f"{DAY}edit/", data).status_code == 302
    assert meeting.history.count() == history
