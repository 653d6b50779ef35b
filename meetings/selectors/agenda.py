"""Meetings and their agendas as each person may see them: the board's meetings, the
meeting page (its items, papers, minutes, declarations and pack), the public calendar, the
resolution to exclude the public, and the standing items a new agenda starts from."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from partners import permissions as board_permissions
from partners.models import Board
from partners.selectors import board_by_slug

from ..models import (
    Action,
    AgendaItem,
    Edition,
    ItemFormat,
    Meeting,
    MeetingStatus,
    Minutes,
    Paper,
    StandingItem,
    StandingKind,
)
from ..permissions import (
    Viewer,
    edition_for,
    edition_viewer,
    item_private,
    meeting_business_hidden,
    meeting_for,
    meetings_visible_to,
    minutes_visible,
    pack_person_for,
    paper_visible,
)
from .attendance import declarations_shown
from .exempt_business import board_exclusion_resolution, private_business_warnings
from .packs import current_pack, latest_pack_build
from .papers import PaperView, paper_view


def public_meetings():
    """Published meetings of every board, for the public calendar."""
    return Meeting.objects.filter(agenda_published_at__isnull=False).select_related("board")


def upcoming_public_meetings():
    now = timezone.now()
    return (
        public_meetings()
        # A meeting with no end time stays upcoming until its day is over.
        .filter(Q(ends_at__gte=now) | Q(ends_at__isnull=True, date__gte=timezone.localdate(now)))
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("starts_at")
    )


@dataclass
class ItemView:
    item: AgendaItem
    title: str
    private: bool
    papers: list[PaperView] = field(default_factory=list)
    # The Format column as this person may read it: "Attached" only where the paper is theirs.
    format_label: str = ""


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
    # A meeting held in private shows those outside the board only its date.
    business_hidden: bool = False
    warnings: list = field(default_factory=list)  # for the secretariat, about exempt business
    timed: bool = False  # some item has a start time: the agenda shows a Time column
    next_meeting_note: str = ""  # the note about the next meeting, without its date again
    screens: bool = False  # the board's chair: decides on the conflict screening


def board_meetings(user, slug):
    """The board with its upcoming and past meetings as this person may see them."""
    board = board_by_slug(slug)
    viewer = Viewer.of(user, board)
    meetings = list(meetings_visible_to(viewer, board.meetings.order_by("starts_at")))
    now = timezone.now()
    upcoming, past = [], []
    for meeting in meetings:
        ahead = meeting.finishes_by >= now and meeting.status != MeetingStatus.CANCELLED
        (upcoming if ahead else past).append(meeting)
    return board, viewer, upcoming, past[::-1]


def meeting_page(user, slug, day):
    """Everything the meeting page shows to this person, in a fixed number of queries."""
    board, viewer, meeting = meeting_for(user, slug, day)
    page = meeting_page_for(board, viewer, meeting)
    # Only a member can chair: nobody else costs the question.
    page.screens = viewer.sees_confidential and board_permissions.chairs_board(user, board)
    return page


def meeting_page_for(board, viewer, meeting):
    """The meeting page as a viewer sees it (the packs use it with each edition's viewer)."""
    meeting.board = board
    if meeting_business_hidden(meeting, viewer):
        return MeetingPage(board, meeting, viewer, [], [], None, business_hidden=True)
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
    resolution = board_exclusion_resolution(board, meeting, items)
    page = MeetingPage(board, meeting, viewer, ordered, publications, resolution)
    page.timed = any(item.start_time for item in items)
    page.next_meeting_note = next_meeting_note(meeting)
    minutes = Minutes.objects.select_related("approved_at").filter(meeting=meeting).first()
    page.minutes = minutes if minutes is not None and minutes_visible(minutes, viewer) else None
    page.declarations = declarations_shown(meeting, viewer)
    page.pack = current_pack(meeting, edition_for(viewer), pack_person_for(viewer, meeting))
    if viewer.manages:
        page.pack_build = latest_pack_build(meeting)
        page.warnings = private_business_warnings(board, meeting, items)
    return page


def next_meeting_note(meeting):
    """The note about the next meeting as shown after its date: a note that begins with that
    date again ("13 January 2021, 10:00, MS Teams") loses it, so the date is read once."""
    note = meeting.next_meeting_note.strip()
    day = meeting.next_meeting_on
    if day is None or not note:
        return note
    written = [f"{day:%A} {day.day} {day:%B %Y}", f"{day.day} {day:%B %Y}", f"{day:%d/%m/%Y}"]
    for date in written:
        if note.lower().startswith(date.lower()):
            return note[len(date) :].lstrip(" ,–—-:")
    return note


def _item_view(item, viewer):
    private = item_private(item, viewer)
    view = ItemView(item, item.public_title if private else item.title, private)
    view.papers = [
        paper_view(paper) for paper in item.papers.all() if paper_visible(paper, item, viewer)
    ]
    view.format_label = _format_label(item, viewer, private)
    return view


CONFIDENTIAL_PAPER = "Confidential paper"
# The chair's ruling on this person's conflict of interest withholds the item's papers.
WITHHELD_FROM_YOU = "Withheld from you: a conflict of interest"
MEMBERS = edition_viewer(Edition.MEMBERS)


def _format_label(item, viewer, private):
    """The item's format, except that an attached paper this person may not see, though the
    board's members may, is "Confidential paper": "Attached" would promise a paper that is
    not on the page nor in the public edition of the pack."""
    if item.format != ItemFormat.ATTACHED:
        return item.get_format_display()
    if viewer.withholds(item):
        return WITHHELD_FROM_YOU
    withheld = [
        paper
        for paper in item.papers.all()
        if not paper_visible(paper, item, viewer) and paper_visible(paper, item, MEMBERS)
    ]
    # A confidential item's paper is the board's whether or not it is uploaded yet.
    if withheld or private:
        return CONFIDENTIAL_PAPER
    return item.get_format_display()


ROUTINE = "Routine Items of Business"


CLOSING = "Any Other Business"


DEFAULT_STANDING_ITEMS = [
    (ROUTINE, StandingKind.WELCOME, Action.NOTE, ItemFormat.VERBAL, "Chair"),
    (ROUTINE, StandingKind.DECLARATIONS, Action.NOTE, ItemFormat.VERBAL, "Chair"),
    (ROUTINE, StandingKind.PREVIOUS_MINUTES, Action.APPROVE, ItemFormat.ATTACHED, "Chair"),
    (ROUTINE, StandingKind.KEY_MESSAGES, Action.NOTE, ItemFormat.VERBAL, "Chair"),
    (CLOSING, StandingKind.NEXT_MEETING_ITEMS, Action.NOTE, ItemFormat.VERBAL, "All"),
    (CLOSING, StandingKind.ANY_OTHER_BUSINESS, Action.NOTE, ItemFormat.VERBAL, "All"),
]


def default_standing_items(board):
    """The six standing items of DOMAIN.md, unsaved, for a board without a template."""
    return [
        StandingItem(
            board=board,
            section_title=section,
            title=kind.label,
            standing=kind,
            action=action,
            format=format_,
            presenters_text=presenters,
            position=position,
        )
        for position, (section, kind, action, format_, presenters) in enumerate(
            DEFAULT_STANDING_ITEMS
        )
    ]


def standing_items_for(board):
    return list(board.standing_items.all()) or default_standing_items(board)
