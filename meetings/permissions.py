"""Every access decision of the meetings app, in one place.

Selectors, views and templates ask these questions; none decides for itself. Only
`partners.permissions` talks to django-guardian: this module asks it who is on a board.

- A draft meeting, and any paper not yet published, is seen only by the board's secretariat.
- A confidential item shows the public only its public title; its papers, and confidential
  papers, are seen only by the board's members and secretariat.
- Papers of withdrawn items are seen only by the secretariat.
- The papers of an item are withheld from a person when the chair's ruling on their
  conflict of interest says so (an accepted screening finding): on every page, download and
  pack of theirs.
- Draft minutes are for the board; approval publishes them (items taken in private stay the
  board's). An action raised at a confidential item is the board's business too.
- Outsiders get 404 for what they may not know exists, 403 for what they can see but not
  change; anonymous visitors to a secretariat screen are sent to sign in.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from partners import permissions as board_permissions
from partners.selectors import board_by_slug

from .models import (
    STILL_OPEN,
    ConflictFlag,
    Edition,
    ItemStatus,
    MeetingDay,
    ScreeningStatus,
)


class SignInRequired(Exception):
    """Raised for an anonymous visitor to a secretariat page: send them to sign in."""


@dataclass(frozen=True)
class Viewer:
    """What one person may see of one board's business."""

    sees_confidential: bool = False
    manages: bool = False
    # The items whose papers a ruling withholds from this person, as (meeting id, item id).
    withheld: frozenset = frozenset()
    person_id: int | None = None

    @classmethod
    def of(cls, user, board):
        manages = board_permissions.can_manage_board(user, board)
        return cls(
            sees_confidential=board_permissions.can_see_confidential(user, board),
            manages=manages,
            # The secretariat sees everything; nobody else costs the question but a reader
            # who has signed in.
            withheld=papers_withheld(user, board)
            if user.is_authenticated and not manages
            else frozenset(),
            person_id=user.pk,
        )

    def withholds(self, item):
        return (item.meeting_id, item.pk) in self.withheld

    def withholds_in(self, meeting):
        return any(meeting_id == meeting.pk for meeting_id, _item in self.withheld)


def papers_withheld(person, board):
    """(meeting id, item id) of every item of the board whose papers an accepted ruling
    withholds from this person."""
    flags = withholding_rulings(person).filter(meeting__board=board)
    return frozenset(flags.values_list("meeting_id", "item_id"))


def withholding_rulings(person):
    """The accepted rulings that withhold an item's papers from this person."""
    return ConflictFlag.objects.filter(
        person=person, withhold_papers=True, status=ScreeningStatus.ACCEPTED
    )


# What each person may see ------------------------------------------------------------------


def paper_visible(paper, item, viewer):
    """The rule for every paper, wherever it is shown or served."""
    if viewer.manages:
        return True
    if paper.published_at is None or item.status == ItemStatus.WITHDRAWN:
        return False
    if viewer.withholds(item):
        return False
    if paper.confidential or board_business(item):
        return viewer.sees_confidential
    return True


def board_business(item):
    """A confidential item, or any item of a meeting held in private, is the board's own
    business: its papers and actions are for those who see confidential business."""
    return item.confidential or not item.meeting.held_in_public


def item_private(item, viewer):
    """A confidential item shows this person only its public title."""
    return item.confidential and not viewer.sees_confidential


def meeting_business_hidden(meeting, viewer):
    """A meeting held in private (such as the private session of a board that also meets in
    public that day) shows those outside the board only its date and that it is private."""
    return not meeting.held_in_public and not viewer.sees_confidential


def meetings_visible_to(viewer, meetings):
    return meetings if viewer.manages else meetings.filter(agenda_published_at__isnull=False)


def minutes_visible(minutes, viewer):
    """Draft minutes are for the board's members and secretariat; approval publishes them.
    The secretariat also sees the page of a meeting not yet minuted, to begin the minutes."""
    if viewer.manages:
        return True
    if viewer.sees_confidential:
        return minutes is not None
    return minutes is not None and minutes.is_approved


def action_visible(action, viewer):
    """An action raised at a confidential item is the board's business: only those who see
    its confidential items see the action. The one rule for every list of actions."""
    return viewer.sees_confidential or not board_business(action.raised_at)


def edition_for(viewer):
    """Members get the members' edition of a pack at the same address as everyone else's."""
    return Edition.MEMBERS if viewer.sees_confidential else Edition.PUBLIC


def pack_person_for(viewer, meeting):
    """Whose own edition of the meeting's pack this person reads: their own when a ruling
    withholds some of its papers from them, else None (the shared edition of their kind)."""
    return viewer.person_id if viewer.withholds_in(meeting) else None


