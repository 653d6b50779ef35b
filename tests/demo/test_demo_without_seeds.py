"""The demo on a fresh clone: no seed documents at hand, and still both meetings of the ICS
Board, their papers with PDFs, the minutes, the attendance, the action log and a board pack,
all from the project's own data."""

import datetime
import io
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings
from pypdf import PdfReader

from meetings.models import (
    AttendanceKind,
    BuildStatus,
    Edition,
    ItemMinute,
    Meeting,
    MeetingStatus,
    MinutesStatus,
    Pack,
    PackBuild,
)
from meetings.selectors import actions as action_selectors
from meetings.services import packs as pack_services
from tests.module_data import module_data

pytestmark = pytest.mark.django_db

NOVEMBER = datetime.date(2020, 11, 4)
DECEMBER = datetime.date(2020, 12, 2)


def load_demo_without_seeds():
    with tempfile.TemporaryDirectory() as empty, override_settings(SEEDS_DIR=Path(empty)):
        call_command("load_demo", stdout=io.StringIO())


# Loaded once for the module, each test in a savepoint of its own: see tests/module_data.py.
demo_without_seeds = module_data("demo_without_seeds", load_demo_without_seeds)


@pytest.fixture
def demo(demo_without_seeds, db, settings, tmp_path):
    settings.SEEDS_DIR = tmp_path  # an empty directory: no seed documents
    demo_without_seeds.copy_media(settings.MEDIA_ROOT)


def meeting(day):
    return Meeting.objects.get(board__slug="ics-board", date=day)


def pdf_text(stored_file):
    reader = PdfReader(stored_file.open("rb"))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_both_meetings_are_there(demo):
    assert meeting(NOVEMBER).status == MeetingStatus.HELD
    december = meeting(DECEMBER)
    assert december.status == MeetingStatus.PAPERS_PUBLISHED
    assert december.items.count() == 15
    assert Client().get(december.get_absolute_url()).status_code == 200


def test_the_papers_have_pdfs_generated_from_their_facts(demo):
    papers = {
        item.number: item.papers.get()
        for item in meeting(DECEMBER).items.filter(papers__isnull=False).distinct()
    }
    assert sorted(papers) == [5, 7, 8, 9, 10, 12]
    for number, paper in papers.items():
        stored = paper.files.get()
        pages, text = pdf_text(stored.file)
        assert pages == stored.page_count >= 1, number
        assert "Presented by" in text and "Executive summary" in text, number
    pages, text = pdf_text(papers[10].files.get().file)
    assert pages > 1 and "ICS Finance Report" in text and "(90.8)" in text
    assert papers[8].in_supplement
    assert papers[9].confidential and papers[12].confidential


def test_the_november_minutes_and_attendance(demo):
    november = meeting(NOVEMBER)
    assert november.minutes.status == MinutesStatus.APPROVED
    assert november.minutes.approved_at == meeting(DECEMBER)
    assert ItemMinute.objects.filter(item__meeting=november).count() == 15
    assert november.attendance.filter(kind=AttendanceKind.DEPUTY).count() == 2
    assert november.attendance.filter(kind=AttendanceKind.APOLOGIES).count() == 3
    page = Client().get(f"{november.get_absolute_url()}minutes/").content.decode()
    assert "Jerry Hawker" in page and "Not approved" in page


def test_the_december_action_log(demo):
    codes = [action.code for action in action_selectors.action_log(meeting(DECEMBER))]
    assert sorted(codes) == [
        "ICSB200304-02",
        "ICSB200304-04",
        "ICSB200902-01",
        "ICSB2200915",
        "ICSB2200916",
    ]


def test_the_december_pack_builds(demo):
    december = meeting(DECEMBER)
    requested = pack_services.pack_build_request(actor=None, meeting=december, reason="Test")
    pack_services.pack_build_run(requested.pk)
    build = PackBuild.objects.get(pk=requested.pk)
    assert build.status == BuildStatus.DONE, build.error
    packs = {pack.edition: pack for pack in Pack.objects.filter(build=build)}
    assert set(packs) == set(Edition.values)
    assert packs[Edition.MEMBERS].page_count > packs[Edition.PUBLIC].page_count > 10
    public = "\n".join(
        page.extract_text() for page in PdfReader(packs[Edition.PUBLIC].file.path).pages
    )
    assert "ICSB200304-02" in public and "Declarations of interest" in public
    assert "System Assurance Framework & Strategic Risk" not in public
