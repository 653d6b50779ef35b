"""Two meetings of a board on one day: a public meeting at its usual address and a private
session at /boards/<slug>/meetings/<date>-<session>/, each with its own pages, feeds, file
names and action codes."""

import datetime

import icalendar
import pytest
from django.forms.models import model_to_dict
from django.urls import resolve, reverse
from django.utils import timezone

from meetings.models import Meeting, MeetingDay, Pack, pack_file_path
from meetings.pdf.pack_parts import _previous_minutes
from meetings.permissions import Viewer
from meetings.selectors.papers import public_papers
from meetings.services import actions as action_services
from meetings.services import agenda as agenda_services
from meetings.services import minutes as minutes_services
from meetings.services import publication as publication_services
from tests.as_rendered import as_rendered
from tests.conftest import text_of
from tests.factories import meeting_at, previous_minutes_to_follow
from tests.meetings.conftest import MEETING_DAY, add_item, add_paper

pytestmark = pytest.mark.django_db

DEC = "/boards/ics-board/meetings/2020-12-02/"
PRIVATE = "/boards/ics-board/meetings/2020-12-02-private/"
NEW = "/boards/ics-board/meetings/new/"


def private_session(board, secretary, **fields):
    fields.setdefault("held_in_public", False)
    fields.setdefault("session", "private")
    return meeting_at(board, MEETING_DAY, hour=14, actor=secretary, **fields)


def publish(meeting, secretary):
    publication_services.meeting_publish_agenda(
        actor=secretary, meeting=meeting, now=timezone.make_aware(datetime.datetime(2020, 11, 20))
    )


def test_the_address_reads_the_date_and_an_optional_session():
    match = resolve(PRIVATE)
    assert match.kwargs["day"] == MeetingDay(MEETING_DAY, "private")
    assert resolve(DEC).kwargs["day"] == MeetingDay(MEETING_DAY)
    assert resolve("/boards/ics-board/meetings/2020-12-02-part-2/").kwargs["day"].session == (
        "part-2"
    )
    assert reverse("meetings:meeting", args=["ics-board", MEETING_DAY]) == DEC
    assert reverse("meetings:meeting", args=["ics-board", "2020-12-02-private"]) == PRIVATE
    with pytest.raises(ValueError):
        MeetingDay.of("2020-12-02x")


def test_a_private_session_on_the_day_of_a_public_meeting_has_its_own_address(
    board, meeting, secretary, client_as
):
    session = private_session(board, secretary)
    add_item(meeting, secretary, title="Clinical strategy")
    add_item(session, secretary, title="Chief executive recruitment")
    publish(meeting, secretary)
    publish(session, secretary)
    assert meeting.get_absolute_url() == DEC  # the existing address is unchanged
    assert session.get_absolute_url() == PRIVATE
    member = client_as("member")
    public_page, private_page = text_of(member.get(DEC)), text_of(member.get(PRIVATE))
    assert "Clinical strategy" in public_page and "Chief executive recruitment" not in public_page
    assert "Chief executive recruitment" in private_page and "Clinical strategy" not in private_page
    assert "Meeting of 2 December 2020 (Private)" in private_page


def test_the_public_sees_a_private_session_only_as_its_date(board, meeting, secretary, client):
    session = private_session(board, secretary, location="Boardroom 2")
    add_item(session, secretary, title="Chief executive recruitment")
    publish(meeting, secretary)
    publish(session, secretary)
    page = text_of(client.get(PRIVATE))
    assert "Wednesday 2 December 2020" in page and "This meeting is held in private" in page
    assert "Chief executive recruitment" not in page and "Boardroom 2" not in page
    assert "14:00" not in page
    assert client.get(f"{PRIVATE}actions/").status_code == 404
    assert client.get(f"{PRIVATE}minutes/").status_code == 404
    assert client.get(DEC).status_code == 200


