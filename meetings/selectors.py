"""Reads of meetings and papers that depend on who is asking.

There is one visibility rule, `paper_visible`, and one for meetings, `meetings_visible_to`;
pages, files, feeds and packs all go through them:

- a draft meeting, and any paper not yet published, is seen only by the board's secretariat;
- a confidential item shows the public only its public title; its papers, and confidential
  papers, are seen only by the board's members and secretariat;
- papers of withdrawn items are seen only by the secretariat.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partners import permissions
from partners.models import Board, Membership
from partners.selectors import board_by_slug

from .models import (
    HERE,
    STILL_OPEN,
    AgendaItem,
    AttendanceKind,
    Correction,
    Edition,
    ItemStatus,
    Meeting,
    MeetingAction,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Movement,
    Pack,
    PackBuild,
    Paper,
    PaperFile,
    StandingKind,
)
from .resolution import exclusion_resolution


@dataclass(frozen=True)
class Viewer:
    """What one person may see of one board's business."""

    sees_confidential: bool = False
    manages: bool = False

    @classmethod
    def of(cls, user, board):
        return cls(
            sees_confidential=permissions.can_see_confidential(user, board),
            manages=permissions.can_manage_board(user, board),
        )


def paper_visible(paper, item, viewer):
    """The rule for every paper, wherever it is shown or served."""
    if viewer.manages:
        return True
    if paper.published_at is None or item.status == ItemStatus.WITHDRAWN:
        return False
    if paper.confidential or item.confidential:
        return viewer.sees_confidential
    return True


def meetings_visible_to(viewer, meetings):
    return meetings if viewer.manages else meetings.filter(agenda_published_at__isnull=False)


def public_meetings():
    """Published meetings of every board, for the public calendar."""
    return Meeting.objects.filter(agenda_published_at__isnull=False).select_related("board")


def upcoming_public_meetings():
    return (
        public_meetings()
        .filter(ends_at__gte=timezone.now())
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("starts_at")
    )


@dataclass
class PaperView:
    paper: Paper
    main: PaperFile | None
    appendices: list[PaperFile]
    earlier_versions: list[PaperFile]


@dataclass
class ItemView:
    item: AgendaItem
    title: str
    private: bool
    papers: list[PaperView] = field(default_factory=list)


@dataclass
class MeetingPage:
    board: Board
    meeting: Meeting
    viewer: Viewer
    sections: list  # (section, [ItemView])
    publications: list
    resolution: object
    minutes: object = None  # when this person may read them
    declarations: list = field(default_factory=list)
    pack: object = None  # the newest pack of this person's edition
    pack_build: object = None  # for the secretariat: the newest build and how it went


def _files_by_slot(files):
    """Newest version of each slot, and the versions it replaced."""
    current, earlier = {}, []
    for f in sorted(files, key=lambda f: (f.slot, -f.version)):
        if f.slot in current:
            earlier.append(f)
        else:
            current[f.slot] = f
    return current, earlier


def paper_view(paper):
    current, earlier = _files_by_slot(paper.files.all())
    appendices = [f for slot, f in sorted(current.items()) if slot > 0]
    return PaperView(paper, current.get(0), appendices, earlier)


def board_meetings(user, slug):
    """The board with its upcoming and past meetings as this person may see them."""
    board = board_by_slug(slug)
    viewer = Viewer.of(user, board)
    meetings = list(meetings_visible_to(viewer, board.meetings.order_by("starts_at")))
    now = timezone.now()
    upcoming, past = [], []
    for meeting in meetings:
        ahead = meeting.ends_at >= now and meeting.status != MeetingStatus.CANCELLED
        (upcoming if ahead else past).append(meeting)
    return board, viewer, upcoming, past[::-1]


def meeting_page(user, slug, day):
    """Everything the meeting page shows to this person, in a fixed number of queries."""
    board = board_by_slug(slug)
    viewer = Viewer.of(user, board)
    meeting = get_object_or_404(meetings_visible_to(viewer, board.meetings), date=day)
    return meeting_page_for(board, viewer, meeting)


