"""Papers and their cover sheets: adding and changing them, the other forums they went to,
and each uploaded version of the paper and its appendices (checked by content first)."""

from django.core.files.base import ContentFile
from django.db import transaction

from partners.audit import delete_with_history

from ..models import (
    ForumDiscussion,
    Paper,
    PaperFile,
)
from ..pdf.uploads import check_pdf
from . import packs
from .base import refuse_unless_open, save


@transaction.atomic
def paper_create(*, actor, item, forums=(), **cover_sheet):
    """Add a paper to an item, with its cover sheet."""
    refuse_unless_open(item.meeting)
    paper = save(Paper(item=item, **cover_sheet), actor, "Added paper")
    _set_forums(actor, paper, forums)
    return paper


@transaction.atomic
def paper_change(*, actor, paper, forums=None, **cover_sheet):
    """Change a paper's cover sheet (and, given `forums`, its other-forums rows)."""
    for name, value in cover_sheet.items():
        setattr(paper, name, value)
    save(paper, actor, "Changed cover sheet")
    if forums is not None:
        _set_forums(actor, paper, forums)
    if paper.published_at is not None:
        _pack_changed(actor, paper, "cover sheet changed")
    return paper


def _pack_changed(actor, paper, what):
    """A published paper changed: the packs get a new version saying so."""
    packs.pack_build_request(
        actor=actor,
        meeting=paper.item.meeting,
        reason=f"Supplement: item {paper.item.reference} {what}",
    )


def _set_forums(actor, paper, forums):
    for old in paper.forums.all():
        delete_with_history(old, actor=actor, reason="Cover sheet forums replaced")
    for position, (forum, date_text, outcome) in enumerate(forums):
        save(
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
    save(stored, actor, reason)
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