def test_every_screen_of_the_session_finds_the_session(board, meeting, secretary, client_as):
    session = private_session(board, secretary)
    item = add_item(session, secretary, title="Chief executive recruitment")
    publish(session, secretary)
    client = client_as("secretary")
    for screen in ["", "agenda/", "edit/", "publish/", "items/new/", "attendance/", "actions/"]:
        assert client.get(f"{PRIVATE}{screen}").status_code == 200, screen
    assert "Chief executive recruitment" in text_of(client.get(f"{PRIVATE}agenda/"))
    assert client.get(f"{PRIVATE}items/{item.pk}/edit/").status_code == 200
    # The main meeting's screens do not reach the session's items.
    assert client.get(f"{DEC}items/{item.pk}/edit/").status_code == 404
    # Links on the session's pages stay on the session.
    assert f'href="{PRIVATE}agenda/"' in client.get(PRIVATE).content.decode()


def test_the_secretariat_plans_the_second_session_with_the_meeting_form(
    board, meeting, secretary, client_as
):
    client = client_as("secretary")
    data = as_rendered(client.get(NEW))
    data.update(
        day="2020-12-02",
        start_time="14:00",
        end_time="15:00",
        location="Boardroom 2",
        session="private",
    )
    data.pop("held_in_public", None)
    response = client.post(NEW, data)
    assert response.status_code == 302 and response["Location"] == f"{PRIVATE}agenda/"
    session = Meeting.objects.get(board=board, session="private")
    assert not session.held_in_public and session.date == MEETING_DAY
    assert Meeting.objects.get(board=board, session="") == meeting


@pytest.mark.parametrize(
    ("session", "message"),
    [
        (
            "",
            "The board already has a meeting on 2 December 2020. To hold another that day, give "
            "this one a session name such as",
        ),
        (
            "private",
            "The board already has a meeting called private on 2 December 2020: each meeting on "
            "the same day needs its own session name.",
        ),
        ("Part 2", "Use lower-case letters, numbers and hyphens only"),
    ],
)
def test_the_meeting_form_refuses_a_session_name_that_does_not_fit(
    board, meeting, secretary, client_as, session, message
):
    private_session(board, secretary)
    client = client_as("secretary")
    data = as_rendered(client.get(NEW))
    data.update(
        day="2020-12-02", start_time="16:00", end_time="17:00", location="Room 1", session=session
    )
    response = client.post(NEW, data)
    assert response.status_code == 200
    page = text_of(response).replace("&#x27;", "")
    assert message in page
    assert 'href="#id_session"' in response.content.decode()  # the error summary's link
    assert Meeting.objects.filter(board=board).count() == 2


def as_posted(client):
    """The session's edit form as a browser posts it back."""
    data = as_rendered(client.get(f"{PRIVATE}edit/"))
    # The day input does not render an ISO date yet (the ISO dates change fixes that for
    # every date input); this file checks the session name, so the day is given as shown.
    data["day"] = data["day"] or MEETING_DAY.isoformat()
    return data


def test_the_meeting_form_posted_back_unchanged_changes_nothing(board, secretary, client_as):
    session = private_session(board, secretary)
    client = client_as("secretary")
    for publishing in [True, False]:  # as a draft, then published
        before = model_to_dict(session)
        assert client.post(f"{PRIVATE}edit/", as_posted(client)).status_code == 302
        session.refresh_from_db()
        assert model_to_dict(session) == before
        if publishing:
            publish(session, secretary)
            session.refresh_from_db()
    # Once published, the address has gone out: the session name no longer changes.
    data = as_posted(client)
    data["session"] = "part-2"
    assert client.post(f"{PRIVATE}edit/", data).status_code == 302
    session.refresh_from_db()
    assert session.session == "private"


def test_a_draft_session_renamed_moves_to_its_new_address(board, secretary, client_as):
    private_session(board, secretary)
    client = client_as("secretary")
    data = as_posted(client)
    data["session"] = "part-2"
    response = client.post(f"{PRIVATE}edit/", data)
    assert response["Location"] == "/boards/ics-board/meetings/2020-12-02-part-2/"
    assert client.get(response["Location"]).status_code == 200


