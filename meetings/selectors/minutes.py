"""The minutes of a meeting as each person may read them, item by item, with resolutions,
actions, declarations, comings and goings and corrections."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.http import Http404

from partners.models import Board

from ..models import (
    AgendaItem,
    Correction,
    Meeting,
    MeetingAction,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Movement,
    Resolution,
    StandingKind,
)
from ..permissions import (
    Viewer,
    item_private,
    meeting_business_for,
    minutes_visible,
)
from .actions import with_leads
from .attendance import attendance_groups, attendance_rows
from .publication import previous_held_meeting
from .quorum import quorum_at_each_item


def minutes_approved(meeting):
    return Minutes.objects.filter(meeting=meeting, status=MinutesStatus.APPROVED).exists()


def meetings_whose_packs_carry(meeting):
    """The later meetings whose packs carry this meeting's minutes as their previous minutes
    (in practice the board's next meeting of the same kind), among those with packs or whose
    papers are out."""
    later = (
        Meeting.objects.filter(
            board=meeting.board_id,
            held_in_public=meeting.held_in_public,
            starts_at__gt=meeting.starts_at,
        )
        .filter(Q(status=MeetingStatus.PAPERS_PUBLISHED) | Q(packs__isnull=False))
        .distinct()
        .order_by("starts_at")
    )
    carrying = []
    for candidate in later:
        if getattr(previous_held_meeting(candidate), "pk", None) != meeting.pk:
            break  # a meeting in between went ahead: later packs carry its minutes
        carrying.append(candidate)
    return carrying


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
    quorum: object = None


@dataclass
class MinutesPage:
    board: Board
    meeting: Meeting
    viewer: Viewer
    minutes: object
    attendance: list  # (heading, [Attendance])
    apologies: list
    sections: list  # (section, [MinuteRow])
    quorum: object = None  # at the opening (its by_item is on each row)
    any_declarations: bool = False
    corrections: list = field(default_factory=list)  # to the record as a whole
    opening_declarations: list = field(default_factory=list)  # at no particular item


def _by_item(rows, key="item_id"):
    grouped = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


def minutes_page(user, slug, day):
    """The minutes of a meeting as this person may read them, in a fixed number of queries;
    404 for minutes they may not see (drafts, for anyone outside the board)."""
    board, viewer, meeting = meeting_business_for(user, slug, day)
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
    rows = attendance_rows(meeting)
    attendance, apologies = attendance_groups(meeting, rows)
    page = MinutesPage(board, meeting, viewer, minutes, attendance, apologies, [])
    page.sections = _minute_sections(page, rows)
    return page


RESOLUTIONS = Prefetch(
    "resolutions",
    queryset=Resolution.objects.select_related(
        "proposer__person", "seconder__person", "membership_change__user"
    ),
)


def _minute_sections(page, rows):
    meeting, viewer = page.meeting, page.viewer
    items = list(
        meeting.items.select_related("minute").prefetch_related(RESOLUTIONS).order_by("number")
    )
    actions = _by_item(
        with_leads(MeetingAction.objects.filter(raised_at__meeting=meeting)),
        "raised_at_id",
    )
    every_declaration = list(
        meeting.declarations.select_related("attendance__person", "chaired_by")
    )
    every_movement = list(
        Movement.objects.filter(attendance__meeting=meeting).select_related(
            "attendance__person", "item"
        )
    )
    quorum = quorum_at_each_item(meeting.board, rows, items, every_movement, every_declaration)
    page.quorum, page.any_declarations = quorum.opening, bool(every_declaration)
    declarations, movements = _by_item(every_declaration), _by_item(every_movement)
    corrections = _by_item(Correction.objects.filter(minutes__meeting=meeting))
    page.corrections = corrections.get(None, [])
    page.opening_declarations = declarations.get(None, [])
    approved_here = list(
        Minutes.objects.filter(approved_at=meeting).select_related("meeting").order_by("pk")
    )
    sections = {section.pk: (section, []) for section in meeting.sections.all()}
    for item in items:
        private = item_private(item, viewer)
        row = MinuteRow(item, item.public_title if private else item.title, private)
        if not private:
            row.minute = getattr(item, "minute", None)
            row.resolutions = list(item.resolutions.all())
            row.actions = actions.get(item.pk, [])
            row.declarations = declarations.get(item.pk, [])
            row.movements = movements.get(item.pk, [])
            row.corrections = corrections.get(item.pk, [])
            row.quorum = quorum.at(item)
            if item.standing == StandingKind.PREVIOUS_MINUTES:
                row.approved_minutes = approved_here
        sections[item.section_id][1].append(row)
    return [pair for pair in sections.values() if pair[1]]