def meeting_page_for(board, viewer, meeting):
    """The meeting page as a viewer sees it (the packs use it with each edition's viewer)."""
    meeting.board = board
    items = list(
        meeting.items.select_related("deferred_to")
        .prefetch_related(
            "presenters",
            Prefetch("papers", queryset=Paper.objects.prefetch_related("files").order_by("id")),
        )
        .order_by("number")
    )
    sections = {section.pk: (section, []) for section in meeting.sections.all()}
    for item in items:
        sections[item.section_id][1].append(_item_view(item, viewer))
    # Empty sections matter to the secretariat building the agenda, not to readers.
    ordered = [pair for pair in sections.values() if pair[1] or viewer.manages]
    publications = list(meeting.publications.all())
    page = MeetingPage(
        board, meeting, viewer, ordered, publications, exclusion_resolution(meeting, items)
    )
    minutes = Minutes.objects.select_related("approved_at").filter(meeting=meeting).first()
    page.minutes = minutes if minutes is not None and minutes_visible(minutes, viewer) else None
    page.declarations = declarations_shown(meeting, viewer)
    page.pack = current_pack(meeting, edition_for(viewer))
    if viewer.manages:
        page.pack_build = latest_pack_build(meeting)
    return page


def declarations_shown(meeting, viewer):
    """Declarations of interest at the meeting: those at items held in public (or at the
    start) for everyone, those at confidential items only for the board."""
    declarations = meeting.declarations.select_related(
        "attendance__person", "item", "chaired_by"
    ).order_by("item__number", "pk")
    if not viewer.sees_confidential:
        declarations = declarations.exclude(item__confidential=True)
    return list(declarations)


def _item_view(item, viewer):
    private = item.confidential and not viewer.sees_confidential
    view = ItemView(item, item.public_title if private else item.title, private)
    view.papers = [
        paper_view(paper) for paper in item.papers.all() if paper_visible(paper, item, viewer)
    ]
    return view


def paper_for(user, pk):
    """A paper this person may see, with its files, or 404 whatever they guessed."""
    paper = get_object_or_404(
        Paper.objects.select_related("item__meeting__board", "item__section").prefetch_related(
            "files", "forums"
        ),
        pk=pk,
    )
    viewer = Viewer.of(user, paper.item.meeting.board)
    if not paper_visible(paper, paper.item, viewer):
        raise Http404("No such paper.")
    return paper, viewer


def paper_file_for(user, paper_pk, file_pk):
    """A stored file of a visible paper; earlier versions only for the secretariat."""
    paper, viewer = paper_for(user, paper_pk)
    view = paper_view(paper)
    current = [f for f in [view.main, *view.appendices] if f is not None]
    allowed = current + (view.earlier_versions if viewer.manages else [])
    for stored in allowed:
        if stored.pk == file_pk:
            return paper, stored
    raise Http404("No such file.")


def public_papers():
    """Papers anyone may see, as a query: `paper_visible` for an anonymous viewer.

    Kept as a query so feeds can page through it; a test holds it to `paper_visible`.
    """
    return (
        Paper.objects.filter(
            published_at__isnull=False, confidential=False, item__confidential=False
        )
        .exclude(item__status=ItemStatus.WITHDRAWN)
        .select_related("item__meeting__board")
    )


class SignInRequired(Exception):
    """Raised for an anonymous visitor to a secretariat page: send them to sign in."""


def board_for_secretariat(user, slug):
    """A board whose meetings this person runs, or the refusal that fits."""
    if not user.is_authenticated:
        raise SignInRequired
    board = board_by_slug(slug)
    if not permissions.can_manage_board(user, board):
        raise PermissionDenied("Only the board's secretariat can do this.")
    return board


def meeting_for_secretariat(user, slug, day):
    """A meeting this person runs; 404 for a draft they may not know exists, else 403."""
    if not user.is_authenticated:
        raise SignInRequired
    board = board_by_slug(slug)
    viewer = Viewer.of(user, board)
    meeting = get_object_or_404(meetings_visible_to(viewer, board.meetings), date=day)
    if not viewer.manages:
        raise PermissionDenied("Only the board's secretariat can change its meetings.")
    meeting.board = board
    return meeting


def paper_for_secretariat(user, pk):
    if not user.is_authenticated:
        raise SignInRequired
    paper, viewer = paper_for(user, pk)
    if not viewer.manages:
        raise PermissionDenied("Only the board's secretariat can change papers.")
    return paper


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


