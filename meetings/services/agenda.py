"""Planning a meeting and building its agenda: the meeting itself (created, changed,
cancelled, held), its sections and items (added, moved, deferred, withdrawn, removed, numbered),
and each board's standing items."""

import itertools

from django.db import transaction
from django.utils import timezone

from partners.audit import delete_with_history

from ..models import (
    AgendaItem,
    AgendaSection,
    ItemStatus,
    Meeting,
    MeetingStatus,
    PublicationKind,
    StandingItem,
    StandingKind,
)
from ..selectors.agenda import standing_items_for
from .base import (
    locked,
    refuse,
    refuse_if_stale,
    refuse_unless,
    refuse_unless_open,
    save,
    save_fields,
)
from .publication import publication_record
from .references import (
    agenda_order,
    following_meetings,
    meetings_renumber,
    numbering_settings,
)


@transaction.atomic
def meeting_create(*, actor, board, **fields):
    """Create a draft meeting whose agenda starts from the board's standing items."""
    fields.setdefault("held_in_public", board.meets_in_public)
    meeting = save(Meeting(board=board, **fields), actor, "Created meeting")
    sections = {}
    for standing in standing_items_for(board):
        if standing.section_title not in sections:
            sections[standing.section_title] = save(
                AgendaSection(
                    meeting=meeting, title=standing.section_title, position=len(sections)
                ),
                actor,
                "Agenda from the board's standing items",
            )
        section = sections[standing.section_title]
        save(
            AgendaItem(
                meeting=meeting,
                section=section,
                position=section.items.count(),
                title=standing.title,
                presenters_text=standing.presenters_text,
                action=standing.action,
                format=standing.format,
                standing=standing.standing,
            ),
            actor,
            "Standing item",
        )
    agenda_renumber(actor=actor, meeting=meeting, setting="code")
    return meeting


@transaction.atomic
def meeting_change(*, actor, meeting, version=None, **fields):
    """Change a meeting's time, place, code or next-meeting note. Only the fields that change
    are saved; a form loaded before someone else's change (`version`) is refused."""
    meeting = locked(meeting)
    refuse_if_stale(meeting, version, "meeting")
    changed = [name for name, value in fields.items() if getattr(meeting, name) != value]
    if not changed:
        return meeting  # saved as it was, even once held: nothing to refuse
    refuse_unless(
        meeting.status in MeetingStatus.open(),
        "status",
        "A held or cancelled meeting cannot change.",
    )
    for name in changed:
        setattr(meeting, name, fields[name])
    meeting.version += 1
    save_fields(meeting, actor, "Changed meeting details", [*changed, "date", "version"])
    if {"starts_at", "code"} & set(changed):
        agenda_renumber(actor=actor, meeting=meeting, setting="code")
    return meeting


@transaction.atomic
def meeting_cancel(*, actor, meeting, reason):
    """Cancel a meeting that has not been held; a published one says so publicly."""
    refuse_unless(
        meeting.status in MeetingStatus.open(),
        "status",
        "Only a meeting not yet held can be cancelled.",
    )
    refuse_unless(reason.strip(), "cancelled_reason", "Say why the meeting is cancelled.")
    meeting = locked(meeting)
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_reason = reason.strip()
    save_fields(meeting, actor, "Cancelled meeting", ["status", "cancelled_reason"])
    if meeting.is_published:
        publication_record(actor, meeting, PublicationKind.CANCELLATION, note=reason.strip())
    return meeting


@transaction.atomic
def meeting_mark_held(*, actor, meeting, now=None):
    """Record that a published meeting took place (once it has started)."""
    now = now or timezone.now()
    refuse_unless(meeting.is_published, "status", "Publish the agenda before the meeting.")
    refuse_unless(
        meeting.status in MeetingStatus.open(),
        "status",
        "The meeting is already held or cancelled.",
    )
    refuse_unless(meeting.starts_at <= now, "status", "The meeting has not started yet.")
    meeting = locked(meeting)
    meeting.status = MeetingStatus.HELD
    return save_fields(meeting, actor, "Meeting held", ["status"])


@transaction.atomic
def section_add(*, actor, meeting, title):
    """Add a section just before the closing one (Any Other Business), or at the end."""
    refuse_unless_open(meeting)
    sections = list(meeting.sections.all())
    position = len(sections) - 1 if len(sections) > 1 else len(sections)
    for later in sections[position:]:
        later.position += 1
        save_fields(later, actor, "Made room for a new section", ["position"])
    section = save(
        AgendaSection(meeting=meeting, title=title.strip(), position=position),
        actor,
        "Added section",
    )
    return section


@transaction.atomic
def section_move(*, actor, section, step):
    """Move a section up (step -1) or down (step +1) and renumber the agenda."""
    refuse_unless_open(section.meeting)
    sections = list(section.meeting.sections.all())
    _swap(sections, sections.index(section), step, actor, "Moved section")
    agenda_renumber(actor=actor, meeting=section.meeting)


