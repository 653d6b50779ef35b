import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from meetings.models import Action, Answer, ItemFormat, Purpose
from meetings.services import agenda as agenda_services
from meetings.services import attendance as at_meeting
from meetings.services import papers as paper_services
from meetings.services import publication as publication_services
from tests.factories import meeting_at
from tests.meetings.pdf_samples import pdf_bytes

MEETING_DAY = datetime.date(2020, 12, 2)


@pytest.fixture
def meeting(board, secretary):
    return meeting_at(board, MEETING_DAY, actor=secretary)


def complete_cover_sheet(**overrides):
    sheet = {
        "title": "Conclusion of the phase 3 planning process",
        "presented_by": "Gary Raphael",
        "authors": "Gary Raphael",
        "purposes": [Purpose.APPROVE],
        "purpose_detail": "To report the allocation of growth funding.",
        "executive_summary": "How growth funding is allocated across the system.",
        "recommendations": "Endorse the allocation.",
        "quality_impact": Answer.NOT_APPLICABLE,
        "equality_impact": Answer.NOT_APPLICABLE,
        "privacy_impact": Answer.NOT_APPLICABLE,
        "financial_impact": Answer.YES,
        "associated_risks": Answer.YES,
        "on_risk_register": Answer.NO,
    }
    return sheet | overrides


def upload(name="paper.pdf", content=None, pages=3):
    return SimpleUploadedFile(name, pdf_bytes(pages) if content is None else content)


def add_item(meeting, actor, *, section=None, **fields):
    section = section or meeting.sections.get(title="Routine Items of Business")
    fields.setdefault("title", "Finance Report")
    fields.setdefault("action", Action.NOTE)
    fields.setdefault("format", ItemFormat.ATTACHED)
    return agenda_services.item_add(actor=actor, section=section, **fields)


def add_paper(item, actor, *, with_file=True, **overrides):
    paper = paper_services.paper_create(actor=actor, item=item, **complete_cover_sheet(**overrides))
    if with_file:
        paper_services.paper_file_upload(actor=actor, paper=paper, upload=upload())
    return paper


IN_GOOD_TIME = timezone.make_aware(datetime.datetime(2020, 11, 20, 9))


@pytest.fixture
def held(meeting, secretary, member, chair, board):
    """The meeting, its agenda of three items published, its attendance from the seats."""
    for title in ["Finance Report", "Clinical Strategy", "Pathology Collaborative"]:
        add_item(meeting, secretary, title=title, format="verbal")
    publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    at_meeting.attendance_prefill(actor=secretary, meeting=meeting)
    return meeting
