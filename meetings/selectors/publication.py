"""Before a meeting's papers go out: what is missing, and which papers are still to publish."""

from dataclasses import dataclass

from ..models import ItemFormat, ItemStatus, MeetingStatus, Minutes, Paper, StandingKind
from .cover_sheets import cover_sheet_questions, unanswered


@dataclass(frozen=True)
class Problem:
    where: str
    what: str
    item_id: int
    paper_id: int | None = None


def unpublished_papers(meeting):
    return list(
        Paper.objects.filter(
            item__meeting=meeting, item__status=ItemStatus.SCHEDULED, published_at__isnull=True
        )
        .select_related("item")
        .prefetch_related("files")
    )


def carried_by_pack(item, meeting):
    """Standing items whose attachment the board pack generates: the previous meeting's
    minutes (with the action log) once they are recorded, and the board's declarations of
    interest guidance once it has some."""
    if item.standing == StandingKind.PREVIOUS_MINUTES:
        return has_previous_minutes(meeting)
    guidance = meeting.board.declarations_guidance.strip()
    return item.standing == StandingKind.DECLARATIONS and bool(guidance)


def previous_held_meeting(meeting):
    """The board's last meeting before this one, of the same kind, that went ahead: the pack
    carries its minutes (or none), never an older meeting's. It counts once its agenda is out,
    held or not yet recorded as held; a draft never sent out or a cancelled one does not.
    Public meetings approve the minutes of the last public meeting, private ones those of the
    last private one, since a board may hold both on one day."""
    return (
        meeting.board.meetings.filter(
            starts_at__lt=meeting.starts_at,
            status__in=MeetingStatus.taking_place(),
            held_in_public=meeting.held_in_public,
        )
        .order_by("-starts_at")
        .first()
    )


def has_previous_minutes(meeting):
    """Whether the pack has minutes of an earlier meeting to attach."""
    previous = previous_held_meeting(meeting)
    return previous is not None and Minutes.objects.filter(meeting=previous).exists()


def sentence(text):
    """The text as a sentence: a full stop, unless it already ends with one (or a question or
    exclamation mark, inside quotes or not)."""
    return text if text.rstrip("'\"’”")[-1:] in {".", "?", "!"} else f"{text}."


def problems(meeting):
    """Items marked Attached without a paper, papers without a file, cover sheets without the
    answers the board needs, each naming the paper and the questions.

    An item whose paper is late is marked "To follow" and is not a problem.
    """
    found = []
    items = meeting.items.filter(status=ItemStatus.SCHEDULED).prefetch_related(
        "papers__files", "papers__forums", "papers__cover_answers"
    )
    questions = cover_sheet_questions(meeting.board)
    for item in items:
        where = f"Item {item.reference}, {item.title}"
        papers = list(item.papers.all())
        attached = item.format == ItemFormat.ATTACHED
        if attached and not papers and not carried_by_pack(item, meeting):
            found.append(Problem(where, _NO_PAPER, item.pk))
        for paper in papers:
            if paper.published_at is None:
                found += _paper_problems(where, item, paper, questions)
    return found


_NO_PAPER = "marked Attached but has no paper. Add it, or mark the item 'To follow'."


def _paper_problems(where, item, paper, questions):
    found = []
    if not any(f.slot == 0 for f in paper.files.all()):
        found.append(Problem(where, f"the paper '{paper.title}' has no PDF.", item.pk, paper.pk))
    missing = unanswered(paper, questions)
    if missing:
        what = f"the cover sheet of '{paper.title}' has no answer to: {'; '.join(missing)}"
        found.append(Problem(where, sentence(what), item.pk, paper.pk))
    return found
