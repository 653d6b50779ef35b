"""The demo meetings, read from the board pack of 2 December 2020 (seed 003)."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader

from meetings.demo import SEED_PACK
from meetings.models import Meeting, MeetingStatus, StandingKind

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (settings.SEEDS_DIR / SEED_PACK).exists(), reason="the seed documents are not here"
    ),
]


@pytest.fixture
def december():
    call_command("load_demo", stdout=io.StringIO())
    return Meeting.objects.get(board__slug="ics-board", date=datetime.date(2020, 12, 2))


def agenda(meeting):
    return [
        (
            s.title,
            [
                (i.number, i.title, i.get_action_display(), i.get_format_display())
                for i in s.items.order_by("number")
            ],
        )
        for s in meeting.sections.all()
    ]


def test_the_agenda_of_2_december_2020_is_the_packs(december):
    sections = agenda(december)
    assert [title for title, _ in sections] == [
        "Routine Items of Business",
        "Sustainability",
        "Building the Future System",
        "Performance and Outcomes",
        "For Information",
        "Any Other Business",
    ]
    items = [item for _, lines in sections for item in lines]
    assert [number for number, *_ in items] == list(range(1, 16))
    assert items[7] == (8, "ICP Core Narrative", "Approve", "To follow")
    assert items[5] == (6, "Covid Vaccination Update", "Note", "Presentation")
    assert december.next_meeting_on == datetime.date(2021, 1, 13)
    assert december.location == "MS Teams Teleconference"


def test_owners_become_presenters_where_they_are_people(december):
    item5 = december.items.get(number=5)
    assert sorted(p.full_name for p in item5.presenters.all()) == ["Carl Ashworth", "Gary Raphael"]
    assert december.items.get(number=8).presenters_text == "Geoff Joliffe"
    assert december.items.get(number=1).presenters_text == "Chair"


def test_cover_sheets_carry_their_values_and_confidential_markings(december):
    paper = december.items.get(number=5).papers.get()
    assert paper.title == "Conclusion of the phase 3 planning process"
    assert paper.purpose_detail.startswith("To apprise the Board")
    assert (paper.financial_impact, paper.quality_impact, paper.on_risk_register) == (
        "yes",
        "n/a",
        "no",
    )
    assert paper.forums.get().forum == "FAC SLE"
    assert december.items.get(number=9).papers.get().confidential
    assert not december.items.get(number=7).papers.get().confidential


def test_paper_bodies_are_rendered_to_pdf(december):
    paper = december.items.get(number=10).papers.get()
    stored = paper.files.get()
    reader = PdfReader(stored.file.open("rb"))
    assert len(reader.pages) == stored.page_count > 1
    assert "ICS Finance Report" in reader.pages[0].extract_text()
    minutes = december.items.get(standing=StandingKind.PREVIOUS_MINUTES).papers.get()
    assert "David Flory" in PdfReader(minutes.files.get().file.open("rb")).pages[0].extract_text()


def test_the_papers_went_out_with_notice_and_item_8_as_a_late_supplement(december):
    assert december.status == MeetingStatus.PAPERS_PUBLISHED
    kinds = [(p.kind, p.clear_working_days, p.late) for p in december.publications.all()]
    assert kinds == [("agenda", 5, False), ("papers", 5, False), ("supplement", 1, True)]
    assert december.items.get(number=8).papers.get().in_supplement


def test_4_november_2020_was_held_with_item_9_deferred(december):
    november = Meeting.objects.get(date=datetime.date(2020, 11, 4))
    assert november.status == MeetingStatus.HELD
    governance = november.items.get(title="ICS Governance")
    assert governance.deferred_to == december
    assert november.items.count() == 15


def test_the_public_meeting_page_hides_the_confidential_papers(december):
    page = Client().get(december.get_absolute_url()).content.decode()
    assert "Clinical Strategy - Update" in page
    assert "Strategic Risk Management Update" not in page
    assert "ICS Programme Executive Summary Report" not in page