def edition_viewer(edition):
    """Whom an edition of the pack is for: the public edition shows what anyone may see, the
    members' edition all the board's business. Neither sees unpublished papers: a pack holds
    only what has gone out."""
    return Viewer(sees_confidential=edition == Edition.MEMBERS)


def personal_viewers(meeting):
    """Each person from whom an accepted ruling withholds some of the meeting's papers, with
    what they may see: each gets an edition of the pack of their own."""
    people = get_user_model().objects.filter(
        pk__in=ConflictFlag.objects.filter(
            meeting=meeting, withhold_papers=True, status=ScreeningStatus.ACCEPTED
        ).values("person")
    )
    viewers = [(person, Viewer.of(person, meeting.board)) for person in people.order_by("pk")]
    return [(person, viewer) for person, viewer in viewers if viewer.withholds_in(meeting)]


# The secretariat's own screens show everything of their board.
SECRETARIAT = Viewer(sees_confidential=True, manages=True)


# What each person may do --------------------------------------------------------------------


def may_update_action(user, action, viewer):
    """Progress on an action is added by any of its leads or by the board's secretariat."""
    return viewer.manages or (user.is_authenticated and user.pk in action.lead_ids)


def may_close_action(action, viewer):
    """Closing is for the board, recorded by its secretariat, while the action is open."""
    return viewer.manages and action.status in STILL_OPEN


def may_change_action(action, viewer):
    """The secretariat changes an open action's leads and due date, as the board agrees."""
    return viewer.manages and action.status in STILL_OPEN


def require_signed_in(user):
    if not user.is_authenticated:
        raise SignInRequired


def require_secretariat(viewer, message):
    """403: the person can see the thing, but only the secretariat may change it."""
    if not viewer.manages:
        raise PermissionDenied(message)


# Finding what was asked for, with the 404/403 policy -----------------------------------------


def meeting_for(user, slug, day):
    """The board, what this person may see of it, and its meeting of that day (and session,
    when the board meets more than once that day): 404 for a meeting they may not know
    exists (a draft, for anyone but the secretariat)."""
    board = board_by_slug(slug)
    viewer = Viewer.of(user, board)
    day = MeetingDay.of(day)
    meeting = get_object_or_404(
        meetings_visible_to(viewer, board.meetings), date=day.date, session=day.session
    )
    meeting.board = board
    return board, viewer, meeting


def meeting_business_for(user, slug, day):
    """As `meeting_for`, for the business of the meeting (its minutes, action log and pack):
    404 for a meeting held in private, to those outside the board."""
    board, viewer, meeting = meeting_for(user, slug, day)
    if meeting_business_hidden(meeting, viewer):
        raise Http404("This meeting is held in private.")
    return board, viewer, meeting


def board_for_secretariat(user, slug):
    """A board whose meetings this person runs, or the refusal that fits."""
    require_signed_in(user)
    board = board_by_slug(slug)
    if not board_permissions.can_manage_board(user, board):
        raise PermissionDenied("Only the board's secretariat can do this.")
    return board


def meeting_for_screening(user, slug, day):
    """A meeting whose conflict screening this person decides on: the board's chair or
    deputy chair, or its secretariat; 404 for a draft they may not know exists, else 403."""
    require_signed_in(user)
    board, viewer, meeting = meeting_for(user, slug, day)
    if not (viewer.manages or board_permissions.chairs_board(user, board)):
        raise PermissionDenied("Only the board's chair and secretariat screen its agenda.")
    return viewer, meeting


def meeting_for_secretariat(user, slug, day):
    """A meeting this person runs; 404 for a draft they may not know exists, else 403."""
    require_signed_in(user)
    _board, viewer, meeting = meeting_for(user, slug, day)
    require_secretariat(viewer, "Only the board's secretariat can change its meetings.")
    return meeting


# Caching: what may rest in a browser's cache -------------------------------------------------
# One address serves members more than the public, so nothing is ever in a shared cache;
# confidential, draft or unpublished business is not even kept in the browser's.


def cover_sheet_is_private(paper):
    """Only a published paper on public business may rest in a cache, and then a private one."""
    return paper.published_at is None or paper.is_confidential


def paper_file_is_private(paper):
    return paper.published_at is None


def agenda_is_private(viewer, meeting):
    """Members see the real titles of confidential items; the secretariat sees drafts."""
    return viewer.sees_confidential or not meeting.is_published


def minutes_are_private(minutes):
    """Draft minutes are for the board only."""
    return not (minutes is not None and minutes.is_approved)


def pack_is_private(viewer):
    """The members' edition holds confidential business; a person's own edition is theirs."""
    return viewer.sees_confidential or bool(viewer.withheld)
