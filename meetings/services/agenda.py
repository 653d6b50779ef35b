"""Planning a meeting and building its agenda: the meeting itself (created, changed,
cancelled, held), its sections and items (added, moved, deferred, withdrawn, removed, numbered),
and each board's standing items."""

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
)
from ..selectors.agenda import standing_items_for
from .base import refuse_unless, refuse_unless_open, save
from .publication import publication_record


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
    agenda_renumber(actor=actor, meeting=meeting)
    return meeting


@transaction.atomic
def meeting_change(*, actor, meeting, **fields):
    """Change a meeting's time, place or next-meeting note."""
    refuse_unless(
        meeting.status in MeetingStatus.open(),
        "status",
        "A held or cancelled meeting cannot change.",
    )
    for name, value in fields.items():
        setattr(meeting, name, value)
    return save(meeting, actor, "Changed meeting details")


@transaction.atomic
def meeting_cancel(*, actor, meeting, reason):
    """Cancel a meeting that has not been held; a published one says so publicly."""
    refuse_unless(
        meeting.status in MeetingStatus.open(),
        "status",
        "Only a meeting not yet held can be cancelled.",
    )
    refuse_unless(reason.strip(), "cancelled_reason", "Say why the meeting is cancelled.")
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_reason = reason.strip()
    save(meeting, actor, "Cancelled meeting")
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
    meeting.status = MeetingStatus.HELD
    return save(meeting, actor, "Meeting held")


@transaction.atomic
def section_add(*, actor, meeting, title):
    """Add a section just before the closing one (Any Other Business), or at the end."""
    refuse_unless_open(meeting)
    sections = list(meeting.sections.all())
    position = len(sections) - 1 if len(sections) > 1 else len(sections)
    for later in sections[position:]:
        later.position += 1
        save(later, actor, "Made room for a new section")
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
def item_add(*, actor, section, presenters=(), **fields):
    """Add an item at the end of a section and renumber the agenda."""
    refuse_unless_open(section.meeting)
    item = save(
        AgendaItem(
            meeting=section.meeting, section=section, position=section.items.count(), **fields
        ),
        actor,
        "Added item",
    )
    item.presenters.set(presenters)
    agenda_renumber(actor=actor, meeting=section.meeting)
    item.refresh_from_db()
    return item


@transaction.atomic
def item_change(*, actor, item, presenters=None, **fields):
    """Change an item's title, presenters, action, format, timing or confidentiality."""
    refuse_unless_open(item.meeting)
    moved = "section" in fields and fields["section"].pk != item.section_id
    for name, value in fields.items():
        setattr(item, name, value)
    if moved:
        item.position = item.section.items.count()
    save(item, actor, "Changed item")
    if presenters is not None:
        item.presenters.set(presenters)
    agenda_renumber(actor=actor, meeting=item.meeting)
    item.refresh_from_db()
    return item


@transaction.atomic
def item_move(*, actor, item, step):
    """Move an item up or down; past the end of its section it moves into the next one."""
    meeting = item.meeting
    refuse_unless_open(meeting)
    items = _agenda_order(meeting)
    index = items.index(item)
    target = index + step
    if 0 <= target < len(items):
        neighbour = items[target]
        if neighbour.section_id == item.section_id:
            item.position, neighbour.position = neighbour.position, item.position
            save(neighbour, actor, "Reordered agenda")
        else:
            # Into the neighbouring section, just past the neighbour: every move changes
            # the numbered order.
            item.section = neighbour.section
            item.position = neighbour.position + (0 if step < 0 else 1)
            for later in neighbour.section.items.exclude(pk=item.pk):
                if later.position >= item.position:
                    later.position += 1
                    save(later, actor, "Reordered agenda")
        save(item, actor, "Reordered agenda")
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
    item.status, item.deferred_to, item.status_reason = ItemStatus.DEFERRED, to_meeting, reason
    save(item, actor, f"Deferred to {to_meeting.date:%-d %B %Y}")
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
    item.status, item.status_reason = ItemStatus.WITHDRAWN, reason.strip()
    return save(item, actor, "Withdrawn")


def _agenda_order(meeting):
    sections = {s.pk: s.position for s in meeting.sections.all()}
    items = list(meeting.items.select_related("section"))
    items.sort(key=lambda i: (sections[i.section_id], i.section_id, i.position, i.pk))
    return items


def _swap(rows, index, step, actor, reason):
    target = index + step
    if 0 <= target < len(rows):
        rows[index].position, rows[target].position = rows[target].position, rows[index].position
        if rows[index].position == rows[target].position:
            rows[index].position += step
        save(rows[index], actor, reason)
        save(rows[target], actor, reason)


def agenda_renumber(*, actor, meeting):
    """Number items 1, 2, 3... in section order, and tidy positions; save only changes."""
    for number, item in enumerate(_agenda_order(meeting), start=1):
        if item.number != number:
            item.number = number
            save(item, actor, "Renumbered agenda")
    for section in meeting.sections.all():
        for position, item in enumerate(section.items.order_by("position", "pk")):
            if item.position != position:
                item.position = position
                save(item, actor, "Renumbered agenda")


@transaction.atomic
def standing_items_save(*, actor, board, rows):
    """Save a board's agenda template, with history. Each row is a standing item's fields,
    with the `pk` of the board's item it changes (none for a new one), or `delete` to remove
    that item."""
    items = {item.pk: item for item in board.standing_items.all()}
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
