"""Writes to the action log: raising actions, their leads and due dates, progress updates,
closing by the board.

Same rules as every service: keyword-only arguments, the acting person, one transaction,
history with a reason.
"""

from django.db import transaction

from partners.audit import delete_with_history, save_with_history
from partners.models import Membership

from ..models import (
    STILL_OPEN,
    ActionLead,
    ActionStatus,
    ActionUpdate,
    MeetingAction,
    MeetingStatus,
    month_end,
)
from ..selectors.board_settings import settings_for
from .base import refuse, refuse_unless

# What a lead may say of their own action; closing is for the board.
LEAD_STATUSES = {ActionStatus.IN_PROGRESS, ActionStatus.PROPOSED_FOR_CLOSURE}


def action_code(meeting, sequence):
    """The board's code, the meeting's date as yymmdd and a number: ICSB201202-01."""
    prefix = meeting.board.code or meeting.board.slug.replace("-", "").upper()[:6]
    return f"{prefix}{meeting.date:%y%m%d}-{sequence:02d}"


def _day(meeting):
    return f"{meeting.date:%-d %B %Y}"


def _due_point(meeting, *, due_on, due_month, due_meeting, ongoing):
    """The due point as stored: a month is kept as its last day; a meeting must be a later
    one of the same board."""
    if due_meeting is not None and (
        due_meeting.board_id != meeting.board_id or due_meeting.starts_at <= meeting.starts_at
    ):
        refuse("due_meeting", "Choose a later meeting of the same board.")
    due_month = bool(due_month and due_on)
    if due_month:
        due_on = month_end(due_on)
    return {
        "due_on": due_on,
        "due_month": due_month,
        "due_meeting": due_meeting,
        "ongoing": ongoing,
    }


def _people_of_the_board(meeting):
    """Who may lead an action raised at a meeting: anyone with a seat on the board that day
    or today (leads change as people join), and anyone on the meeting's attendance list."""
    seats = Membership.objects.active(meeting.date) | Membership.objects.active()
    seated = seats.filter(board=meeting.board).values_list("user_id", flat=True)
    attending = meeting.attendance.values_list("person_id", flat=True)
    return set(seated) | set(attending)


def _leads_checked(meeting, leads, already=()):
    """The leads, each once; a new lead must be a person of the board (one who leads the
    action already stays, even once they have left it)."""
    leads = list(dict.fromkeys(leads))
    refuse_unless(leads, "lead", "Choose the responsible lead.")
    allowed = _people_of_the_board(meeting) | set(already)
    for person in leads:
        refuse_unless(
            person.pk in allowed,
            "lead",
            f"{person.full_name} is not a person of the {meeting.board.name}: an action is led "
            "by someone with a seat on the board or on the meeting's attendance list.",
        )
    return leads


def _code_checked(board, code):
    refuse_unless(
        not MeetingAction.objects.filter(board=board, code=code).exists(),
        "code",
        f"The {board.name} already has an action {code}: each action of a board has its own code.",
    )
    return code


@transaction.atomic
def action_raise(
    *,
    actor,
    item,
    title,
    lead,
    other_leads=(),
    due_on=None,
    due_month=False,
    due_meeting=None,
    ongoing=False,
    code=None,
    resolution=None,
):
    """Raise an action against an agenda item of a meeting that takes place, led by `lead`
    and any `other_leads` (the first lead is named first), due by a date, in a month
    (`due_month`: due by the month's last day), at a later meeting, or on-going.

    The code is automatic and unique on the board; an action carried over from the board's
    earlier log may keep the code it had there. `resolution` is the resolution of the same
    meeting that created the action, if any.
    """
    meeting = item.meeting
    if meeting.status not in MeetingStatus.taking_place():
        refuse("raised_at", "Actions are raised at a published or held meeting.")
    due = _due_point(
        meeting, due_on=due_on, due_month=due_month, due_meeting=due_meeting, ongoing=ongoing
    )
    leads = _leads_checked(meeting, [lead, *other_leads])
    if resolution is not None:
        refuse_unless(
            resolution.item.meeting_id == meeting.pk,
            "raised_by_resolution",
            "A resolution linked to an action must be one of the meeting the action is raised "
            f"at ({_day(meeting)}).",
        )
    # Codes carry the date only: a second meeting that day continues the day's numbering.
    sequence = (
        MeetingAction.objects.filter(
            board=meeting.board, raised_at__meeting__date=meeting.date
        ).count()
        + 1
    )
    action = save_with_history(
        MeetingAction(
            board=meeting.board,
            code=_code_checked(meeting.board, code or action_code(meeting, sequence)),
            raised_at=item,
            raised_by_resolution=resolution,
            title=title.strip(),
            **due,
        ),
        actor=actor,
        reason="Raised action",
    )
    _lead_rows_save(action, leads, actor, "Lead of the action as raised")
    return action


