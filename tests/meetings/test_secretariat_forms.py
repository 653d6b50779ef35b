"""What the secretariat's forms offer and keep: the standing items keep the kind the portal
finds them by, and person pickers offer the board's people."""

import datetime
import html

import pytest

from meetings.models import AgendaItem, MeetingAction, StandingKind
from meetings.services import actions as action_services
from partners import services as partner_services
from partners.models import Board, Role
from tests.as_rendered import as_rendered
from tests.conftest import seat, text_of
from tests.factories import BoardFactory, UserFactory, meeting_at

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


DEC = "/boards/ics-board/meetings/2020-12-02/"


def offered(response, name):
    return set(response.context["form"].fields[name].queryset)


def test_person_pickers_offer_the_boards_people(scene, client_as, member, secretary, outsider):
    elsewhere = UserFactory(full_name="Jerry Hawker")
    seat(BoardFactory(name="Place Board"), elsewhere, Role.MEMBER)
    client = client_as("secretary")

    page = client.get(f"{DEC}attendance/")

    # Who attended: the board's people, or someone seated on another board (a deputy).
    assert {member, secretary, elsewhere} <= offered(page, "person")
    assert outsider not in offered(page, "person")
    # For whom a deputy attends: the board's people only.
    assert {member, secretary} <= offered(page, "on_behalf_of")
    assert not {elsewhere, outsider} & offered(page, "on_behalf_of")
    assert "Oliver Outsider" not in text_of(page)
    declaration = client.get(f"{DEC}declarations/new/")
    assert member in offered(declaration, "chaired_by")
    assert not {elsewhere, outsider} & offered(declaration, "chaired_by")


def test_an_action_still_shows_a_lead_who_has_left_the_board(scene, client_as, secretary):
    former = UserFactory(full_name="Janet Former")
    membership = seat(Board.objects.get(slug="ics-board"), former, Role.MEMBER)
    item = AgendaItem.objects.get(pk=scene["item"])
    action = action_services.action_raise(
        actor=secretary, item=item, title="Review the estates plan", lead=former, ongoing=True
    )
    partner_services.membership_end(
        actor=None, membership=membership, ends_on=datetime.date(2020, 11, 1)
    )
    client = client_as("secretary")

    page = client.get(f"{DEC}actions/{action.pk}/leads/")

    assert former in offered(page, "lead")  # the action's lead, shown as chosen
    assert "selected>Janet Former" in page.content.decode()
    assert former not in offered(page, "lead_2")  # but not offered as a new lead
    assert client.post(f"{DEC}actions/{action.pk}/leads/", as_rendered(page)).status_code == 302
    assert MeetingAction.objects.get(pk=action.pk).leads_in_order == [former]