# Minutes ----------------------------------------------------------------------------------


def minutes_visible(minutes, viewer):
    """Draft minutes are for the board's members and secretariat; approval publishes them.
    The secretariat also sees the page of a meeting not yet minuted, to begin the minutes."""
    if viewer.manages:
        return True
    if viewer.sees_confidential:
        return minutes is not None
    return minutes is not None and minutes.is_approved


def minutes_approved(meeting):
    return Minutes.objects.filter(meeting=meeting, status=MinutesStatus.APPROVED).exists()


@dataclass
class MinuteRow:
    """One agenda item as the minutes show it to this person."""

    item: AgendaItem
    title: str
    private: bool
    minute: object = None
    resolutions: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    declarations: list = field(default_factory=list)
    movements: list = field(default_factory=list)
    corrections: list = field(default_factory=list)
    approved_minutes: list = field(default_factory=list)  # minutes approved under this item


@dataclass
class MinutesPage:
    board: Board
    meeting: Meeting
    viewer: Viewer
    minutes: object
    attendance: list  # (heading, [Attendance])
    apologies: list
    sections: list  # (section, [MinuteRow])


def _by_item(rows, key="item_id"):
    grouped = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


def minutes_page(user, slug, day):
    """The minutes of a meeting as this person may read them, in a fixed number of queries;
    404 for minutes they may not see (drafts, for anyone outside the board)."""
    board = board_by_slug(slug)
    viewer = Viewer.of(user, board)
    meeting = get_object_or_404(meetings_visible_to(viewer, board.meetings), date=day)
    page = minutes_page_for(board, viewer, meeting)
    if page is None:
        raise Http404("These minutes are not published.")
    return page


def minutes_page_for(board, viewer, meeting):
    """The minutes as a viewer may read them, or None (the packs use it for each edition)."""
    meeting.board = board
    minutes = Minutes.objects.select_related("approved_at").filter(meeting=meeting).first()
    if not minutes_visible(minutes, viewer):
        return None
    attendance, apologies = attendance_groups(meeting)
    return MinutesPage(
        board, meeting, viewer, minutes, attendance, apologies, _minute_sections(meeting, viewer)
    )


def _minute_sections(meeting, viewer):
    items = list(
        meeting.items.select_related("minute").prefetch_related("resolutions").order_by("number")
    )
    actions = _by_item(
        MeetingAction.objects.filter(raised_at__meeting=meeting).select_related("lead"),
        "raised_at_id",
    )
    declarations = _by_item(meeting.declarations.select_related("attendance__person", "chaired_by"))
    movements = _by_item(
        Movement.objects.filter(attendance__meeting=meeting).select_related("attendance__person")
    )
    corrections = _by_item(Correction.objects.filter(minutes__meeting=meeting))
    approved_here = list(
        Minutes.objects.filter(approved_at=meeting).select_related("meeting").order_by("pk")
    )
    sections = {section.pk: (section, []) for section in meeting.sections.all()}
    for item in items:
        private = item.confidential and not viewer.sees_confidential
        row = MinuteRow(item, item.public_title if private else item.title, private)
        if not private:
            row.minute = getattr(item, "minute", None)
            row.resolutions = list(item.resolutions.all())
            row.actions = actions.get(item.pk, [])
            row.declarations = declarations.get(item.pk, [])
            row.movements = movements.get(item.pk, [])
            row.corrections = corrections.get(item.pk, [])
            if item.standing == StandingKind.PREVIOUS_MINUTES:
                row.approved_minutes = approved_here
        sections[item.section_id][1].append(row)
    return [pair for pair in sections.values() if pair[1]]


def attendance_groups(meeting):
    """Those present under the headings of the board's seats, then those in attendance, and
    the apologies, in the order the board lists its seats."""
    seats = Membership.objects.filter(board=meeting.board).order_by("pk")
    order = {}
    for user_id in seats.values_list("user_id", flat=True):
        order.setdefault(user_id, len(order))
    rows = meeting.attendance.select_related("person__organisation", "on_behalf_of").order_by("pk")
    members, others, apologies = {}, [], []
    for row in sorted(rows, key=lambda r: (order.get(r.person_id, len(order)), r.pk)):
        if row.kind == AttendanceKind.PRESENT:
            members.setdefault(row.group, []).append(row)
        elif row.kind in HERE:
            others.append(row)
        elif row.kind == AttendanceKind.APOLOGIES:
            apologies.append(row)
    # People without a heading (the chair, the chief officer) come first.
    groups = sorted(members.items(), key=lambda pair: pair[0] != "")
    if others:
        groups.append(("In attendance", others))
    return groups, apologies


