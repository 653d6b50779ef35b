"""Papers and their cover sheets: adding and changing them, the other forums they went to,
their answers to the board's own questions, and each uploaded version of the paper and its
appendices (checked by content first)."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from partners.audit import delete_with_history

from ..models import (
    CoverSheetAnswer,
    ForumDiscussion,
    Paper,
    PaperFile,
)
from ..pdf.uploads import check_pdf
from . import packs
from .base import refuse, refuse_unless, refuse_unless_open, save


@transaction.atomic
def paper_create(*, actor, item, forums=(), answers=None, **cover_sheet):
    """Add a paper to an item, with its cover sheet (`answers`: {question: answer} for the
    board's own questions)."""
    refuse_unless_open(item.meeting)
    organisations = cover_sheet.pop("organisations", ())
    paper = save(Paper(item=item, **cover_sheet), actor, "Added paper")
    paper.organisations.set(organisations)
    _set_forums(actor, paper, forums)
    _set_answers(actor, paper, answers or {})
    return paper


@transaction.atomic
def paper_change(*, actor, paper, forums=None, answers=None, seen_version=None, **cover_sheet):
    """Change a paper's cover sheet: the fields given, and, given them, its other-forums rows
    and answers to the board's own questions. Only what differs is saved; nothing differing,
    nothing is recorded. An edit made on an older version of the cover sheet
    (`seen_version`) is refused, so it cannot undo a change the editor has not seen."""
    if _cover_sheet_change(actor, paper, forums, answers, seen_version, cover_sheet):
        _pack_changed(actor, paper, ["cover sheet changed"])
    return paper


def _cover_sheet_change(actor, paper, forums, answers, seen_version, cover_sheet):
    """Apply what differs; True if anything did."""
    _refuse_if_stale(paper, seen_version)
    organisations = cover_sheet.pop("organisations", None)
    if organisations is not None and set(paper.organisations.all()) == set(organisations):
        organisations = None
    fields = {name: value for name, value in cover_sheet.items() if getattr(paper, name) != value}
    forums = None if forums is None or _forum_rows(paper) == _as_rows(forums) else forums
    current = {answer.question_id: answer.value for answer in paper.cover_answers.all()}
    answers = {q: v for q, v in (answers or {}).items() if current.get(q.pk, "") != v}
    if not (fields or forums is not None or answers or organisations is not None):
        return False
    for name, value in fields.items():
        setattr(paper, name, value)
    paper.version += 1
    save(paper, actor, "Changed cover sheet")
    if organisations is not None:
        paper.organisations.set(organisations)
    if forums is not None:
        _set_forums(actor, paper, forums)
    _set_answers(actor, paper, answers)
    return True


def _refuse_if_stale(paper, seen_version):
    # Read under a lock, so two edits made on the same version cannot both pass.
    version = Paper.objects.select_for_update().values_list("version", flat=True).get(pk=paper.pk)
    if seen_version is None or seen_version == version:
        return
    change = (
        paper.history.filter(version=version)
        .select_related("history_user")
        .order_by("history_date")
        .first()
    )
    who = change.history_user.full_name if change and change.history_user else "someone else"
    when = timezone.localtime(change.history_date) if change else timezone.localtime()
    refuse(
        "paper",
        f"This paper was changed by {who} at {when:%H:%M on %-d %B %Y}; reload the page to "
        "see the change and make yours again.",
    )


def _pack_changed(actor, paper, changes):
    """A published paper changed: the packs get a new version naming what changed. Before the
    papers go out, a change is simply part of them."""
    if not changes or paper.published_at is None:
        return
    packs.pack_build_request(
        actor=actor,
        meeting=paper.item.meeting,
        reason=f"Supplement: item {paper.item.reference} {' and '.join(changes)}",
    )


def _forum_rows(paper):
    return [(f.forum, f.date_text, f.outcome) for f in paper.forums.all()]


def _as_rows(forums):
    return [tuple(row) for row in forums]


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


def _set_answers(actor, paper, answers):
    for question, value in answers.items():
        refuse_unless(
            question.board_id == paper.item.meeting.board_id,
            "paper",
            f"'{question.label}' is a question of another board's cover sheet.",
        )
        answer = CoverSheetAnswer.objects.filter(paper=paper, question=question).first()
        if answer is None and not value:
            continue
        answer = answer or CoverSheetAnswer(paper=paper, question=question)
        answer.value = value
        save(answer, actor, "Answered a cover-sheet question")


@transaction.atomic
def paper_file_upload(*, actor, paper, upload, slot=0, title=""):
    """Store a new version of the paper (slot 0) or of an appendix; earlier versions stay.

    The file is checked by its content first: a refused file leaves everything as it was.
    """
    stored = _file_store(actor, paper, upload, slot, title)
    _pack_changed(actor, paper, [_file_change(stored)])
    return stored


def _file_store(actor, paper, upload, slot, title):
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
    return save(stored, actor, reason)


def _file_change(stored):
    what = "paper" if stored.slot == 0 else f"appendix {stored.slot}"
    return f"{what} replaced" if stored.version > 1 else f"{what} added"


@transaction.atomic
def paper_save(
    *,
    actor,
    item,
    paper=None,
    cover_sheet,
    forums,
    answers=None,
    seen_version=None,
    upload=None,
    slot=0,
    appendix_title="",
):
    """Create or change a paper's cover sheet, forums and answers, and store a file: all or
    nothing. A published paper's packs are rebuilt once, naming only what changed."""
    changes = []
    if paper is None:
        paper = paper_create(
            actor=actor, item=item, forums=forums or (), answers=answers, **cover_sheet
        )
    elif _cover_sheet_change(actor, paper, forums, answers, seen_version, cover_sheet):
        changes.append("cover sheet changed")
    if upload:
        stored = _file_store(actor, paper, upload, slot, appendix_title)
        changes.insert(0, _file_change(stored))
    _pack_changed(actor, paper, changes)
    return paper
