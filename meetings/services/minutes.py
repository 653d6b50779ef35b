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
from ..selectors.minutes import meetings_whose_packs_carry
from . import packs
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
    pk: int | None = None  # the resolution it updates, when the caller knows it


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
    """Replace what the minutes say of an item; returns the item's minute.

    Only what changed is saved: a minute saved unchanged leaves no history row.
    """
    _check_resolutions(item, resolutions)
    minute = ItemMinute.objects.filter(item=item).first() or ItemMinute(item=item)
    wanted = {"discussion": sanitise(discussion), "noted": noted.strip()}
    if minute.pk is None or any(getattr(minute, k) != v for k, v in wanted.items()):
        for name, value in wanted.items():
            setattr(minute, name, value)
        save_with_history(minute, actor=actor, reason=reason)
    _write_resolutions(item, actor, resolutions, reason)
    return minute


def _write_resolutions(item, actor, resolutions, reason):
    """Update the item's resolutions in place, so that the actions and membership changes
    linked to a resolution stay linked when the minute is saved again.

    A resolution that names its row (`pk`, as the minute form does) updates that row; when
    none does, the n-th given updates the n-th kept. Rows left over are removed.
    """
    existing = list(item.resolutions.order_by("position", "pk"))
    by_pk = {row.pk: row for row in existing}
    positional = not any(r.pk in by_pk for r in resolutions)
    spare = list(existing) if positional else []
    kept = set()
    for position, resolution in enumerate(resolutions):
        if resolution.pk in by_pk:
            row = by_pk[resolution.pk]
        elif positional and spare:
            row = spare.pop(0)
        else:
            row = Resolution(item=item)
        _resolution_save(row, resolution, position, actor, reason)
        kept.add(row.pk)
    for old in existing:
        if old.pk not in kept:
            delete_with_history(old, actor=actor, reason=reason)


def _resolution_save(row, resolution, position, actor, reason):
    wanted = {
        "text": resolution.text.strip(),
        "outcome": resolution.outcome,
        "position": position,
        **resolution_details(resolution),
    }
    if row.pk is not None and all(getattr(row, k) == v for k, v in wanted.items()):
        return  # unchanged: no history row
    for name, value in wanted.items():
        setattr(row, name, value)
    save_with_history(row, actor=actor, reason=reason)


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

    Approval publishes the minutes (the public items' minutes to everyone) and freezes them,
    and the packs that carry them as draft are built again once the approval is committed.
    The approving meeting must have been held (or be being held today).
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
    # The approval is a record of what a meeting did: that meeting must have taken place.
    today = timezone.localdate(now) if now else timezone.localdate()
    refuse_unless(
        at_meeting.date <= today,
        "at_meeting",
        f"The meeting of {at_meeting.day_name} has not been held yet: minutes are approved "
        "at a meeting that has been held, or is being held today.",
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
    save_with_history(minutes, actor=actor, reason=reason)
    for later in meetings_whose_packs_carry(meeting):
        packs.pack_build_request(
            actor=actor,
            meeting=later,
            reason=f"Minutes of {meeting.day_name} approved",
        )
    return minutes
