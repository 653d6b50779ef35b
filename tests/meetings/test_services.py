"""Building, publishing and changing a meeting: the lifecycle and every refusal."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    ItemFormat,
    ItemStatus,
    MeetingStatus,
    Paper,
    PaperFile,
    Publication,
    StandingItem,
    StandingKind,
)
from meetings.selectors.exempt_business import ExcludedItem, exclusion_resolution
from meetings.services import agenda as agenda_services
from meetings.services import papers as paper_services
from meetings.services import publication as publication_services
from tests.factories import meeting_at
from tests.meetings.conftest import MEETING_DAY, add_item, add_paper, upload
from tests.meetings.pdf_samples import pdf_bytes

pytestmark = pytest.mark.django_db

# Eight clear working days before 2 December 2020, and two.
IN_GOOD_TIME = timezone.make_aware(datetime.datetime(2020, 11, 20, 9))
LATE = timezone.make_aware(datetime.datetime(2020, 11, 27, 9))


def agenda(meeting):
    return [(i.number, i.title) for i in meeting.items.order_by("number")]


def refusal(call, field):
    with pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.message_dict[field])


def test_a_new_meeting_starts_from_the_standing_items(meeting):
    assert [s.title for s in meeting.sections.all()] == [
        "Routine Items of Business",
        "Any Other Business",
    ]
    assert agenda(meeting) == [
        (1, "Welcome and apologies"),
        (2, "Declarations of interest"),
        (3, "Minutes of the previous meeting and action log"),
        (4, "Key messages"),
        (5, "Items for the next meeting"),
        (6, "Any other business"),
    ]
    assert meeting.status == MeetingStatus.DRAFT
    assert meeting.items.get(number=3).standing == StandingKind.PREVIOUS_MINUTES


def test_a_board_template_replaces_the_default_standing_items(board, secretary):
    StandingItem.objects.create(board=board, section_title="Opening", title="Prayers", position=0)
    meeting = meeting_at(board, MEETING_DAY, actor=secretary)
    assert agenda(meeting) == [(1, "Prayers")]


def test_items_are_numbered_in_section_order_and_renumber_when_moved(meeting, secretary):
    finance = agenda_services.section_add(actor=secretary, meeting=meeting, title="Sustainability")
    report = add_item(meeting, secretary, section=finance, title="Finance Report")
    assert agenda(meeting)[4] == (5, "Finance Report")
    assert agenda(meeting)[5] == (6, "Items for the next meeting")

    agenda_services.item_move(actor=secretary, item=report, step=-1)
    assert agenda(meeting)[3:5] == [(4, "Finance Report"), (5, "Key messages")]
    report.refresh_from_db()
    assert report.section.title == "Routine Items of Business"

    agenda_services.item_move(actor=secretary, item=report, step=+1)
    assert agenda(meeting)[3:5] == [(4, "Key messages"), (5, "Finance Report")]
    report.refresh_from_db()
    assert report.section.title == "Routine Items of Business"

    agenda_services.item_change(actor=secretary, item=report, section=finance)
    report.refresh_from_db()
    assert (report.section, report.number) == (finance, 5)


def test_moving_a_section_renumbers_its_items(meeting, secretary):
    finance = agenda_services.section_add(actor=secretary, meeting=meeting, title="Sustainability")
    add_item(meeting, secretary, section=finance, title="Finance Report")
    agenda_services.section_move(actor=secretary, section=finance, step=-1)
    assert agenda(meeting)[0] == (1, "Finance Report")


def test_a_confidential_item_needs_a_public_title_and_a_reason(meeting, secretary):
    message = refusal(
        lambda: add_item(meeting, secretary, title="Contract award", confidential=True),
        "public_title",
    )
    assert "title the public can see" in message
    assert meeting.items.count() == 6


def test_publishing_the_agenda_records_the_notice_given(meeting, secretary):
    publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    assert meeting.notice_clear_working_days == 7
    assert not meeting.publications.get().late


def test_publishing_late_needs_a_reason_and_is_recorded_as_late(meeting, secretary):
    message = refusal(
        lambda: publication_services.meeting_publish_agenda(
            actor=secretary, meeting=meeting, now=LATE
        ),
        "late_reason",
    )
    assert "2 clear working days" in message and "needs 5" in message
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT and not Publication.objects.exists()

    publication_services.meeting_publish_agenda(
        actor=secretary, meeting=meeting, now=LATE, late_reason="Waiting for national guidance"
    )
    publication = meeting.publications.get()
    assert (publication.late, publication.late_reason) == (True, "Waiting for national guidance")


def test_papers_cannot_go_out_with_a_missing_paper(meeting, secretary):
    item = add_item(meeting, secretary, title="Finance Report", format=ItemFormat.ATTACHED)
    minutes = meeting.items.get(standing=StandingKind.PREVIOUS_MINUTES)
    add_paper(minutes, secretary, title="Minutes of 4 November 2020")
    problems = refusal(
        lambda: publication_services.meeting_publish_papers(
            actor=secretary, meeting=meeting, now=IN_GOOD_TIME
        ),
        "checklist",
    )
    assert "Finance Report: marked Attached but has no paper" in problems
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT
    assert not Paper.objects.filter(published_at__isnull=False).exists()

    agenda_services.item_change(actor=secretary, item=item, format=ItemFormat.TO_FOLLOW)
    publication_services.meeting_publish_papers(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PAPERS_PUBLISHED
    assert [p.kind for p in meeting.publications.all()] == ["agenda", "papers"]


def test_papers_cannot_go_out_with_an_empty_cover_sheet_or_no_file(meeting, secretary):
    minutes = meeting.items.get(standing=StandingKind.PREVIOUS_MINUTES)
    add_paper(minutes, secretary, executive_summary="", with_file=False)
    problems = refusal(
        lambda: publication_services.meeting_publish_papers(
            actor=secretary, meeting=meeting, now=IN_GOOD_TIME
        ),
        "checklist",
    )
    assert "has no PDF" in problems
    assert "has no answer to: Executive summary." in problems


def publish_all(meeting, secretary):
    minutes = meeting.items.get(standing=StandingKind.PREVIOUS_MINUTES)
    add_paper(minutes, secretary, title="Minutes of 4 November 2020")
    publication_services.meeting_publish_papers(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)


def test_a_late_paper_goes_out_as_a_supplement(meeting, secretary):
    item = add_item(meeting, secretary, title="ICP Core Narrative", format=ItemFormat.TO_FOLLOW)
    publish_all(meeting, secretary)
    late_paper = add_paper(item, secretary, title="ICP Core Narrative")
    publication = publication_services.supplement_issue(
        actor=secretary,
        meeting=meeting,
        note="ICP Core Narrative",
        late_reason="Arrived late",
        now=LATE,
    )
    late_paper.refresh_from_db()
    assert late_paper.published_at == publication.published_at
    assert late_paper.in_supplement
    assert publication.late
    message = refusal(
        lambda: publication_services.supplement_issue(actor=secretary, meeting=meeting), "papers"
    )
    assert "no new papers" in message


def test_the_agenda_cannot_be_published_twice(meeting, secretary):
    publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    assert "already published" in refusal(
        lambda: publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting),
        "status",
    )


def test_an_item_can_be_deferred_to_a_later_meeting_of_the_board(meeting, secretary, board):
    item = add_item(meeting, secretary, title="Pathology Collaborative", format=ItemFormat.VERBAL)
    january = meeting_at(board, datetime.date(2021, 1, 13), actor=secretary)
    agenda_services.item_defer(
        actor=secretary, item=item, to_meeting=january, reason="Awaiting data"
    )
    item.refresh_from_db()
    assert (item.status, item.deferred_to) == (ItemStatus.DEFERRED, january)
    assert january.items.filter(title="Pathology Collaborative").exists()


def test_an_item_cannot_be_deferred_backwards_or_to_another_board(meeting, secretary, board):
    item = add_item(meeting, secretary, format=ItemFormat.VERBAL)
    earlier = meeting_at(board, datetime.date(2020, 11, 4), actor=secretary)
    message = refusal(
        lambda: agenda_services.item_defer(
            actor=secretary, item=item, to_meeting=earlier, reason="x"
        ),
        "deferred_to",
    )
    assert "later meeting of the same board" in message


def test_a_withdrawn_item_stays_on_the_agenda_with_its_reason(meeting, secretary):
    item = add_item(meeting, secretary, format=ItemFormat.VERBAL)
    assert "Say why" in refusal(
        lambda: agenda_services.item_withdraw(actor=secretary, item=item, reason=" "),
        "status_reason",
    )
    agenda_services.item_withdraw(actor=secretary, item=item, reason="Taken at SLE instead")
    item.refresh_from_db()
    assert item.status == ItemStatus.WITHDRAWN and item.number == 5


def test_items_can_be_removed_only_from_a_draft_agenda(meeting, secretary):
    item = add_item(meeting, secretary, format=ItemFormat.VERBAL)
    publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    assert "withdraw the item instead" in refusal(
        lambda: agenda_services.item_remove(actor=secretary, item=item), "status"
    )
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_cancelling_a_published_meeting_is_announced(meeting, secretary):
    publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    assert "Say why" in refusal(
        lambda: agenda_services.meeting_cancel(actor=secretary, meeting=meeting, reason=""),
        "cancelled_reason",
    )
    agenda_services.meeting_cancel(
        actor=secretary, meeting=meeting, reason="Covid-19 incident level 4"
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.publications.last().kind == "cancellation"
    assert "Only a meeting not yet held" in refusal(
        lambda: agenda_services.meeting_cancel(actor=secretary, meeting=meeting, reason="again"),
        "status",
    )


def test_a_meeting_must_end_after_it_starts(board, secretary):
    starts = timezone.make_aware(datetime.datetime(2021, 2, 3, 10))
    with pytest.raises(ValidationError) as refused:
        agenda_services.meeting_create(
            actor=secretary, board=board, starts_at=starts, ends_at=starts, location=""
        )
    # A venue still to be confirmed is allowed (issue 12): only the end time is refused.
    assert set(refused.value.message_dict) == {"ends_at"}


def test_a_second_meeting_on_the_same_day_needs_a_session_name(meeting, board, secretary):
    with pytest.raises(ValidationError) as refused:
        meeting_at(board, MEETING_DAY, hour=14, actor=secretary)
    assert "give this one a session name" in refused.value.message_dict["session"][0]


def test_the_resolution_to_exclude_the_public_lists_the_private_items(meeting, secretary):
    add_item(
        meeting,
        secretary,
        title="Strategic Assurance Framework",
        confidential=True,
        public_title="Strategic risks",
        confidential_reason="Commercially sensitive",
    )
    items = list(meeting.items.all())
    resolution = exclusion_resolution(meeting, items)
    assert resolution.items == [ExcludedItem("5", "Strategic risks", "Commercially sensitive", "")]
    meeting.held_in_public = False
    assert exclusion_resolution(meeting, items) is None


# Files ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "is empty"),
        (b"<html><body>%PDF-1.7</body></html>", "is not a PDF"),
        (pdf_bytes()[:400], "is incomplete"),
        (b"%PDF-1.7\nnot really a pdf\n%%EOF\n", "is damaged"),
        (pdf_bytes(password="secret"), "protected by a password"),
        (pdf_bytes(javascript=True), "contains JavaScript"),
        (pdf_bytes(attachment=True), "contains embedded files"),
    ],
    ids=["empty", "html", "truncated", "corrupt", "encrypted", "javascript", "attachment"],
)
def test_refused_uploads_say_why_and_keep_the_earlier_version(meeting, secretary, content, says):
    paper = add_paper(add_item(meeting, secretary), secretary)
    message = refusal(
        lambda: paper_services.paper_file_upload(
            actor=secretary, paper=paper, upload=upload("new version.pdf", content)
        ),
        "file",
    )
    assert message.startswith("new version.pdf ") and says in message
    assert list(paper.files.values_list("version", flat=True)) == [1]


def test_a_file_over_the_size_limit_is_refused(meeting, secretary, settings):
    settings.PAPER_MAX_UPLOAD_BYTES = 100
    paper = add_paper(add_item(meeting, secretary), secretary, with_file=False)
    message = refusal(
        lambda: paper_services.paper_file_upload(actor=secretary, paper=paper, upload=upload()),
        "file",
    )
    assert "the largest file allowed is 0.0 MB" in message
    assert not PaperFile.objects.exists()


def test_replacing_a_file_keeps_the_earlier_version(meeting, secretary):
    paper = add_paper(add_item(meeting, secretary), secretary)
    paper_services.paper_file_upload(actor=secretary, paper=paper, upload=upload(pages=7))
    first, second = paper.files.order_by("version")
    assert (first.version, first.page_count, second.version, second.page_count) == (1, 3, 2, 7)
    assert first.file.read()[:5] == b"%PDF-"
    assert second.history.get().history_change_reason == "Replaced file (version 2)"


def test_a_meeting_is_held_only_once_published_and_started(meeting, secretary):
    assert "Publish the agenda" in refusal(
        lambda: agenda_services.meeting_mark_held(actor=secretary, meeting=meeting), "status"
    )
    publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    assert "not started yet" in refusal(
        lambda: agenda_services.meeting_mark_held(
            actor=secretary, meeting=meeting, now=IN_GOOD_TIME
        ),
        "status",
    )
    agenda_services.meeting_mark_held(actor=secretary, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert "closed" in refusal(lambda: add_item(meeting, secretary), "status")


def test_a_deferral_can_be_recorded_without_adding_to_the_later_agenda(meeting, secretary, board):
    item = add_item(meeting, secretary, title="ICS Governance", format=ItemFormat.VERBAL)
    december = meeting_at(board, datetime.date(2021, 1, 13), actor=secretary)
    agenda_services.item_defer(
        actor=secretary, item=item, to_meeting=december, reason="x", add_to_agenda=False
    )
    assert not december.items.filter(title="ICS Governance").exists()


def test_the_pack_attaches_the_guidance_and_the_minutes_of_the_standing_items(
    meeting, secretary, board
):
    from meetings.selectors import publication as checklist

    declarations = meeting.items.get(standing=StandingKind.DECLARATIONS)
    agenda_services.item_change(actor=secretary, item=declarations, format=ItemFormat.ATTACHED)
    agenda_services.item_change(
        actor=secretary,
        item=meeting.items.get(standing=StandingKind.PREVIOUS_MINUTES),
        format=ItemFormat.ATTACHED,
    )
    hold_a_meeting_with_minutes(board, secretary, datetime.date(2020, 11, 4))
    missing = [p.where for p in checklist.problems(meeting)]
    assert missing == [f"Item {declarations.number}, {declarations.title}"]  # no guidance yet
    board.declarations_guidance = "Declare interests at the start of the meeting."
    board.save()
    meeting.board.refresh_from_db()
    assert checklist.problems(meeting) == []


def hold_a_meeting_with_minutes(board, secretary, day):
    """A meeting of the board, held, with a minute recorded."""
    from meetings.services import minutes as minutes_services

    earlier = meeting_at(board, day, actor=secretary)
    item = add_item(earlier, secretary, title="Clinical Strategy", format=ItemFormat.VERBAL)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    publication_services.meeting_publish_agenda(
        actor=secretary, meeting=earlier, now=start - datetime.timedelta(days=20)
    )
    agenda_services.meeting_mark_held(
        actor=secretary, meeting=earlier, now=start + datetime.timedelta(hours=4)
    )
    minutes_services.item_minutes_save(actor=secretary, item=item, discussion="Discussed.")
    return earlier
