"""The action log: the actions before the board at a meeting, those raised at it, one
action for its leads or the secretariat, and each person's own open actions."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partners.models import Board

from ..models import (
    STILL_OPEN,
    ActionLead,
    Meeting,
    MeetingAction,
)
from ..permissions import (
    Viewer,
    action_visible,
    may_change_action,
    may_close_action,
    may_update_action,
    meeting_business_for,
    require_signed_in,
)

# What every list of actions shows of each: where it was raised (and by which resolution),
# when it is due and was first due, who leads it, how and when it was closed, its progress.
SHOWN_WITH = [
    "raised_at__meeting__board",
    "raised_by_resolution__item",
    "due_meeting",
    "original_due_meeting",
    "closed_at",
    "closed_by_resolution__item",
    "closed_by_minute__item",
]


def with_leads(actions):
    """Actions with their leads in order, in one more query however many there are."""
    return actions.prefetch_related(
        Prefetch("lead_rows", queryset=ActionLead.objects.select_related("person"))
    )


def with_particulars(actions):
    """Actions with all they show, in a fixed number of queries however many there are."""
    return with_leads(actions.select_related(*SHOWN_WITH)).prefetch_related("updates")


def action_log(meeting):
    """The actions before the board at a meeting: every action raised at an earlier meeting
    and not closed before this one (those closed at this meeting are shown closed)."""
    earlier = MeetingAction.objects.filter(
        raised_at__meeting__board=meeting.board,
        raised_at__meeting__starts_at__lt=meeting.starts_at,
    ).exclude(closed_at__starts_at__lt=meeting.starts_at)
    return list(with_particulars(earlier))


def actions_of(user):
    """The actions a person leads (first or not) not yet closed, for "my actions"."""
    return list(with_particulars(MeetingAction.objects.filter(leads=user, status__in=STILL_OPEN)))


@dataclass
class ActionRow:
    """One action as a page lists it, with what this person may do with it."""

    action: MeetingAction
    overdue: bool
    may_update: bool = False
    may_close: bool = False
    may_change: bool = False


@dataclass
class ActionLogPage:
    board: Board
    meeting: Meeting
    viewer: Viewer
    carried_forward: list  # [ActionRow] raised at earlier meetings
    raised_here: list  # [ActionRow]


def action_log_page(user, slug, day):
    """The matters-arising log of a meeting as this person may see it, in a fixed number of
    queries: actions carried forward from earlier meetings, then those raised at it. What is
    overdue is as at the meeting's day: an old meeting's log shows what was overdue then."""
    board, viewer, meeting = meeting_business_for(user, slug, day)

    def rows(actions, closable):
        return [
            ActionRow(
                action,
                action.is_overdue(at_meeting=meeting),
                may_update=may_update_action(user, action, viewer) and action.status in STILL_OPEN,
                may_close=closable and may_close_action(action, viewer),
                may_change=may_change_action(action, viewer),
            )
            for action in actions
            if action_visible(action, viewer)
        ]

    raised_here = with_particulars(MeetingAction.objects.filter(raised_at__meeting=meeting))
    # Only actions of earlier meetings can be closed here (the service says why).
    return ActionLogPage(
        board,
        meeting,
        viewer,
        rows(action_log(meeting), closable=True),
        rows(raised_here, closable=False),
    )


def action_log_rows(meeting, viewer):
    """The action log of a meeting for a board pack's edition: what the edition may show,
    each overdue or not as at the meeting's day."""
    return [
        ActionRow(action, action.is_overdue(at_meeting=meeting))
        for action in action_log(meeting)
        if action_visible(action, viewer)
    ]


def action_on_log(meeting, pk):
    """An action before the board at this meeting (see `action_log`), or 404."""
    for action in action_log(meeting):
        if action.pk == pk:
            return action
    raise Http404("That action is not on this meeting's action log.")


def action_for_secretariat(meeting, pk):
    """An action raised at this meeting or on its log, for its secretariat to change its
    leads or due date; 404 for any other."""
    raised_here = with_particulars(MeetingAction.objects.filter(raised_at__meeting=meeting))
    return raised_here.filter(pk=pk).first() or action_on_log(meeting, pk)


def action_for_update(user, pk):
    """An action this person may add progress to: one of its leads, or the secretariat of its
    board. Anyone else is told nothing about it (404)."""
    require_signed_in(user)
    action = get_object_or_404(with_particulars(MeetingAction.objects.all()), pk=pk)
    if not may_update_action(user, action, Viewer.of(user, action.raised_at.meeting.board)):
        raise Http404("No such action.")
    return action


def my_actions(user):
    """The open actions this person leads, each with its overdue flag, for "my actions"."""
    require_signed_in(user)
    today = timezone.localdate()
    return [
        ActionRow(action, action.is_overdue(today), may_update=True) for action in actions_of(user)
    ]
