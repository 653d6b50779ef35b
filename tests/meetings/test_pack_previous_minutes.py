"""The pack of a meeting carries the minutes of the board's previous meeting of its kind, never
older ones; the public edition never carries draft minutes, and says where they are; approving
the minutes builds again the packs that carry them."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import BuildStatus, Edition, Meeting, PackBuild
from meetings.pdf import pack_parts
from meetings.services import agenda as agenda_services
from meetings.services import minutes as minutes_services
from meetings.services import publication as publication_services

pytestmark = pytest.mark.django_db


def meetings():
    december = Meeting.objects.get(date=datetime.date(2020, 12, 2))
    january = Meeting.objects.get(date=datetime.date(2021, 1, 13))
    return december, january


def contents(meeting, edition):
    plan = pack_parts.plan(meeting, edition)
    return plan, [(line.title, line.note, line.part) for line in plan.contents]


def test_the_next_pack_carries_the_previous_meetings_minutes_not_older_approved_ones(scene):
    # November's minutes are approved; December went ahead and its minutes are a draft, though
    # nobody has yet recorded December as held.
    _december, january = meetings()
    plan, lines = contents(january, Edition.MEMBERS)
    titles = [title for title, _note, _part in lines]
    assert "Draft minutes of the meeting of 2 December 2020" in titles
    assert not any("4 November 2020" in title for title in titles)
    minutes_part = next(part for part in plan.parts if part.key == "minutes")
    assert "Draft note of the finance discussion" in minutes_part.html


def test_the_public_edition_leaves_out_draft_minutes_and_says_so(scene):
    _december, january = meetings()
    plan, lines = contents(january, Edition.PUBLIC)
    assert "minutes" not in {part.key for part in plan.parts}
    assert ("Minutes of the meeting of 2 December 2020", pack_parts.DRAFT_FOR_THE_BOARD, None) in (
        lines
    )
    assert not any("4 November 2020" in title for title, _note, _part in lines)
    assert not any(
        "Draft note of the finance discussion" in part.html for part in plan.parts if part.html
    )


def january_published(secretary, january):
    publication_services.meeting_publish_agenda(
        actor=secretary,
        meeting=january,
        now=timezone.make_aware(datetime.datetime(2021, 1, 1, 9)),
    )


def test_once_approved_the_public_edition_carries_them(scene, secretary):
    december, january = meetings()
    agenda_services.meeting_mark_held(actor=secretary, meeting=december)
    january_published(secretary, january)
    minutes_services.minutes_approve(actor=secretary, meeting=december, at_meeting=january)
    _plan, lines = contents(january, Edition.PUBLIC)
    assert ("Minutes of the meeting of 2 December 2020", "", "minutes") in lines
    assert pack_parts.DRAFT_FOR_THE_BOARD not in [note for _title, note, _part in lines]


def test_approving_minutes_builds_again_the_packs_that_carry_them(
    scene, secretary, django_capture_on_commit_callbacks
):
    december, january = meetings()
    agenda_services.meeting_mark_held(actor=secretary, meeting=december)
    publication_services.meeting_publish_papers(
        actor=secretary,
        meeting=january,
        now=timezone.make_aware(datetime.datetime(2021, 1, 1, 9)),
    )
    # The papers' build has been done; the packs carry December's draft minutes.
    PackBuild.objects.filter(meeting=january).update(status=BuildStatus.DONE)
    with django_capture_on_commit_callbacks() as callbacks:
        minutes_services.minutes_approve(actor=secretary, meeting=december, at_meeting=january)
    rebuild = PackBuild.objects.get(meeting=january, status=BuildStatus.QUEUED)
    assert rebuild.reason == "Minutes of 2 December 2020 approved"
    assert rebuild.requested_by == secretary
    assert len(callbacks) == 1  # the worker is told once the approval is committed
    # The meeting whose minutes they are has no pack to rebuild for this.
    assert not PackBuild.objects.filter(meeting=december, reason__startswith="Minutes").exists()


def test_approving_minutes_asks_no_build_of_a_meeting_without_packs(scene, secretary):
    december, january = meetings()
    agenda_services.meeting_mark_held(actor=secretary, meeting=december)
    january_published(secretary, january)
    minutes_services.minutes_approve(actor=secretary, meeting=december, at_meeting=january)
    assert not PackBuild.objects.filter(meeting=january).exists()
