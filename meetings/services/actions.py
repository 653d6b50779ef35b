"""Writes to the action log: raising actions, progress updates, closing by the board.

Same rules as every service: keyword-only arguments, the acting person, one transaction,
history with a reason.
"""

from django.db import transaction

from partners.audit import save_with_history

from ..models import ActionStatus, ActionUpdate, MeetingAction, MeetingStatus
from .base import refuse

# What a lead may say of their own action; closing is for the board.
LEAD_STATUSES = {ActionStatus.IN_PROGRESS, ActionStatus.PROPOSED_FOR_CLOSURE}


def action_code(meeting, sequence):
    """The board's code, the meeting's date as yymmdd and a number: ICSB201202-01."""
    prefix = meeting.board.code or meeting.board.slug.replace("-", "").upper()[:6]
    return f"{prefix}{meeting.date:%y%m%d}-{sequence:02d}"


@transaction.atomic
def action_raise(
    *, actor, item, title, lead, due_on=None, due_meeting=None, ongoing=False, code=None
):
    """Raise an action against an agenda item of a meeting that takes place.

    The code is automatic; an action carried over from the board's earlier log may keep the
    code it had there.
    """
    meeting = item.meeting
    if meeting.status not in MeetingStatus.taking_place():
        refuse("raised_at", "Actions are raised at a published or held meeting.")
    if due_meeting is not None and (
        due_meeting.board_id != meeting.board_id or due_meeting.starts_at <= meeting.starts_at
    ):
        refuse("due_meeting", "Choose a later meeting of the same board.")
    # Codes carry the date only: a second meeting that day continues the day's numbering.
    sequence = (
        MeetingAction.objects.filter(
            raised_at__meeting__board=meeting.board, raised_at__meeting__date=meeting.date
        ).count()
        + 1
    )
    return save_with_history(
        MeetingAction(
            code=code or action_code(meeting, sequence),
            raised_at=item,
            title=title.strip(),
            lead=lead,
            due_on=due_on,
            due_meeting=due_meeting,
            ongoing=ongoing,
        ),
        actor=actor,
        reason="Raised action",
    )


@transaction.atomic
def action_update_add(*, actor, action, text, status=None, written_on=None):
    """Add a dated progress update; the lead may mark the action in progress or propose it
    for closure, never close it."""
    if action.status == ActionStatus.CLOSED:
        refuse("status", f"{action.code} is closed.")
    if not text.strip():
        refuse("text", "Write the progress update.")
    if status is not None:
        if status not in LEAD_STATUSES:
            refuse("status", "Only the board closes or defers an action, at a meeting.")
        action.status = status
        save_with_history(action, actor=actor, reason=f"Marked {status.label.lower()}")
    fields = {"written_on": written_on} if written_on else {}
    return save_with_history(
        ActionUpdate(action=action, text=text.strip(), author=actor, **fields),
        actor=actor,
        reason="Progress update",
    )


@transaction.atomic
def action_close(*, actor, action, meeting):
    """The board closes an action at one of its meetings after the one that raised it."""
    raised = action.raised_at.meeting
    if action.status == ActionStatus.CLOSED:
        refuse("closed_at", f"{action.code} is already closed.")
    if meeting.board_id != raised.board_id or meeting.starts_at <= raised.starts_at:
        refuse("closed_at", "An action is closed at a later meeting of the same board.")
    if meeting.status not in MeetingStatus.taking_place():
        refuse("closed_at", "Actions are closed at a published or held meeting.")
    action.status, action.closed_at = ActionStatus.CLOSED, meeting
    return save_with_history(action, actor=actor, reason="Closed by the board")
