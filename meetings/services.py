"""Every write that matters to meetings, agendas and papers.

Keyword-only arguments, the acting person passed in, one transaction each, history recorded
with a reason. Views, the admin, commands and tasks all publish a meeting the same way.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from partners.audit import delete_with_history, save_with_history

from . import checklist, pack_services
from .models import (
    AgendaItem,
    AgendaSection,
    ForumDiscussion,
    ItemStatus,
    Meeting,
    MeetingStatus,
    Paper,
    PaperFile,
    Publication,
    PublicationKind,
)
from .notice import clear_working_days
from .pdfs import check_pdf
from .standing import standing_items_for

OPEN = {MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.PAPERS_PUBLISHED}
# A meeting that is going ahead or went ahead: what happens at it can be recorded.
TAKES_PLACE = {
    MeetingStatus.AGENDA_PUBLISHED,
    MeetingStatus.PAPERS_PUBLISHED,
    MeetingStatus.HELD,
}


def _save(instance, actor, reason):
    return save_with_history(instance, actor=actor, reason=reason)


def refuse(field, message):
    """Refuse a write, with a message on the field (or rule) it breaks."""
    raise ValidationError({field: message})


def refuse_unless(condition, field, message):
    if not condition:
        refuse(field, message)


# Meetings -------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(*, actor, board, **fields):
    """Create a draft meeting whose agenda starts from the board's standing items."""
    fields.setdefault("held_in_public", board.meets_in_public)
    meeting = _save(Meeting(board=board, **fields), actor, "Created meeting")
    sections = {}
    for standing in standing_items_for(board):
        if standing.section_title not in sections:
            sections[standing.section_title] = _save(
                AgendaSection(
                    meeting=meeting, title=standing.section_title, position=len(sections)
                ),
                actor,
                "Agenda from the board's standing items",
            )
        section = sections[standing.section_title]
        _save(
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
    refuse_unless(meeting.status in OPEN, "status", "A held or cancelled meeting cannot change.")
    for name, value in fields.items():
        setattr(meeting, name, value)
    return _save(meeting, actor, "Changed meeting details")


@transaction.atomic
def meeting_cancel(*, actor, meeting, reason):
    """Cancel a meeting that has not been held; a published one says so publicly."""
    refuse_unless(meeting.status in OPEN, "status", "Only a meeting not yet held can be cancelled.")
    refuse_unless(reason.strip(), "cancelled_reason", "Say why the meeting is cancelled.")
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_reason = reason.strip()
    _save(meeting, actor, "Cancelled meeting")
    if meeting.is_published:
        _publication(actor, meeting, PublicationKind.CANCELLATION, note=reason.strip())
    return meeting


@transaction.atomic
def meeting_mark_held(*, actor, meeting, now=None):
    """Record that a published meeting took place (once it has started)."""
    now = now or timezone.now()
    refuse_unless(meeting.is_published, "status", "Publish the agenda before the meeting.")
    refuse_unless(meeting.status in OPEN, "status", "The meeting is already held or cancelled.")
    refuse_unless(meeting.starts_at <= now, "status", "The meeting has not started yet.")
    meeting.status = MeetingStatus.HELD
    return _save(meeting, actor, "Meeting held")


# Agenda ---------------------------------------------------------------------------------


def _editable(meeting):
    refuse_unless(
        meeting.status in OPEN, "status", "The agenda of a held or cancelled meeting is closed."
    )


@transaction.atomic
def section_add(*, actor, meeting, title):
    """Add a section just before the closing one (Any Other Business), or at the end."""
    _editable(meeting)
    sections = list(meeting.sections.all())
    position = len(sections) - 1 if len(sections) > 1 else len(sections)
    for later in sections[position:]:
        later.position += 1
        _save(later, actor, "Made room for a new section")
    section = _save(
        AgendaSection(meeting=meeting, title=title.strip(), position=position),
        actor,
        "Added section",
    )
    return section


@transaction.atomic
def section_move(*, actor, section, step):
    """Move a section up (step -1) or down (step +1) and renumber the agenda."""
    _editable(section.meeting)
    sections = list(section.meeting.sections.all())
    _swap(sections, sections.index(section), step, actor, "Moved section")
    agenda_renumber(actor=actor, meeting=section.meeting)


@transaction.atomic
def item_add(*, actor, section, presenters=(), **fields):
    """Add an item at the end of a section and renumber the agenda."""
    _editable(section.meeting)
    item = _save(
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
    _editable(item.meeting)
    moved = "section" in fields and fields["section"].pk != item.section_id
    for name, value in fields.items():
        setattr(item, name, value)
    if moved:
        item.position = item.section.items.count()
    _save(item, actor, "Changed item")
    if presenters is not None:
        item.presenters.set(presenters)
    agenda_renumber(actor=actor, meeting=item.meeting)
    item.refresh_from_db()
    return item


@transaction.atomic
def item_move(*, actor, item, step):
    """Move an item up or down; past the end of its section it moves into the next one."""
    meeting = item.meeting
    _editable(meeting)
    items = _agenda_order(meeting)
    index = items.index(item)
    target = index + step
    if 0 <= target < len(items):
        neighbour = items[target]
        if neighbour.section_id == item.section_id:
            item.position, neighbour.position = neighbour.position, item.position
            _save(neighbour, actor, "Reordered agenda")
        else:
            # Into the neighbouring section, just past the neighbour: every move changes
            # the numbered order.
            item.section = neighbour.section
            item.position = neighbour.position + (0 if step < 0 else 1)
            for later in neighbour.section.items.exclude(pk=item.pk):
                if later.position >= item.position:
                    later.position += 1
                    _save(later, actor, "Reordered agenda")
        _save(item, actor, "Reordered agenda")
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
    _editable(item.meeting)
    refuse_unless(
        to_meeting is not None
        and to_meeting.board_id == item.meeting.board_id
        and to_meeting.starts_at > item.meeting.starts_at
        and to_meeting.status in OPEN,
        "deferred_to",
        "Choose a later meeting of the same board that has not been held.",
    )
    item.status, item.deferred_to, item.status_reason = ItemStatus.DEFERRED, to_meeting, reason
    _save(item, actor, f"Deferred to {to_meeting.date:%-d %B %Y}")
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
    )
    return item


def _section_like(actor, meeting, title):
    return meeting.sections.filter(title=title).first() or section_add(
        actor=actor, meeting=meeting, title=title
    )


@transaction.atomic
def item_withdraw(*, actor, item, reason):
    """Withdraw an item; it stays on the agenda marked withdrawn, with the reason."""
    _editable(item.meeting)
    refuse_unless(reason.strip(), "status_reason", "Say why the item is withdrawn.")
    item.status, item.status_reason = ItemStatus.WITHDRAWN, reason.strip()
    return _save(item, actor, "Withdrawn")


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
        _save(rows[index], actor, reason)
        _save(rows[target], actor, reason)


def agenda_renumber(*, actor, meeting):
    """Number items 1, 2, 3... in section order, and tidy positions; save only changes."""
    for number, item in enumerate(_agenda_order(meeting), start=1):
        if item.number != number:
            item.number = number
            _save(item, actor, "Renumbered agenda")
    for section in meeting.sections.all():
        for position, item in enumerate(section.items.order_by("position", "pk")):
            if item.position != position:
                item.position = position
                _save(item, actor, "Renumbered agenda")


# Papers ---------------------------------------------------------------------------------


@transaction.atomic
def paper_create(*, actor, item, forums=(), **cover_sheet):
    """Add a paper to an item, with its cover sheet."""
    _editable(item.meeting)
    paper = _save(Paper(item=item, **cover_sheet), actor, "Added paper")
    _set_forums(actor, paper, forums)
    return paper


@transaction.atomic
def paper_change(*, actor, paper, forums=None, **cover_sheet):
    """Change a paper's cover sheet (and, given `forums`, its other-forums rows)."""
    for name, value in cover_sheet.items():
        setattr(paper, name, value)
    _save(paper, actor, "Changed cover sheet")
    if forums is not None:
        _set_forums(actor, paper, forums)
    if paper.published_at is not None:
        _pack_changed(actor, paper, "cover sheet changed")
    return paper


def _pack_changed(actor, paper, what):
    """A published paper changed: the packs get a new version saying so."""
    pack_services.pack_build_request(
        actor=actor,
        meeting=paper.item.meeting,
        reason=f"Supplement: item {paper.item.number} {what}",
    )


def _set_forums(actor, paper, forums):
    for old in paper.forums.all():
        delete_with_history(old, actor=actor, reason="Cover sheet forums replaced")
    for position, (forum, date_text, outcome) in enumerate(forums):
        _save(
            ForumDiscussion(
                paper=paper, forum=forum, date_text=date_text, outcome=outcome, position=position
            ),
            actor,
            "Cover sheet forum",
        )


@transaction.atomic
def paper_file_upload(*, actor, paper, upload, slot=0, title=""):
    """Store a new version of the paper (slot 0) or of an appendix; earlier versions stay.

    The file is checked by its content first: a refused file leaves everything as it was.
    """
    checked = check_pdf(upload)
    latest = paper.files.filter(slot=slot).order_by("-version").first()
    version = latest.version + 1 if latest else 1
    stored = PaperFile(
        paper=paper,
        slot=slot,
        title=title or (latest.title if latest else ""),
        version=version,
        original_name=(getattr(upload, "name", "") or "paper.pdf")[:300],
        size=checked.size,
        page_count=checked.page_count,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    stored.file.save("paper.pdf", ContentFile(checked.content), save=False)
    reason = "Uploaded file" if version == 1 else f"Replaced file (version {version})"
    _save(stored, actor, reason)
    if paper.published_at is not None:
        _pack_changed(actor, paper, "paper replaced" if slot == 0 else f"appendix {slot} replaced")
    return stored


@transaction.atomic
def paper_save(
    *, actor, item, paper=None, cover_sheet, forums, upload=None, slot=0, appendix_title=""
):
    """Create or change a paper's cover sheet and forums, and store a file: all or nothing."""
    if paper is None:
        paper = paper_create(actor=actor, item=item, forums=forums, **cover_sheet)
    else:
        paper = paper_change(actor=actor, paper=paper, forums=forums, **cover_sheet)
    if upload:
        paper_file_upload(actor=actor, paper=paper, upload=upload, slot=slot, title=appendix_title)
    return paper


# Board templates ------------------------------------------------------------------------


@transaction.atomic
def standing_items_save(*, actor, board, formset):
    """Save a board's agenda template from the secretariat's form, with history."""
    for form in formset.forms:
        if form in formset.deleted_forms:
            if form.instance.pk:
                delete_with_history(form.instance, actor=actor, reason="Removed standing item")
            continue
        if not form.cleaned_data.get("title"):
            continue  # a blank spare row
        form.instance.board = board
        _save(form.instance, actor, "Changed standing items")


# Publication ----------------------------------------------------------------------------


def _publication(actor, meeting, kind, *, late_reason="", note="", now=None):
    now = now or timezone.now()
    days = clear_working_days(timezone.localtime(now).date(), meeting.date)
    late = kind != PublicationKind.CANCELLATION and days < meeting.board.notice_clear_working_days
    if late:
        refuse_unless(
            late_reason.strip(),
            "late_reason",
            f"This gives {days} clear working day{'s' if days != 1 else ''} of notice; the "
            f"board needs {meeting.board.notice_clear_working_days}. Record why it is late.",
        )
    return _save(
        Publication(
            meeting=meeting,
            kind=kind,
            published_at=now,
            published_by=actor,
            clear_working_days=days,
            late=late,
            late_reason=late_reason.strip() if late else "",
            note=note,
        ),
        actor,
        f"Published {kind}",
    )


@transaction.atomic
def meeting_publish_agenda(*, actor, meeting, late_reason="", now=None):
    """Publish the agenda of a draft meeting, recording the notice it gives."""
    refuse_unless(
        meeting.status == MeetingStatus.DRAFT, "status", "The agenda is already published."
    )
    publication = _publication(
        actor, meeting, PublicationKind.AGENDA, late_reason=late_reason, now=now
    )
    meeting.status = MeetingStatus.AGENDA_PUBLISHED
    meeting.agenda_published_at = publication.published_at
    meeting.notice_clear_working_days = publication.clear_working_days
    return _save(meeting, actor, "Published agenda")


@transaction.atomic
def meeting_publish_papers(*, actor, meeting, late_reason="", now=None):
    """Publish the agenda (if not yet) and every paper, once the checklist is clear."""
    refuse_unless(
        meeting.status in {MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED},
        "status",
        "The papers are already published: issue a supplement for late papers.",
    )
    _checklist_clear(meeting)
    if meeting.status == MeetingStatus.DRAFT:
        meeting_publish_agenda(actor=actor, meeting=meeting, late_reason=late_reason, now=now)
    publication = _publication(
        actor, meeting, PublicationKind.PAPERS, late_reason=late_reason, now=now
    )
    _publish_papers(actor, meeting, publication, in_supplement=False)
    meeting.status = MeetingStatus.PAPERS_PUBLISHED
    _save(meeting, actor, "Published papers")
    pack_services.pack_build_request(actor=actor, meeting=meeting, reason="Papers published")
    return meeting


@transaction.atomic
def supplement_issue(*, actor, meeting, note="", late_reason="", now=None):
    """Publish papers added since the papers went out, as a supplement."""
    refuse_unless(
        meeting.status == MeetingStatus.PAPERS_PUBLISHED,
        "status",
        "A supplement follows the published papers: publish the papers first.",
    )
    refuse_unless(
        checklist.unpublished_papers(meeting), "papers", "There are no new papers to publish."
    )
    _checklist_clear(meeting)
    publication = _publication(
        actor, meeting, PublicationKind.SUPPLEMENT, late_reason=late_reason, note=note, now=now
    )
    _publish_papers(actor, meeting, publication, in_supplement=True)
    reason = f"Supplement: {note}" if note else "Supplement"
    pack_services.pack_build_request(actor=actor, meeting=meeting, reason=reason)
    return publication


def _checklist_clear(meeting):
    problems = checklist.problems(meeting)
    if problems:
        raise ValidationError(
            {"checklist": [f"{problem.where}: {problem.what}" for problem in problems]}
        )


def _publish_papers(actor, meeting, publication, *, in_supplement):
    for paper in checklist.unpublished_papers(meeting):
        paper.published_at = publication.published_at
        paper.in_supplement = in_supplement
        _save(paper, actor, "Published paper")