def test_both_meetings_of_the_day_are_in_the_calendar_and_the_list(
    board, meeting, secretary, client
):
    session = private_session(board, secretary)
    publish(meeting, secretary)
    publish(session, secretary)
    calendar = icalendar.Calendar.from_ical(client.get("/boards/ics-board/meetings.ics").content)
    events = {str(e["url"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {f"http://testserver{DEC}", f"http://testserver{PRIVATE}"}
    public, private = events[f"http://testserver{DEC}"], events[f"http://testserver{PRIVATE}"]
    assert str(public["summary"]) == "ICS Board meeting" and "location" in public
    assert str(private["summary"]) == "ICS Board meeting (Private), held in private"
    assert private.decoded("dtstart") == MEETING_DAY and "location" not in private
    listing = client.get("/boards/ics-board/meetings/").content.decode()
    assert f'href="{DEC}"' in listing and f'href="{PRIVATE}"' in listing


def test_file_names_carry_the_session(board, meeting, secretary, client_as):
    session = private_session(board, secretary)
    publish(session, secretary)
    response = client_as("member").get(f"{PRIVATE}agenda.pdf")
    assert "agenda 2020-12-02-private.pdf" in response["Content-Disposition"]
    pack = Pack(meeting=session, edition="members", version=1)
    assert pack_file_path(pack, "x.pdf") == "packs/ics-board/2020-12-02-private/members-v1.pdf"


def test_actions_raised_at_both_meetings_of_a_day_have_their_own_codes(
    board, meeting, secretary, member
):
    session = private_session(board, secretary)
    publish(meeting, secretary)
    publish(session, secretary)
    codes = [
        action_services.action_raise(
            actor=secretary, item=m.items.first(), title="Report back", lead=member, ongoing=True
        ).code
        for m in [meeting, session, meeting]
    ]
    assert len(set(codes)) == 3


# What the public must not learn of a private session through other pages -------------------


def held(meeting, secretary):
    publish(meeting, secretary)
    agenda_services.meeting_mark_held(
        actor=secretary,
        meeting=meeting,
        now=timezone.make_aware(datetime.datetime(2020, 12, 2, 18)),
    )


def test_the_papers_of_a_private_session_are_for_the_board(board, meeting, secretary, client):
    session = private_session(board, secretary)
    paper = add_paper(add_item(session, secretary, title="Chief executive recruitment"), secretary)
    # No private session was held before, so there are no minutes for the pack to attach.
    previous_minutes_to_follow(session, secretary)
    publication_services.meeting_publish_papers(
        actor=secretary, meeting=session, now=timezone.make_aware(datetime.datetime(2020, 11, 20))
    )
    assert client.get(f"/papers/{paper.pk}/").status_code == 404
    assert paper not in public_papers()
    assert paper.title not in client.get("/papers/feed/").content.decode()


def test_the_next_public_meeting_carries_no_action_of_the_private_session(
    board, meeting, secretary, member, client, client_as
):
    session = private_session(board, secretary)
    held(session, secretary)
    item = session.items.first()
    action_services.action_raise(
        actor=secretary, item=item, title="Draft the job description", lead=member, ongoing=True
    )
    january = meeting_at(board, datetime.date(2021, 1, 13), actor=secretary)
    publish(january, secretary)
    log = "/boards/ics-board/meetings/2021-01-13/actions/"
    assert "Draft the job description" not in client.get(log).content.decode()
    assert "Draft the job description" in client_as("member").get(log).content.decode()


def test_a_pack_takes_the_minutes_of_the_last_meeting_of_its_kind(board, meeting, secretary):
    session = private_session(board, secretary)
    for earlier in [meeting, session]:
        held(earlier, secretary)
        minutes_services.item_minutes_save(
            actor=secretary, item=earlier.items.first(), discussion="Noted."
        )
    members = Viewer(sees_confidential=True)
    january = meeting_at(board, datetime.date(2021, 1, 13), actor=secretary)
    assert _previous_minutes(january, members).meeting == meeting
    later_private = meeting_at(
        board,
        datetime.date(2021, 1, 13),
        hour=14,
        actor=secretary,
        held_in_public=False,
        session="private",
    )
    assert _previous_minutes(later_private, members).meeting == session
