"""The demo meetings of the ICS Board, 4 November and 2 December 2020, as the board pack of
2 December 2020 (seed 003) records them; with or without the seed documents at hand."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from icp_portal.demo.seeds import SEED_PACK
from icp_portal.demo.seeds.minutes import minutes_of_november
from meetings.models import (
    ActionStatus,
    AttendanceKind,
    ItemMinute,
    Meeting,
    MeetingStatus,
    MinutesStatus,
    Outcome,
    StandingKind,
)
from meetings.selectors import actions as action_selectors
from meetings.selectors import attendance as attendance_selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def december(demo_loaded):
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


def test_the_pack_carries_the_guidance_and_the_minutes_of_items_2_and_3(december):
    # Items 2 and 3 are attached, but by the pack: the board's guidance and the minutes.
    assert december.board.declarations_guidance.count("\n\n") > 5
    assert not december.items.get(standing=StandingKind.DECLARATIONS).papers.exists()
    assert not december.items.get(standing=StandingKind.PREVIOUS_MINUTES).papers.exists()


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


# What the minutes of 4 November 2020 record ---------------------------------------------------


@pytest.fixture
def november(december):
    return Meeting.objects.get(board__slug="ics-board", date=datetime.date(2020, 11, 4))


def test_4_november_2020_has_the_minutes_attendance(november):
    kinds = {}
    for row in november.attendance.all():
        kinds[row.kind] = kinds.get(row.kind, 0) + 1
    assert kinds == {
        AttendanceKind.PRESENT: 21,
        AttendanceKind.IN_ATTENDANCE: 7,
        AttendanceKind.DEPUTY: 2,
        AttendanceKind.APOLOGIES: 3,
    }
    deputies = {
        row.person.full_name: row.on_behalf_of.full_name
        for row in november.attendance.filter(kind=AttendanceKind.DEPUTY)
    }
    assert deputies == {"Jerry Hawker": "Sue Smith", "John Bannister": "Jacqui Hanson"}
    apologies = november.attendance.filter(kind=AttendanceKind.APOLOGIES)
    assert sorted(apologies.values_list("person__full_name", flat=True)) == [
        "Jacqui Hanson",
        "Neil Japp",
        "Sue Smith",
    ]


@pytest.mark.skipif(
    not (settings.SEEDS_DIR / SEED_PACK).exists(), reason="the seed documents are not here"
)
def test_the_attendance_adds_nobody_the_minutes_do_not_name(november):
    record = minutes_of_november(settings.SEEDS_DIR / SEED_PACK)
    named = {row.name for row in record.attendance} | set(record.apologies)
    assert set(november.attendance.values_list("person__full_name", flat=True)) == named


def test_present_members_are_under_the_minutes_headings(november):
    groups, _ = attendance_selectors.attendance_groups(november)
    headings = [heading for heading, _ in groups]
    assert headings[0] == ""  # the chair and the chief officer, as the minutes list them
    assert [row.person.full_name for row in groups[0][1]] == ["David Flory", "Dr Amanda Doyle"]
    assert "ICP Leads" in headings and headings[-1] == "In attendance"
    voting = november.attendance.filter(kind=AttendanceKind.PRESENT, voting=True)
    assert voting.count() == 21
    assert november.attendance.get(person__full_name="Jerry Hawker").voting


def test_every_item_of_4_november_is_minuted_and_approved_in_december(november, december):
    assert ItemMinute.objects.filter(item__meeting=november).count() == 15
    minutes = november.minutes
    assert minutes.status == MinutesStatus.APPROVED
    assert minutes.approved_at == december
    assert minutes.approved_on == december.starts_at
    assert minutes.amendments == ""
    welcome = november.items.get(number=1).minute
    assert welcome.discussion.startswith("<p>David Flory welcomed everyone")


def test_resolutions_carry_the_outcome_their_words_give(november):
    def outcomes(number):
        return [r.outcome for r in november.items.get(number=number).resolutions.all()]

    assert outcomes(6) == [Outcome.ENDORSED]
    assert outcomes(7) == [Outcome.NOT_APPROVED, Outcome.APPROVED, Outcome.APPROVED]
    assert outcomes(9) == [Outcome.DEFERRED]
    assert outcomes(1) == []
    phase3 = november.items.get(number=5).minute
    assert phase3.noted.startswith("The ICS Board noted:")
    assert phase3.noted.count("\n• ") == 3
    assert "<ul><li>" in november.items.get(number=7).minute.discussion


def test_the_five_actions_of_the_log_are_on_decembers_action_log(december):
    actions = {action.code: action for action in action_selectors.action_log(december)}
    assert sorted(actions) == [
        "ICSB200304-02",
        "ICSB200304-04",
        "ICSB200902-01",
        "ICSB2200915",
        "ICSB2200916",
    ]
    raised = {code: (a.raised_at.meeting.date, a.raised_at.number) for code, a in actions.items()}
    assert raised == {
        "ICSB200304-02": (datetime.date(2020, 3, 4), 1),
        "ICSB200304-04": (datetime.date(2020, 3, 4), 1),
        "ICSB200902-01": (datetime.date(2020, 9, 2), 1),
        "ICSB2200915": (datetime.date(2020, 11, 4), 3),
        "ICSB2200916": (datetime.date(2020, 11, 4), 8),
    }
    assert {a.lead.full_name for a in actions.values()} == {
        "Talib Yaseen",
        "Kevin McGee",
        "Mark Hindle",
    }
    assert {a.status for a in actions.values()} == {ActionStatus.IN_PROGRESS}


def test_the_actions_keep_the_logs_due_dates_and_updates(december):
    actions = {action.code: action for action in action_selectors.action_log(december)}
    # "January 2021" is the board's January meeting, 13 January 2021.
    assert actions["ICSB200304-02"].due_on == datetime.date(2021, 1, 13)
    assert actions["ICSB200902-01"].due_on == datetime.date(2020, 12, 2)
    assert actions["ICSB2200916"].ongoing and actions["ICSB2200916"].due_on is None
    updates = [u for a in actions.values() for u in a.updates.all()]
    assert len(updates) == 3
    assert {u.written_on for u in updates} == {datetime.date(2020, 11, 24)}
    first = actions["ICSB200304-02"].updates.get()
    assert first.text.startswith("The strategy delivery plan needs to align")
    assert first.author == actions["ICSB200304-02"].lead
    assert not actions["ICSB2200915"].updates.exists()


def test_the_meetings_the_older_codes_name_are_held_with_one_item(december):
    for day in (datetime.date(2020, 3, 4), datetime.date(2020, 9, 2)):
        meeting = Meeting.objects.get(board__slug="ics-board", date=day)
        assert meeting.status == MeetingStatus.HELD
        assert meeting.items.count() == 1


def test_the_approved_minutes_are_public(november):
    url = reverse("meetings:minutes", args=november.url_args())
    page = Client().get(url).content.decode()
    assert "Jerry Hawker" in page
    assert "The Board endorsed all the recommendations" in page
    assert "Not approved" in page
