"""Minutes: per-item minutes and resolutions, approval at the next meeting, frozen state and
recorded corrections."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.models import ItemMinute, Minutes, Outcome, Resolution, StandingKind
from meetings.services import agenda as agenda_services
from meetings.services import minutes
from meetings.services import publication as publication_services
from meetings.services.minutes import ResolutionText
from tests.factories import meeting_at
from tests.meetings.conftest import add_item

pytestmark = pytest.mark.django_db

NOVEMBER = datetime.date(2020, 11, 4)
DECEMBER = datetime.date(2020, 12, 2)


def at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def published(board, secretary, day, **fields):
    meeting = meeting_at(board, day, actor=secretary, **fields)
    publication_services.meeting_publish_agenda(
        actor=secretary, meeting=meeting, now=at(day - datetime.timedelta(days=14), 9)
    )
    return meeting


@pytest.fixture
def november(board, secretary):
    meeting = published(board, secretary, NOVEMBER)
    add_item(meeting, secretary, title="Clinical Strategy", format="attached")
    return agenda_services.meeting_mark_held(actor=secretary, meeting=meeting, now=at(NOVEMBER, 13))


@pytest.fixture
def december(board, secretary):
    return published(board, secretary, DECEMBER)


@pytest.fixture
def strategy(november):
    return november.items.get(title="Clinical Strategy")


def refusal(call, field):
    with pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.message_dict[field])


ENDORSED = ResolutionText("The Board endorsed the recommendations.", Outcome.ENDORSED)


def write(item, secretary, **fields):
    fields.setdefault("discussion", "Andy Curran presented the strategy.")
    return minutes.item_minutes_save(actor=secretary, item=item, **fields)


def test_an_item_is_minuted_with_discussion_notes_and_resolutions(strategy, secretary):
    second = ResolutionText("The move to the next stage was approved.", Outcome.APPROVED)
    minute = write(strategy, secretary, noted="Noted the outputs.", resolutions=[ENDORSED, second])
    assert minute.discussion == "<p>Andy Curran presented the strategy.</p>"
    assert minute.noted == "Noted the outputs."
    assert [(r.outcome, r.position) for r in strategy.resolutions.all()] == [
        (Outcome.ENDORSED, 0),
        (Outcome.APPROVED, 1),
    ]
    assert Minutes.objects.get(meeting=strategy.meeting).is_approved is False


def test_rewriting_replaces_the_resolutions(strategy, secretary):
    write(strategy, secretary, resolutions=[ENDORSED])
    write(strategy, secretary, resolutions=[ResolutionText("Deferred to January.", "deferred")])
    assert list(strategy.resolutions.values_list("outcome", flat=True)) == [Outcome.DEFERRED]


def test_the_discussion_is_sanitised(strategy, secretary):
    minute = write(
        strategy,
        secretary,
        discussion='<p onclick="steal()">Agreed <script>alert(1)</script><strong>now</strong>'
        '<a href="javascript:x">link</a><img src="https://tracker.example/x.gif"></p>',
    )
    assert minute.discussion == "<p>Agreed <strong>now</strong>link</p>"


def test_plain_text_keeps_its_paragraphs_and_shows_angle_brackets(strategy, secretary):
    minute = write(strategy, secretary, discussion="Costs < £30m.\n\nSecond <point>.")
    assert minute.discussion == "<p>Costs &lt; £30m.</p><p>Second &lt;point&gt;.</p>"


def test_a_resolution_without_words_is_refused_and_nothing_is_saved(strategy, secretary):
    write(strategy, secretary, resolutions=[ENDORSED])
    blank = ResolutionText("  ", Outcome.NOTED)
    message = refusal(
        lambda: write(strategy, secretary, discussion="Changed", resolutions=[ENDORSED, blank]),
        "resolutions",
    )
    assert message == "Resolution 2: write what the board resolved."
    assert ItemMinute.objects.get(item=strategy).discussion.startswith("<p>Andy Curran")
    assert strategy.resolutions.count() == 1


def test_an_unknown_outcome_is_refused(strategy, secretary):
    message = refusal(
        lambda: write(strategy, secretary, resolutions=[ResolutionText("X", "maybe")]),
        "resolutions",
    )
    assert message == "Resolution 1: choose an outcome."


def test_a_draft_meeting_cannot_be_minuted(board, secretary):
    draft = meeting_at(board, DECEMBER, actor=secretary)
    item = add_item(draft, secretary)
    message = refusal(lambda: write(item, secretary), "item")
    assert "going ahead or has been held" in message


def approve(november, december, secretary, **fields):
    return minutes.minutes_approve(
        actor=secretary, meeting=november, at_meeting=december, now=at(DECEMBER, 10), **fields
    )


def test_minutes_are_approved_under_the_previous_minutes_item_of_the_next_meeting(
    november, december, strategy, secretary
):
    write(strategy, secretary)
    approved = approve(november, december, secretary)
    assert approved.is_approved and approved.approved_at == december
    assert approved.amendments == ""
    record = approved.history.first()
    assert (record.history_change_reason, record.history_user) == (
        "Approved as a true record",
        secretary,
    )


def test_approval_with_amendments_records_them(november, december, strategy, secretary):
    write(strategy, secretary)
    approved = approve(november, december, secretary, amendments="Item 6: 'five' read 'six'.")
    assert approved.amendments == "Item 6: 'five' read 'six'."
    assert approved.history.first().history_change_reason == "Approved with amendments"


def test_minutes_of_a_meeting_not_held_are_not_approved(board, secretary, december):
    january = published(board, secretary, datetime.date(2021, 1, 13))
    write(add_item(december, secretary), secretary)
    message = refusal(
        lambda: minutes.minutes_approve(actor=secretary, meeting=december, at_meeting=january),
        "meeting",
    )
    assert (
        message
        == "The meeting of 2 December 2020 has not been held: its minutes cannot be approved yet."
    )
    assert not Minutes.objects.get(meeting=december).is_approved


def test_approval_needs_a_later_meeting_of_the_board(november, strategy, secretary, board):
    write(strategy, secretary)
    earlier = published(board, secretary, datetime.date(2020, 10, 7))
    message = refusal(lambda: approve(november, earlier, secretary), "at_meeting")
    assert message == "Minutes are approved at a later meeting of the same board."


def test_approval_needs_the_previous_minutes_item(november, december, strategy, secretary):
    write(strategy, secretary)
    december.items.get(standing=StandingKind.PREVIOUS_MINUTES).delete()
    message = refusal(lambda: approve(november, december, secretary), "at_meeting")
    assert "has no 'minutes of the previous meeting' item" in message


def test_nothing_to_approve_is_refused(november, december, secretary):
    message = refusal(lambda: approve(november, december, secretary), "meeting")
    assert message.startswith("Nothing has been minuted yet")


def test_approved_minutes_are_frozen(november, december, strategy, secretary):
    write(strategy, secretary, resolutions=[ENDORSED])
    approve(november, december, secretary)
    message = refusal(lambda: write(strategy, secretary, discussion="Rewritten"), "minutes")
    assert message == (
        "These minutes were approved at the meeting of 2 December 2020 and cannot be edited: "
        "record a correction with a reason instead."
    )
    assert "Rewritten" not in ItemMinute.objects.get(item=strategy).discussion
    second = refusal(lambda: approve(november, december, secretary), "meeting")
    assert second.startswith("These minutes were approved")


def test_a_correction_is_recorded_with_its_reason_and_both_versions(
    november, december, strategy, secretary
):
    write(strategy, secretary, resolutions=[ENDORSED])
    approve(november, december, secretary)
    correction = minutes.item_minutes_correct(
        actor=secretary,
        item=strategy,
        reason="Andy Curran's name was misspelt.",
        discussion="Andy Curran presented the clinical strategy.",
        resolutions=[ENDORSED],
    )
    assert correction.reason == "Andy Curran's name was misspelt."
    assert correction.before.startswith("Andy Curran presented the strategy.")
    assert correction.after.startswith("Andy Curran presented the clinical strategy.")
    assert "Resolved: The Board endorsed the recommendations. (Endorsed)" in correction.after
    assert "clinical strategy" in ItemMinute.objects.get(item=strategy).discussion
    reasons = {r.history_change_reason for r in ItemMinute.history.filter(item_id=strategy.pk)}
    assert "Correction: Andy Curran's name was misspelt." in reasons


def test_a_correction_needs_a_reason_and_a_change(november, december, strategy, secretary):
    write(strategy, secretary)
    approve(november, december, secretary)

    def correct(reason, text):
        return minutes.item_minutes_correct(
            actor=secretary, item=strategy, reason=reason, discussion=text
        )

    assert refusal(lambda: correct(" ", "New"), "reason") == "Give the reason for the correction."
    unchanged = refusal(
        lambda: correct("Typo", "Andy Curran presented the strategy."), "discussion"
    )
    assert unchanged == "The correction changes nothing."
    assert not strategy.corrections.exists()


def test_draft_minutes_are_edited_not_corrected(strategy, secretary):
    write(strategy, secretary)
    message = refusal(
        lambda: minutes.item_minutes_correct(
            actor=secretary, item=strategy, reason="Typo", discussion="New"
        ),
        "reason",
    )
    assert message.startswith("These minutes are still a draft")
    assert not Resolution.objects.exists()
