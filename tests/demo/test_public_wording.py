"""What the public reads of the demo board speaks of its meetings, never of the demo itself,
and says each thing once."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from meetings.models import Meeting, Paper
from tests.conftest import text_of

pytestmark = pytest.mark.django_db

BOARD = "ics-board"


def public_pages(client):
    """Every public page and feed of the demo board, with what a reader sees of it."""
    board = reverse("partners:board", args=[BOARD])
    urls = [board, reverse("meetings:board_meetings", args=[BOARD])]
    for meeting in Meeting.objects.filter(board__slug=BOARD):
        page = meeting.get_absolute_url()
        urls += [page, f"{page}minutes/", f"{page}actions/"]
    urls += [
        paper.get_absolute_url() for paper in Paper.objects.filter(item__meeting__board__slug=BOARD)
    ]
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            yield url, text_of(response)
    for url in [
        reverse("meetings:calendar"),
        reverse("meetings:board_calendar", args=[BOARD]),
        reverse("meetings:papers_feed"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()


def test_no_public_page_or_feed_of_the_demo_board_talks_about_the_demo(demo_loaded):
    """Regression: the earlier meetings' item and place read "not in the demo's sources"."""
    seen = dict(public_pages(Client()))
    assert len(seen) > 10  # the meetings, their minutes and action logs, papers and feeds
    mentions = [url for url, text in seen.items() if "demo" in text.lower()]
    assert mentions == []


def test_the_next_meeting_gives_its_date_once(demo_loaded):
    """Regression: "Wednesday 13 January 2021, 13 January 2021 - 10.00-12.00 noon, ..."."""
    december = Meeting.objects.get(board__slug=BOARD, date=datetime.date(2020, 12, 2))
    page = text_of(Client().get(december.get_absolute_url()))
    assert "Next meeting Wednesday 13 January 2021, 10.00-12.00 noon, MS Teams Teleconference" in (
        page
    )
    assert page.count("13 January 2021") == 1