@transaction.atomic
def item_add(*, actor, section, presenters=(), parent=None, **fields):
    """Add an item at the end of a section (or of an item's sub-items) and renumber."""
    refuse_unless_open(section.meeting)
    siblings = parent.sub_items if parent else section.items.filter(parent__isnull=True)
    item = save(
        AgendaItem(
            meeting=section.meeting,
            section=parent.section if parent else section,
            parent=parent,
            position=siblings.count(),
            **fields,
        ),
        actor,
        "Added item",
    )
    item.presenters.set(presenters)
    agenda_renumber(actor=actor, meeting=section.meeting)
    _refuse_times_out_of_order(item.meeting)
    item.refresh_from_db()
    return item


@transaction.atomic
def item_change(*, actor, item, version=None, presenters=None, **fields):
    """Change what the item form shows: title, presenters, action, format, time, section,
    parent or confidentiality. Only the fields that change are saved, on the row as it is
    now, so a move by someone else stays; a form loaded before someone else's change of
    the same item (`version`) is refused."""
    item = locked(item)
    refuse_if_stale(item, version, "item")
    changed = [name for name, value in fields.items() if getattr(item, name) != value]
    new_presenters = presenters is not None and set(presenters) != set(item.presenters.all())
    if not changed and not new_presenters:
        return item  # saved as it was, even once the agenda is closed: nothing to refuse
    refuse_unless_open(item.meeting)
    for name in changed:
        setattr(item, name, fields[name])
    changed += _placed_again(item, changed)
    item.version += 1
    save_fields(item, actor, "Changed item", [*changed, "version"])
    if new_presenters:
        item.presenters.set(presenters)
    agenda_renumber(actor=actor, meeting=item.meeting)
    _refuse_times_out_of_order(item.meeting)
    item.refresh_from_db()
    return item


def _placed_again(item, changed):
    """An item that changes section or parent goes to the end of its new place, under a new
    reference (its old one may be a sibling's there)."""
    if not {"section", "parent"} & set(changed):
        return []
    if item.parent_id:
        item.section = item.parent.section
        item.position = item.parent.sub_items.count()
    else:
        item.position = item.section.items.filter(parent__isnull=True).count()
    item.serial = item.minute_serial = None
    item.reference = item.minute_reference = ""
    return ["section", "position", "serial", "minute_serial", "reference", "minute_reference"]


def _refuse_times_out_of_order(meeting):
    timed = [i for i in agenda_order(meeting) if i.start_time is not None]
    for item, following in itertools.pairwise(timed):
        if item.start_time > following.start_time:
            refuse(
                "start_time",
                f"Item {item.reference} starts at {item.start_time:%H:%M}, after item "
                f"{following.reference} at {following.start_time:%H:%M}: items are taken in "
                "agenda order, so give a start time no later than the next item's, or move "
                "the item.",
            )


@transaction.atomic
def item_move(*, actor, item, step):
    """Move an item up or down; past the end of its section it moves into the next one.
    A sub-item moves among its parent's sub-items."""
    item = locked(item)
    meeting = item.meeting
    refuse_unless_open(meeting)
    if item.parent_id:
        siblings = list(item.parent.sub_items.order_by("position", "pk"))
        _swap(siblings, siblings.index(item), step, actor, "Reordered agenda")
        agenda_renumber(actor=actor, meeting=meeting)
        return
    items = [i for i in agenda_order(meeting) if not i.parent_id]
    index = items.index(item)
    target = index + step
    if 0 <= target < len(items):
        neighbour = items[target]
        moved = ["position"]
        if neighbour.section_id == item.section_id:
            item.position, neighbour.position = neighbour.position, item.position
            save_fields(neighbour, actor, "Reordered agenda", ["position"])
        else:
            # Into the neighbouring section, just past the neighbour: every move changes
            # the numbered order.
            item.section = neighbour.section
            item.position = neighbour.position + (0 if step < 0 else 1)
            later_items = neighbour.section.items.filter(parent__isnull=True)
            for later in later_items.exclude(pk=item.pk):
                if later.position >= item.position:
                    later.position += 1
                    save_fields(later, actor, "Reordered agenda", ["position"])
            # The section is on the item form: a form loaded before the move is stale.
            item.version += 1
            moved += ["section", "version"]
        save_fields(item, actor, "Reordered agenda", moved)
    agenda_renumber(actor=actor, meeting=meeting)


@transaction.atomic
def item_remove(*, actor, item):
    """Remove an item from a draft agenda (once published, withdraw it instead)."""
    refuse_unless(
        item.meeting.status == MeetingStatus.DRAFT,
        "status",
        "The agenda has been published: withdraw the item instead, so the record stays.",
    )
    refuse_unless(
        not item.papers.exists(), "papers", "The item has papers: remove or move them first."
    )
    refuse_unless(
        not item.sub_items.exists(),
        "sub_items",
        "The item has sub-items: remove them or make them items of their own first.",
    )
    meeting = item.meeting
    delete_with_history(item, actor=actor, reason="Removed item from draft agenda")
    agenda_renumber(actor=actor, meeting=meeting)