def _lead_rows_save(action, leads, actor, reason):
    """Make the action's lead rows these people in this order, each change in history."""
    rows = {row.person_id: row for row in action.lead_rows.all()}
    for row in rows.values():
        if row.person_id not in {person.pk for person in leads}:
            delete_with_history(row, actor=actor, reason=reason)
    for position, person in enumerate(leads):
        row = rows.get(person.pk) or ActionLead(action=action, person=person)
        if row.pk is None or row.position != position:
            row.position = position
            save_with_history(row, actor=actor, reason=reason)


@transaction.atomic
def action_leads_set(*, actor, action, leads):
    """Change who leads an action, first lead first. The same people in the same order
    change nothing (not even a line of history)."""
    refuse_unless(action.status in STILL_OPEN, "lead", f"{action.code} is closed.")
    leads = _leads_checked(action.raised_at.meeting, leads, already=action.lead_ids)
    if [person.pk for person in leads] != action.lead_ids:
        _lead_rows_save(action, leads, actor, "Leads changed")
        action.refresh_from_db()  # forgets the lead rows read before the change
    return action


@transaction.atomic
def action_due_revise(
    *, actor, action, reason="", due_on=None, due_month=False, due_meeting=None, ongoing=False
):
    """Revise when an action is due, for the reason given (kept in its history). The due
    point first agreed is kept, so the log shows how far it has slipped. The same due point
    changes nothing."""
    raised = action.raised_at.meeting
    refuse_unless(
        action.status in STILL_OPEN, "due_on", f"{action.code} is closed: its due date stays."
    )
    due = _due_point(
        raised, due_on=due_on, due_month=due_month, due_meeting=due_meeting, ongoing=ongoing
    )
    new = (due["due_on"], due["due_month"], due_meeting and due_meeting.pk, ongoing)
    if new == action.due_point():
        return action
    refuse_unless(reason.strip(), "reason", "Say why the due date is revised.")
    if due["due_on"] is not None and due["due_on"] < raised.date:
        field = "due_month" if due["due_month"] else "due_on"
        refuse(
            field,
            f"A revised due date cannot be before the action was raised, on {_day(raised)}.",
        )
    if not action.is_revised:
        action.original_due_on, action.original_due_month = action.due_on, action.due_month
        action.original_due_meeting = action.due_meeting
        action.original_ongoing = action.ongoing
    for name, value in due.items():
        setattr(action, name, value)
    return save_with_history(action, actor=actor, reason=f"Due date revised: {reason.strip()}")


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


def _closing_record_checked(meeting, resolution, minute):
    """The resolution or minute that closed the action must be the closing meeting's, and
    one of them is needed where the board's rule says so."""
    if settings_for(meeting.board).closing_action_needs_record:
        refuse_unless(
            resolution is not None or minute is not None,
            "closed_by_resolution",
            "This board records what closed each action: choose the resolution or the minute "
            "of this meeting that closed it.",
        )
    for field, record in [("closed_by_resolution", resolution), ("closed_by_minute", minute)]:
        refuse_unless(
            record is None or record.item.meeting_id == meeting.pk,
            field,
            f"Choose a resolution or minute of the meeting that closes the action "
            f"({_day(meeting)}).",
        )


@transaction.atomic
def action_close(*, actor, action, meeting, resolution=None, minute=None):
    """The board closes an action at one of its meetings after the one that raised it,
    recorded against the resolution or minute that closed it (which the board's settings
    may require)."""
    raised = action.raised_at.meeting
    if action.status == ActionStatus.CLOSED:
        refuse("closed_at", f"{action.code} is already closed.")
    if meeting.board_id != raised.board_id or meeting.starts_at <= raised.starts_at:
        refuse("closed_at", "An action is closed at a later meeting of the same board.")
    if meeting.status not in MeetingStatus.taking_place():
        refuse("closed_at", "Actions are closed at a published or held meeting.")
    _closing_record_checked(meeting, resolution, minute)
    action.status, action.closed_at = ActionStatus.CLOSED, meeting
    action.closed_by_resolution, action.closed_by_minute = resolution, minute
    return save_with_history(action, actor=actor, reason="Closed by the board")
