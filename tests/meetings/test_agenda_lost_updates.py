"""Two secretaries on one agenda: a form loaded before someone else's change is refused rather
than undoing it, and each change saves only what it changes."""

import pytest

from meetings.models import AgendaItem, ItemStatus, Meeting
from meetings.services import agenda as agenda_services
from partners.models import Role
from tests.as_rendered import as_rendered
from tests.conftest import seat, signed_in_client, text_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DAY = "/boards/ics-board/meetings/2020-12-02/"
STALE = "This item was changed by Stephanie Betts at "
RELOAD = "reload the page to see the change and make yours again."


@pytest.fixture
def second_secretary(board):
    user = UserFactory(full_name="Samir Khan", email="samir@example.nhs.uk")
    seat(board, user, Role.SECRETARIAT)
    return signed_in_client(user)


def item_form(client, item):
    url = f"{DAY}items/{item.pk}/edit/"
    return url, as_rendered(client.get(url))


def test_an_edit_loaded_before_another_secretarys_edit_is_refused(
    meeting, client_as, second_secretary
):
    item = meeting.items.get(number=4)
    first = client_as("secretary")
    url, mine = item_form(first, item)
    url, theirs = item_form(second_secretary, item)
    mine["title"] = "Key messages from the chair"
    assert first.post(url, mine).status_code == 302
    history = item.history.count()
    theirs["title"] = "Key messages and next steps"
    theirs["presenters_text"] = "Chief Executive"
    response = second_secretary.post(url, theirs)
    page = text_of(response)
    assert response.status_code == 200
    assert STALE in page and RELOAD in page
    item.refresh_from_db()
    assert (item.title, item.presenters_text) == ("Key messages from the chair", "Chair")
    assert item.history.count() == history


def test_a_move_to_another_section_is_not_undone_by_a_stale_edit(
    meeting, secretary, second_secretary
):
    item = meeting.items.get(number=4)  # the last of the routine items
    url, stale = item_form(second_secretary, item)
    agenda_services.item_move(actor=secretary, item=item, step=+1)
    item.refresh_from_db()
    assert item.section.title == "Any Other Business"
    stale["title"] = "Key messages (changed)"
    response = second_secretary.post(url, stale)
    assert STALE in text_of(response)
    item.refresh_from_db()
    assert item.section.title == "Any Other Business"
    assert item.title == "Key messages"


def test_a_title_edit_keeps_a_move_within_the_section(meeting, secretary, second_secretary):
    item = meeting.items.get(number=3)
    url, form = item_form(second_secretary, item)
    agenda_services.item_move(actor=secretary, item=item, step=-1)
    form["title"] = "Minutes of 4 November and action log"
    assert second_secretary.post(url, form).status_code == 302
    item.refresh_from_db()
    assert item.title == "Minutes of 4 November and action log"
    assert item.number == 2


def test_a_stale_edit_does_not_undo_a_withdrawal(meeting, secretary, second_secretary):
    item = meeting.items.get(number=4)
    url, form = item_form(second_secretary, item)
    agenda_services.item_withdraw(actor=secretary, item=item, reason="Nothing to report")
    form["title"] = "Key messages (changed)"
    assert second_secretary.post(url, form).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.title) == (ItemStatus.WITHDRAWN, "Key messages (changed)")


def test_the_service_saves_only_the_fields_it_changes(meeting, secretary):
    item = meeting.items.get(number=4)
    stale = AgendaItem.objects.get(pk=item.pk)
    agenda_services.item_move(actor=secretary, item=item, step=+1)
    agenda_services.item_change(actor=secretary, item=stale, title="Key messages (changed)")
    item.refresh_from_db()
    assert item.section.title == "Any Other Business"
    assert item.history.first().section_id == item.section_id


def test_a_meeting_form_loaded_before_another_change_is_refused(
    meeting, client_as, second_secretary
):
    url = f"{DAY}edit/"
    first = client_as("secretary")
    mine, theirs = as_rendered(first.get(url)), as_rendered(second_secretary.get(url))
    # The day input's rendering is another change of issue 12: give the day as a browser would.
    for form in (mine, theirs):
        form.update(day="2020-12-02", start_time="10:00")
    mine["location"] = "Room 4, County Hall"
    assert first.post(url, mine).status_code == 302
    theirs["next_meeting_note"] = "Informal meeting"
    response = second_secretary.post(url, theirs)
    assert "This meeting was changed by Stephanie Betts at " in text_of(response)
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert (meeting.location, meeting.next_meeting_note) == ("Room 4, County Hall", "")
