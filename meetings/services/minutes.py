"""Writes to the minutes: per-item minutes and resolutions, approval, corrections.

Same rules as every service: keyword-only arguments, the acting person, one transaction,
history with a reason. Approved minutes are frozen: the only change is a recorded correction.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from partners.audit import delete_with_history, save_with_history

from ..models import (
    Correction,
    ItemMinute,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Outcome,
    Resolution,
    StandingKind,
)
from ..rich_text import plain, sanitise
from ..selectors.board_settings import settings_for
from .base import refuse, refuse_unless
from .resolutions import check_resolution_details, resolution_details


@dataclass(frozen=True)
class ResolutionText:
    text: str
    outcome: str
    proposer: object = None  # an Attendance of the meeting
    seconder: object = None
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    membership_change: object = None  # a partners Membership


def _minutes_of(meeting, actor):
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None:
        minutes = save_with_history(Minutes(meeting=meeting), actor=actor, reason="Minutes begun")
    return minutes


def _frozen_message(minutes):
    return (
        f"These minutes were approved at the meeting of {minutes.approved_at.date:%-d %B %Y} "
        "and cannot be edited: record a correction with a reason instead."
    )


def _check_resolutions(item, resolutions):
    outcomes = {*Outcome.values, *settings_for(item.meeting.board).outcomes}
    for number, resolution in enumerate(resolutions, start=1):
        if not resolution.text.strip():
            refuse("resolutions", f"Resolution {number}: write what the board resolved.")
        if resolution.outcome not in outcomes:
            refuse("resolutions", f"Resolution {number}: choose an outcome.")
        check_resolution_details(item, number, resolution)


def _write(item, actor, discussion, noted, resolutions, reason):
    """Replace what the minutes say of an item; returns the item's minute."""
    _check_resolutions(item, resolutions)
    minute = ItemMinute.objects.filter(item=item).first() or ItemMinute(item=item)
    minute.discussion, minute.noted = sanitise(discussion), noted.strip()
    save_with_history(minute, actor=actor, reason=reason)
    for old in item.resolutions.all():
        delete_with_history(old, actor=actor, reason=reason)
    for position, resolution in enumerate(resolutions):
        save_with_history(
            Resolution(
                item=item,
                text=resolution.text.strip(),
                outcome=resolution.outcome,
                position=position,
                **resolution_details(resolution),
            ),
            actor=actor,
            reason=reason,
        )
    return minute


@transaction.atomic
def item_minutes_save(*, actor, item, discussion="", noted="", resolutions=()):
    """Write the draft minute of an agenda item: discussion, what was noted, resolutions.

    Resolutions replace the item's previous ones, in the order given.
    """
    # The meeting as it stands now, not as the caller last read it.
    meeting = Meeting.objects.get(pk=item.meeting_id)
    refuse_unless(
        meeting.status in MeetingStatus.taking_place(),
        "item",
        "Minutes are written for a meeting that is going ahead or has been held.",
    )
    minutes = _minutes_of(meeting, actor)
    if minutes.is_approved:
        refuse("minutes", _frozen_message(minutes))
    reason = f"Minutes of item {item.reference}"
    return _write(item, actor, discussion, noted, list(resolutions), reason)


def minute_as_text(item):
    """An item's minute in words, as a correction records it before and after."""
    minute = ItemMinute.objects.filter(item=item).first()
    parts = []
    if minute is not None:
        parts += [plain(minute.discussion), minute.noted]
    parts += [f"Resolved: {r.text} ({r.get_outcome_display()})" for r in item.resolutions.all()]
    return "\n\n".join(part for part in parts if part)


@transaction.atomic
def item_minutes_correct(*, actor, item, reason, discussion="", noted="", resolutions=()):
    """Correct the approved minute of an item. The correction keeps the minute before and
    after, and its reason shows on the minutes."""
    minutes = _minutes_of(item.meeting, actor)
    refuse_unless(
        minutes.is_approved,
        "reason",
        "These minutes are still a draft: edit them directly, no correction is needed.",
    )
    refuse_unless(reason.strip(), "reason", "Give the reason for the correction.")
    before = minute_as_text(item)
    _write(item, actor, discussion, noted, list(resolutions), f"Correction: {reason.strip()}")
    after = minute_as_text(item)
    refuse_unless(before != after, "discussion", "The correction changes nothing.")
    return save_with_history(
        Correction(
            minutes=minutes,
            item=item,
            reason=reason.strip(),
            before=before,
            after=after,
            made_by=actor,
        ),
        actor=actor,
        reason="Correction recorded",
    )


def approving_item(meeting):
    """The "minutes of the previous meeting" item of a meeting's agenda, if it has one."""
    return meeting.items.filter(standing=StandingKind.PREVIOUS_MINUTES).first()


@transaction.atomic
def minutes_approve(*, actor, meeting, at_meeting, amendments="", now=None):
    """Approve a held meeting's minutes under the "minutes of the previous meeting" item of a
    later meeting of the board, as a true record or with the amendments recorded.

    Approval publishes the minutes (the public items' minutes to everyone) and freezes them.
    """
    refuse_unless(
        meeting.status == MeetingStatus.HELD,
        "meeting",
        f"The meeting of {meeting.date:%-d %B %Y} has not been held: its minutes cannot be "
        "approved yet.",
    )
    minutes = _minutes_of(meeting, actor)
    if minutes.is_approved:
        refuse("meeting", _frozen_message(minutes))
    refuse_unless(
        ItemMinute.objects.filter(item__meeting=meeting).exists(),
        "meeting",
        "Nothing has been minuted yet: write the minutes before they are approved.",
    )
    refuse_unless(
        at_meeting.board_id == meeting.board_id and at_meeting.starts_at > meeting.starts_at,
        "at_meeting",
        "Minutes are approved at a later meeting of the same board.",
    )
    refuse_unless(
        at_meeting.status in MeetingStatus.taking_place(),
        "at_meeting",
        "Minutes are approved at a published or held meeting.",
    )
    refuse_unless(
        approving_item(at_meeting) is not None,
        "at_meeting",
        f"The agenda of {at_meeting.date:%-d %B %Y} has no 'minutes of the previous meeting' "
        "item to approve them under.",
    )
    minutes.status = MinutesStatus.APPROVED
    minutes.approved_at, minutes.approved_on = at_meeting, now or timezone.now()
    minutes.amendments = amendments.strip()
    reason = "Approved with amendments" if minutes.amendments else "Approved as a true record"
    return save_with_history(minutes, actor=actor, reason=reason)