# Action log pages -------------------------------------------------------------------------


def action_visible(action, viewer):
    """An action raised at a confidential item is the board's business: only those who see
    its confidential items see the action. The one rule for every list of actions."""
    return viewer.sees_confidential or not action.raised_at.confidential


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


def _may_update(user, action, viewer):
    return viewer.manages or (user.is_authenticated and action.lead_id == user.pk)


def action_log_page(user, slug, day):
    """The matters-arising log of a meeting as this person may see it, in a fixed number of
    queries: actions carried forward from earlier meetings, then those raised at it."""
    board = board_by_slug(slug)
    viewer = Viewer.of(user, board)
    meeting = get_object_or_404(meetings_visible_to(viewer, board.meetings), date=day)
    meeting.board = board
    today = timezone.localdate()

    def rows(actions, closable):
        return [
            ActionRow(
                action,
                action.is_overdue(today),
                may_update=_may_update(user, action, viewer) and action.status in STILL_OPEN,
                may_close=closable and viewer.manages and action.status in STILL_OPEN,
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
    if not user.is_authenticated:
        raise SignInRequired
    action = get_object_or_404(
        MeetingAction.objects.select_related(
            "lead", "raised_at__meeting__board", "due_meeting"
        ).prefetch_related("updates"),
        pk=pk,
    )
    if not _may_update(user, action, Viewer.of(user, action.raised_at.meeting.board)):
        raise Http404("No such action.")
    return action


def my_actions(user):
    """The open actions this person leads, each with its overdue flag, for "my actions"."""
    if not user.is_authenticated:
        raise SignInRequired
    today = timezone.localdate()
    return [
        ActionRow(action, action.is_overdue(today), may_update=True) for action in actions_of(user)
    ]


@dataclass
class AttendanceScreen:
    """What the secretariat sees when recording who was at a meeting."""

    groups: list  # (heading, [Attendance]) as `attendance_groups` gives them
    apologies: list
    absent: list
    movements: list
    declarations: list


def attendance_screen(meeting):
    """The attendance, comings and goings and declarations of a meeting, all of them: the
    screen is the secretariat's, who see confidential business."""
    groups, apologies = attendance_groups(meeting)
    absent = list(meeting.attendance.filter(kind=AttendanceKind.ABSENT).select_related("person"))
    movements = list(
        Movement.objects.filter(attendance__meeting=meeting)
        .select_related("attendance__person", "item")
        .order_by("item__number", "pk")
    )
    everything = Viewer(sees_confidential=True, manages=True)
    return AttendanceScreen(
        groups, apologies, absent, movements, declarations_shown(meeting, everything)
    )


# Board packs ------------------------------------------------------------------------------


def edition_for(viewer):
    """Members get the members' edition at the same address as everyone else's."""
    return Edition.MEMBERS if viewer.sees_confidential else Edition.PUBLIC


def current_pack(meeting, edition):
    return Pack.objects.filter(meeting=meeting, edition=edition).order_by("-version").first()


def pack_for(user, slug, day):
    """The newest complete pack of the edition this person may read, or 404."""
    board = board_by_slug(slug)
    viewer = Viewer.of(user, board)
    meeting = get_object_or_404(meetings_visible_to(viewer, board.meetings), date=day)
    meeting.board = board
    pack = current_pack(meeting, edition_for(viewer))
    if pack is None:
        raise Http404("The pack of this meeting has not been built yet.")
    return pack, viewer


def latest_pack_build(meeting):
    return PackBuild.objects.filter(meeting=meeting).order_by("-requested_at", "-pk").first()


def packs_of(meeting):
    """Every version of both editions, newest first, for the secretariat."""
    return list(Pack.objects.filter(meeting=meeting).order_by("edition", "-version"))
