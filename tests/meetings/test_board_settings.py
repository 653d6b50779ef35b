"""The board's settings screen: the secretariat sees the defaults, saves its own, and posting
the form back unchanged changes nothing."""

import pytest

from meetings.models import BoardSettings, ExemptBusinessLaw
from tests.as_rendered import as_rendered

pytestmark = pytest.mark.django_db

URL = "/boards/{slug}/settings/"


def test_a_board_that_changed_nothing_runs_on_unsaved_defaults(client_as, board):
    response = client_as("secretary").get(URL.format(slug=board.slug))
    assert response.status_code == 200
    assert not BoardSettings.objects.filter(board=board).exists()


def test_posting_the_settings_back_as_rendered_changes_nothing(client_as, board):
    client = client_as("secretary")
    page = client.get(URL.format(slug=board.slug))
    response = client.post(URL.format(slug=board.slug), as_rendered(page))
    assert response.status_code == 302
    assert not BoardSettings.history.filter(board=board).exists()


def test_a_change_is_saved_with_its_history_and_shown_selected(client_as, board):
    client = client_as("secretary")
    data = as_rendered(client.get(URL.format(slug=board.slug)))
    data["exempt_business_law"] = ExemptBusinessLaw.LOCAL_GOVERNMENT
    assert client.post(URL.format(slug=board.slug), data).status_code == 302
    saved = BoardSettings.objects.get(board=board)
    assert saved.exempt_business_law == ExemptBusinessLaw.LOCAL_GOVERNMENT
    assert saved.history.get().history_user.email == "secretary@example.nhs.uk"
    page = client.get(URL.format(slug=board.slug))
    assert as_rendered(page)["exempt_business_law"] == ExemptBusinessLaw.LOCAL_GOVERNMENT
    assert client.post(URL.format(slug=board.slug), as_rendered(page)).status_code == 302
    assert saved.history.count() == 1
