"""Before a meeting's papers go out: what is missing, and which papers are still to publish."""

from dataclasses import dataclass

from ..models import ItemFormat, ItemStatus, Paper, StandingKind


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


def carried_by_pack(item, board):
    """Standing items whose attachment the board pack generates: the previous meeting's
    minutes and the action log, and the board's declarations of interest guidance."""
    if item.standing == StandingKind.PREVIOUS_MINUTES:
        return True
    return item.standing == StandingKind.DECLARATIONS and bool(board.declarations_guidance.strip())


def problems(meeting):
    """Items marked Attached without a paper, papers without a file, empty cover sheets.

    An item whose paper is late is marked "To follow" and is not a problem.
    """
    found = []
    items = meeting.items.filter(status=ItemStatus.SCHEDULED).prefetch_related("papers__files")
    for item in items:
        where = f"Item {item.reference}, {item.title}"
        papers = list(item.papers.all())
        attached = item.format == ItemFormat.ATTACHED
        if attached and not papers and not carried_by_pack(item, meeting.board):
            found.append(
                Problem(
                    where,
                    "marked Attached but has no paper. Add it, or mark the item 'To follow'.",
                    item.pk,
                )
            )
        for paper in papers:
            if paper.published_at is not None:
                continue
            if not any(f.slot == 0 for f in paper.files.all()):
                found.append(
                    Problem(where, f"the paper '{paper.title}' has no PDF.", item.pk, paper.pk)
                )
            missing = paper.missing_for_publication()
            if missing:
                found.append(
                    Problem(
                        where,
                        f"the cover sheet of '{paper.title}' is missing: {', '.join(missing)}.",
                        item.pk,
                        paper.pk,
                    )
                )
    return found