@transaction.atomic
def item_defer(*, actor, item, to_meeting, reason, add_to_agenda=True):
    """Defer an item to a later meeting of the same board, normally adding it to that agenda.

    `add_to_agenda=False` records the deferral only, for a secretariat that will place the
    item on the later agenda itself (or record history as it happened).
    """
    refuse_unless_open(item.meeting)
    refuse_unless(
        to_meeting is not None
        and to_meeting.board_id == item.meeting.board_id
        and to_meeting.starts_at > item.meeting.starts_at
        and to_meeting.status in MeetingStatus.open(),
        "deferred_to",
        "Choose a later meeting of the same board that has not been held.",
    )
    item = locked(item)
    item.status, item.deferred_to, item.status_reason = ItemStatus.DEFERRED, to_meeting, reason
    deferred = ["status", "deferred_to", "status_reason"]
    save_fields(item, actor, f"Deferred to {to_meeting.date:%-d %B %Y}", deferred)
    if not add_to_agenda:
        return item
    section = _section_like(actor, to_meeting, item.section.title)
    item_add(
        actor=actor,
        section=section,
        presenters=item.presenters.all(),
        title=item.title,
        presenters_text=item.presenters_text,
        action=item.action,
        format=item.format,
        expected_minutes=item.expected_minutes,
        confidential=item.confidential,
        public_title=item.public_title,
        confidential_reason=item.confidential_reason,
        exempt_paragraph=item.exempt_paragraph,
    )
    return item


def _section_like(actor, meeting, title):
    return meeting.sections.filter(title=title).first() or section_add(
        actor=actor, meeting=meeting, title=title
    )


@transaction.atomic
def item_withdraw(*, actor, item, reason):
    """Withdraw an item; it stays on the agenda marked withdrawn, with the reason."""
    refuse_unless_open(item.meeting)
    refuse_unless(reason.strip(), "status_reason", "Say why the item is withdrawn.")
    item = locked(item)
    item.status, item.status_reason = ItemStatus.WITHDRAWN, reason.strip()
    return save_fields(item, actor, "Withdrawn", ["status", "status_reason"])


def _swap(rows, index, step, actor, reason):
    target = index + step
    if 0 <= target < len(rows):
        rows[index].position, rows[target].position = rows[target].position, rows[index].position
        if rows[index].position == rows[target].position:
            rows[index].position += step
        save_fields(rows[index], actor, reason, ["position"])
        save_fields(rows[target], actor, reason, ["position"])


def agenda_renumber(*, actor, meeting, setting="item_reference_scheme"):
    """Tidy positions, number the items in agenda order and write their references in the
    board's scheme, here and at the board's later unpublished meetings whose numbers continue
    from this one's. A reference given twice is refused, naming `setting`."""
    _positions_tidy(actor, meeting)
    meetings_renumber(
        actor,
        [meeting, *following_meetings(meeting, numbering_settings(meeting.board_id))],
        setting=setting,
    )


def _positions_tidy(actor, meeting):
    items = list(meeting.items.order_by("position", "pk"))
    mains = {item.pk: item for item in items if not item.parent_id}
    groups = {}
    for item in items:
        if item.parent_id and item.section_id != mains[item.parent_id].section_id:
            # Sub-items go where their item goes.
            item.section_id = mains[item.parent_id].section_id
            save_fields(item, actor, "Moved with its item", ["section"])
        key = ("parent", item.parent_id) if item.parent_id else ("section", item.section_id)
        groups.setdefault(key, []).append(item)
    for group in groups.values():
        for position, item in enumerate(group):
            if item.position != position:
                item.position = position
                save_fields(item, actor, "Renumbered agenda", ["position"])


@transaction.atomic
def standing_items_save(*, actor, board, rows):
    """Save a board's agenda template, with history. Each row is a standing item's fields,
    with the `pk` of the board's item it changes (none for a new one), or `delete` to remove
    that item."""
    items = {item.pk: item for item in board.standing_items.all()}
    _refuse_a_kind_twice(rows)
    for row in rows:
        fields = dict(row)
        pk, delete = fields.pop("pk", None), fields.pop("delete", False)
        refuse_unless(pk is None or pk in items, "standing_items", "No such standing item.")
        if delete:
            delete_with_history(items[pk], actor=actor, reason="Removed standing item")
            continue
        item = items[pk] if pk else StandingItem(board=board)
        for name, value in fields.items():
            setattr(item, name, value)
        save(item, actor, "Changed standing items")


def _refuse_a_kind_twice(rows):
    """The portal finds a standing item by its kind (the previous minutes are approved under
    one): two items of one kind would leave it to chance which."""
    kinds = [row["standing"] for row in rows if not row.get("delete") and row.get("standing")]
    for kind in set(kinds):
        refuse_unless(
            kinds.count(kind) == 1,
            "standing",
            f"Only one standing item can be '{StandingKind(kind).label}'.",
        )
