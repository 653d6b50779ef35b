"""The minutes page and PDF, and the secretariat's minute, correction and approval screens."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from meetings.models import (
    Correction,
    InterestType,
    ItemMinute,
    MeetingAction,
    Minutes,
    Outcome,
    Ruling,
)
from meetings.services import actions as action_services
from meetings.services import agenda as agenda_services
from meetings.services import attendance as attendance_services
from meetings.services import minutes
from meetings.services import publication as publication_services
from meetings.services.minutes import ResolutionText
from tests.conftest import DRAFT_MINUTE, PUBLIC_MINUTE, SECRET_MINUTE, text_of
from tests.factories import meeting_at
from tests.meetings.conftest import add_item

pytestmark = pytest.mark.django_db

NOV = "/boards/ics-board/meetings/2020-11-04/"
DEC = "/boards/ics-board/meetings/2020-12-02/"
JAN = "/boards/ics-board/meetings/2021-01-13/"


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_approved_minutes_show_the_public_their_public_items_only(scene, client):
    page = text_of(client.get(f"{NOV}minutes/"))
    assert "Approved at the meeting of 2 December 2020 as a true record." in page
    assert PUBLIC_MINUTE in page and SECRET_MINUTE not in page
    assert "This item was taken in private. Its minute is not published." in page
    # "Action by": the lead of the action raised at the item, with its code.
    assert f"Amanda Doyle ({MeetingAction.objects.get().code})" in page


def test_the_minutes_pdf_follows_the_same_rule(scene, client, client_as):
    public = pdf_text(client.get(f"{NOV}minutes.pdf"))
    assert "Minutes of the" in public and "ICS Board" in public
    assert PUBLIC_MINUTE.split()[0] in public
    assert "preferred bidder" not in public
    board = pdf_text(client_as("member").get(f"{NOV}minutes.pdf"))
    assert "preferred bidder" in board
    draft = client_as("member").get(f"{DEC}minutes.pdf")
    assert "(draft)" in pdf_text(draft) and draft["Cache-Control"] == "private, no-store"
    assert client.get(f"{DEC}minutes.pdf").status_code == 404


def test_draft_minutes_are_for_the_board(scene, client, client_as):
    assert client.get(f"{DEC}minutes/").status_code == 404
    assert client_as("outsider").get(f"{DEC}minutes/").status_code == 404
    page = text_of(client_as("member").get(f"{DEC}minutes/"))
    assert DRAFT_MINUTE in page and "Draft" in page


def test_the_meeting_page_shows_declarations_at_public_items(
    scene, client, client_as, secretary, member
):
    from meetings.models import Meeting

    november = Meeting.objects.get(date=datetime.date(2020, 11, 4))
    private = november.items.get(pk=scene["november_private_item"])
    attendance_services.declaration_record(
        actor=secretary,
        meeting=november,
        attendance=november.attendance.get(person=member),
        item=private,
        interest_type=InterestType.FINANCIAL,
        nature="Shareholder in the bidding laboratory",
        ruling=Ruling.LEAVES,
    )
    public = text_of(client.get(NOV))
    assert "Clinical lead for one of the six core areas" in public
    assert "Stays and may speak but not vote" in public
    assert "Shareholder in the bidding laboratory" not in public
    assert "Shareholder in the bidding laboratory" in text_of(client_as("member").get(NOV))


def test_the_secretary_writes_a_minute_with_resolutions(scene, client_as):
    secretary = client_as("secretary")
    url = DEC + f"items/{scene['item']}/minutes/"
    response = secretary.post(
        url,
        {
            "discussion": "Gary Raphael presented the finance report.\n\nQuestions followed.",
            "noted": "Report noted.",
            "resolutions-TOTAL_FORMS": "2",
            "resolutions-INITIAL_FORMS": "0",
            "resolutions-0-text": "The Board approved the capital plan.",
            "resolutions-0-outcome": Outcome.APPROVED,
            "resolutions-1-text": "",
            "resolutions-1-outcome": "",
        },
    )
    assert response.status_code == 302
    number = ItemMinute.objects.get(item_id=scene["item"]).item.number
    assert response["Location"] == f"{DEC}minutes/#item-{number}"
    minute = ItemMinute.objects.get(item_id=scene["item"])
    assert minute.discussion == (
        "<p>Gary Raphael presented the finance report.</p><p>Questions followed.</p>"
    )
    page = text_of(secretary.get(f"{DEC}minutes/"))
    assert "Resolved: The Board approved the capital plan. Approved" in page


def test_a_resolution_without_an_outcome_is_shown_on_the_form(scene, client_as):
    response = client_as("secretary").post(
        DEC + f"items/{scene['item']}/minutes/",
        {
            "discussion": "Changed",
            "resolutions-TOTAL_FORMS": "1",
            "resolutions-INITIAL_FORMS": "0",
            "resolutions-0-text": "Approved the plan.",
            "resolutions-0-outcome": "",
        },
    )
    assert response.status_code == 200
    assert "Choose the outcome of this resolution." in text_of(response)
    assert ItemMinute.objects.get(item_id=scene["item"]).discussion == f"<p>{DRAFT_MINUTE}</p>"


def test_approved_minutes_are_corrected_with_a_reason_shown_on_the_minutes(scene, client_as):
    secretary = client_as("secretary")
    url = NOV + f"items/{scene['november_item']}/minutes/"
    form = text_of(secretary.get(url))
    assert "These minutes are approved" in form and "Reason for the correction" in form
    fields = {
        "discussion": "The Board endorsed the clinical strategy of November.",
        "resolutions-TOTAL_FORMS": "0",
        "resolutions-INITIAL_FORMS": "0",
    }
    refused = secretary.post(url, fields)
    assert refused.status_code == 200 and "Enter the reason for the correction." in text_of(refused)
    assert not Correction.objects.exists()
    done = secretary.post(url, {**fields, "reason": "The month was missing."})
    assert done.status_code == 302
    public = text_of(client_as("anonymous").get(f"{NOV}minutes/"))
    assert "Corrected on" in public and "The month was missing." in public
    assert "clinical strategy of November" in public


def test_approval_is_refused_until_the_meeting_is_held_then_recorded(scene, client_as, secretary):
    from meetings.models import Meeting

    december = Meeting.objects.get(date=datetime.date(2020, 12, 2))
    january = Meeting.objects.get(date=datetime.date(2021, 1, 13))
    publication_services.meeting_publish_agenda(
        actor=secretary, meeting=january, now=timezone.make_aware(datetime.datetime(2020, 12, 20))
    )
    client = client_as("secretary")
    url = f"{DEC}minutes/approve/"
    data = {"at_meeting": january.pk, "amended": "no"}
    refused = client.post(url, data)
    assert "The meeting of 2 December 2020 has not been held" in text_of(refused)
    agenda_services.meeting_mark_held(actor=secretary, meeting=december)
    missing = client.post(url, {"at_meeting": january.pk, "amended": "yes"})
    assert "Write the amendments the board agreed." in text_of(missing)
    done = client.post(url, {**data, "amended": "yes", "amendments": "Item 5 figures."})
    assert done.status_code == 302
    approved = Minutes.objects.get(meeting=december)
    assert approved.is_approved and approved.approved_at == january
    assert "with amendments: Item 5 figures." in text_of(
        client_as("anonymous").get(f"{DEC}minutes/")
    )
    # The next meeting's minutes say so under its "minutes of the previous meeting" item.
    next_minutes = text_of(client.get(f"{JAN}minutes/"))
    assert (
        "The minutes of the meeting of 2 December 2020 were approved with amendments: "
        "Item 5 figures." in next_minutes
    )


def minuted_meeting(board, secretary, member, day, items):
    meeting = meeting_at(board, day, actor=secretary, held_in_public=True)
    added = [
        add_item(meeting, secretary, title=f"Item of business {n}", format="verbal")
        for n in range(items)
    ]
    publication_services.meeting_publish_agenda(
        actor=secretary, meeting=meeting, now=timezone.make_aware(datetime.datetime(2020, 1, 1))
    )
    attendance_services.attendance_prefill(actor=secretary, meeting=meeting)
    here = meeting.attendance.get(person=member)
    for item in added:
        minutes.item_minutes_save(
            actor=secretary,
            item=item,
            discussion="Discussed.",
            resolutions=[ResolutionText("Agreed.", Outcome.APPROVED)],
        )
        action_services.action_raise(
            actor=secretary, item=item, title="Follow up", lead=member, ongoing=True
        )
        attendance_services.declaration_record(
            actor=secretary,
            meeting=meeting,
            attendance=here,
            item=item,
            interest_type=InterestType.INDIRECT,
            nature="Spouse works for a partner",
            ruling=Ruling.TAKES_PART,
        )
    return meeting


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_minutes_page_costs_the_same_queries_whatever_the_number_of_items(
    board, secretary, member, client_as
):
    small = minuted_meeting(board, secretary, member, datetime.date(2020, 6, 3), 2)
    large = minuted_meeting(board, secretary, member, datetime.date(2020, 7, 1), 7)
    client = client_as("member")
    few = queries_for(client, f"/boards/{board.slug}/meetings/{small.date}/minutes/")
    many = queries_for(client, f"/boards/{board.slug}/meetings/{large.date}/minutes/")
    assert few == many


def test_the_secretary_records_that_a_meeting_was_held(scene, client_as, board, secretary):
    client = client_as("secretary")
    assert "Record that the meeting was held" in text_of(client.get(DEC))
    assert client.post(f"{DEC}held/").status_code == 302
    from meetings.models import Meeting, MeetingStatus

    assert Meeting.objects.get(date=datetime.date(2020, 12, 2)).status == MeetingStatus.HELD
    ahead = timezone.localdate() + datetime.timedelta(days=30)
    future = meeting_at(board, ahead, actor=secretary)
    publication_services.meeting_publish_agenda(actor=secretary, meeting=future)
    refused = client.post(f"/boards/{board.slug}/meetings/{ahead}/held/")
    assert refused.status_code == 200
    assert "The meeting has not started yet." in text_of(refused)
