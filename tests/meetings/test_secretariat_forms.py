"""What the secretariat's forms offer and keep: the standing items keep the kind the portal
finds them by, and person pickers offer the board's people."""

import datetime
import html

import pytest

from meetings.models import StandingKind
from partners.models import Board
from tests.as_rendered import as_rendered
from tests.conftest import text_of
from tests.factories import meeting_at

pytestmark = pytest.mark.django_db

STANDING = "/boards/ics-board/standing-items/"


def test_saving_the_standing_items_keeps_the_item_the_minutes_are_approved_under(
    board, secretary, client_as
):
    client = client_as("secretary")
    data = as_rendered(client.get(STANDING))
    data["standing-0-title"] = "Welcome, Introductions and Apologies"

    assert client.post(STANDING, data).status_code == 302

    kinds = set(board.standing_items.values_list("standing", flat=True))
    assert StandingKind.PREVIOUS_MINUTES in kinds and StandingKind.WELCOME in kinds
    # A new meeting's agenda has the item its previous minutes are approved under.
    meeting = meeting_at(board, datetime.date(2021, 3, 3), actor=secretary)
    assert meeting.items.filter(standing=StandingKind.PREVIOUS_MINUTES).exists()
    assert meeting.items.get(number=1).title == "Welcome, Introductions and Apologies"
    # Saved again unchanged, the screen keeps them.
    client.post(STANDING, as_rendered(client.get(STANDING)))
    assert set(board.standing_items.values_list("standing", flat=True)) == kinds


def test_two_standing_items_of_one_kind_are_refused(board, client_as):
    client = client_as("secretary")
    data = as_rendered(client.get(STANDING))
    data["standing-1-standing"] = data["standing-2-standing"] = StandingKind.PREVIOUS_MINUTES

    response = client.post(STANDING, data)

    assert response.status_code == 200
    assert (
        "Only one standing item can be 'Minutes of the previous meeting and action log'."
        in html.unescape(text_of(response))
    )
    assert not Board.objects.get(pk=board.pk).standing_items.exists()
