"""The action log: the actions before the board at a meeting, those raised at it, one
action for its lead or the secretariat, and each person's own open actions."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partners.models import Board

from ..models import (
    STILL_OPEN,
    Meeting,
    MeetingAction,
)
from ..permissions import (
    Viewer,
    action_visible,
    may_close_action,
    may_update_action,
    meeting_business_for,
    require_signed_in,
)


def action_log(meeting):
    """The actions before the board at a meeting: every action raised at an earlier meeting
    and not closed before this one (those closed at this meeting are shown closed)."""
    earlier = MeetingAction.objects.filter(
        raised_at__meeting__board=meeting.board,
        raised_at__meeting__starts_at__lt=meeting.starts_at,
    ).exclude(closed_at__starts_at__lt=meeting.starts_at)
    return list(
        earlier.select_related("lead", "raised_at__meeting", "due_meeting").prefetch_related(
            "updates"
        )
    )


def actions_of(user):
    """A person's own actions not yet closed, for "my actions"."""
    return list(
        MeetingAction.objects.filter(lead=user, status__in=STILL_OPEN)
        .select_related("raised_at__meeting__board", "due_meeting")
        .prefetch_related("updates")
    )


@dataclass
class ActionRow:
    """One action as a page lists it, with what this person may do with it."""

    action: MeetingAction
    overdue: bool
    may_update: bool = False
    may_close: bool = False


@dataclass
class ActionLogPage:
    board: Board
    meeting: Meeting
    viewer: Viewer
    carried_forward: list  # [ActionRow] raised at earlier meetings
    raised_here: list  # [ActionRow]


def action_log_page(user, slug, day):
    """The matters-arising log of a meeting as this person may see it, in a fixed number of
    queries: actions carried forward from earlier meetings, then those raised at it."""
    board, viewer, meeting = meeting_business_for(user, slug, day)
    today = timezone.localdate()

    def rows(actions, closable):
        return [
            ActionRow(
                action,
                action.is_overdue(today),
                may_update=may_update_action(user, action, viewer) and action.status in STILL_OPEN,
                may_close=closable and may_close_action(action, viewer),
            )
            for action in actions
            if action_visible(action, viewer)
        ]

    raised_here = (
        MeetingAction.objects.filter(raised_at__meeting=meeting)
        .select_related("lead", "raised_at__meeting", "due_meeting")
        .prefetch_related("updates")
    )
    # Only actions of earlier meetings can be closed here (the service says why).
    return ActionLogPage(
        board,
        meeting,
        viewer,
        rows(action_log(meeting), closable=True),
        rows(raised_here, closable=False),
    )


def action_on_log(meeting, pk):
    """An action before the board at this meeting (see `action_log`), or 404."""
    for action in action_log(meeting):
        if action.pk == pk:
            return action
    raise Http404("That action is not on this meeting's action log.")


def action_for_update(user, pk):
    """An action this person may add progress to: its lead, or the secretariat of its board.
    Anyone else is told nothing about it (404)."""
    require_signed_in(user)
    action = get_object_or_404(
        MeetingAction.objects.select_related(
            "lead", "raised_at__meeting__board", "due_meeting"
        ).prefetch_related("updates"),
        pk=pk,
    )
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
