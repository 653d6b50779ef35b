"""Who was at a meeting and what they declared: attendance under the board's headings,
the declarations each person may see, and the secretariat's attendance screen."""

from dataclasses import dataclass, field

from partners.models import Membership

from ..models import (
    HERE,
    AttendanceKind,
    Minutes,
    Movement,
)
from ..permissions import SECRETARIAT
from .board_settings import settings_for
from .quorum import quorum_at_each_item


def declarations_shown(meeting, viewer):
    """Declarations of interest at the meeting: those at items held in public (or at the
    start) for everyone, those at confidential items only for the board."""
    declarations = meeting.declarations.select_related(
        "attendance__person", "item", "chaired_by"
    ).order_by("item__number", "pk")
    if not viewer.sees_confidential:
        declarations = declarations.exclude(item__confidential=True)
    return list(declarations)


def attendance_rows(meeting):
    """Everyone on the meeting's attendance list, with what the minutes show of them."""
    return list(
        meeting.attendance.select_related(
            "person__organisation", "on_behalf_of", "from_item", "until_item"
        ).order_by("pk")
    )


def _heading(row, chosen):
    """A member present is listed under their seat's heading; anyone else under the heading
    recorded for them if it is one of the board's, otherwise under their kind's."""
    if row.kind == AttendanceKind.PRESENT or (row.group and row.group in chosen):
        return row.group
    return row.heading


def attendance_groups(meeting, rows=None):
    """Those present under the headings of the board's seats, then the others under the
    heading of their kind (in attendance, observers, governors...), and the apologies, in
    the order the board lists its seats. The board's own headings, if it has set them, come
    first in its order."""
    seats = Membership.objects.filter(board=meeting.board).order_by("pk")
    order = {}
    for user_id in seats.values_list("user_id", flat=True):
        order.setdefault(user_id, len(order))
    chosen = settings_for(meeting.board).headings
    rows = attendance_rows(meeting) if rows is None else rows
    members, others, apologies = {}, {}, []
    for row in sorted(rows, key=lambda r: (order.get(r.person_id, len(order)), r.pk)):
        if row.kind == AttendanceKind.PRESENT:
            members.setdefault(row.group, []).append(row)
        elif row.kind in HERE:
            others.setdefault(_heading(row, chosen), []).append(row)
        elif row.kind == AttendanceKind.APOLOGIES:
            apologies.append(row)
    # People without a heading (the chair, the chief officer) come first.
    groups = sorted(members.items(), key=lambda pair: pair[0] != "") + list(others.items())
    if chosen:
        place = {"": -1} | {heading: n for n, heading in enumerate(chosen)}
        groups = sorted(groups, key=lambda pair: place.get(pair[0], len(place)))
    return groups, apologies


@dataclass
class AttendanceScreen:
    """What the secretariat sees when recording who was at a meeting."""

    groups: list  # (heading, [Attendance]) as `attendance_groups` gives them
    apologies: list
    absent: list
    movements: list
    declarations: list
    quorum: object = None  # Quorum at the opening and at each item
    minutes: object = None
    items: list = field(default_factory=list)


def attendance_screen(meeting):
    """The attendance, comings and goings and declarations of a meeting, all of them: the
    screen is the secretariat's, who see confidential business."""
    rows = attendance_rows(meeting)
    groups, apologies = attendance_groups(meeting, rows)
    absent = [row for row in rows if row.kind == AttendanceKind.ABSENT]
    movements = meeting_movements(meeting)
    declarations = declarations_shown(meeting, SECRETARIAT)
    items = list(meeting.items.order_by("number"))
    return AttendanceScreen(
        groups,
        apologies,
        absent,
        movements,
        declarations,
        quorum_at_each_item(meeting.board, rows, items, movements, declarations),
        Minutes.objects.filter(meeting=meeting).first(),
        items,
    )


def meeting_movements(meeting):
    return list(
        Movement.objects.filter(attendance__meeting=meeting)
        .select_related("attendance__person", "item")
        .order_by("item__number", "pk")
    )
