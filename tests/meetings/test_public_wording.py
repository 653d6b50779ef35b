"""What the meeting page says to each reader: the format of an item whose paper this reader may
not see, the next meeting's date said once, and what the pack's date is."""

import datetime
import re

import pytest
from django.utils import timezone

from meetings.models import StandingKind
from meetings.services import agenda as agenda_services
from meetings.services import packs as pack_services
from meetings.services import publication as publication_services
from tests.conftest import text_of
from tests.meetings.conftest import add_item, add_paper
from tests.meetings.test_exempt_business import pdf_text

pytestmark = pytest.mark.django_db

DEC = "/boards/ics-board/meetings/2020-12-02/"
IN_GOOD_TIME = timezone.make_aware(datetime.datetime(2020, 11, 1, 9))


def row(response, item):
    """The text of an item's row in the meeting page's agenda."""
    found = re.search(
        rf'<tr[^>]*id="item-{item.number}">(.*?)</tr>', response.content.decode(), re.DOTALL
    )
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()


@pytest.fixture
def published(meeting, secretary):
    """A meeting with papers published: one public item whose paper is confidential, one
    confidential item with its paper, and one public item with a public paper."""
    add_paper(meeting.items.get(standing=StandingKind.PREVIOUS_MINUTES), secretary)
    public_item = add_item(meeting, secretary, title="Finance Report")
    add_paper(public_item, secretary, title="Finance Report", confidential=True)
    private_item = add_item(
        meeting,
        secretary,
        title="Pathology contract award",
        confidential=True,
        public_title="Commercial contract update",
        confidential_reason="Commercially sensitive",
    )
    add_paper(private_item, secretary, title="Pathology contract award")
    open_item = add_item(meeting, secretary, title="Clinical Strategy")
    add_paper(open_item, secretary, title="Clinical Strategy")
    publication_services.meeting_publish_papers(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    return {"confidential paper": public_item, "private": private_item, "open": open_item}


def test_the_public_read_confidential_paper_where_their_page_has_no_paper(published, client_as):
    """Regression: the public page said "Attached" for items whose paper it leaves out."""
    response = client_as("anonymous").get(DEC)
    for key in ["confidential paper", "private"]:
        text = row(response, published[key])
        assert text.endswith("Confidential paper"), text
        assert "Attached" not in text and "Cover sheet" not in text
    assert row(response, published["open"]).endswith("Attached")


def test_members_who_see_the_paper_read_attached_and_find_it(published, client_as):
    response = client_as("member").get(DEC)
    for key in ["confidential paper", "private", "open"]:
        text = row(response, published[key])
        assert text.endswith("Attached"), text
        assert "Cover sheet" in text
    assert "Confidential paper" not in text_of(response)


def test_the_next_meeting_note_does_not_repeat_its_date(meeting, secretary, client):
    agenda_services.meeting_change(
        actor=secretary,
        meeting=meeting,
        next_meeting_on=datetime.date(2021, 1, 13),
        next_meeting_note="13 January 2021 – 10.00-12.00 noon, MS Teams",
    )
    publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    page = text_of(client.get(DEC))
    assert "Next meeting Wednesday 13 January 2021, 10.00-12.00 noon, MS Teams" in page
    assert page.count("13 January 2021") == 1


def test_a_note_without_the_date_is_shown_as_written(meeting, secretary, client):
    agenda_services.meeting_change(
        actor=secretary,
        meeting=meeting,
        next_meeting_on=datetime.date(2021, 1, 13),
        next_meeting_note="Informal meeting, 10:00 to 12:00",
    )
    publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    assert "Wednesday 13 January 2021, Informal meeting, 10:00 to 12:00" in text_of(client.get(DEC))


def test_the_pack_line_says_what_its_date_is(published, meeting, client_as):
    """Regression: "Version 1, 1 December 2026" under a meeting of 2020 left the reader to
    guess that the date was the day the pack was built."""
    requested = pack_services.pack_build_request(actor=None, meeting=meeting, reason="Test")
    pack_services.pack_build_run(requested.pk)
    built = timezone.localdate()
    page = text_of(client_as("anonymous").get(DEC))
    assert f"Version 1, built on {built.day} {built:%B %Y}" in page


def test_the_public_agenda_pdf_reads_confidential_paper_too(published, client_as):
    public = pdf_text(client_as("anonymous").get(f"{DEC}agenda.pdf"))
    assert public.count("Confidential paper") == 2
    members = pdf_text(client_as("member").get(f"{DEC}agenda.pdf"))
    assert "Confidential paper" not in members
