"""What is missing before a meeting's papers can go out."""

from dataclasses import dataclass

from .models import ItemFormat, ItemStatus, Paper


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


def problems(meeting):
    """Items marked Attached without a paper, papers without a file, empty cover sheets.

    An item whose paper is late is marked "To follow" and is not a problem.
    """
    found = []
    items = meeting.items.filter(status=ItemStatus.SCHEDULED).prefetch_related("papers__files")
    for item in items:
        where = f"Item {item.number}, {item.title}"
        papers = list(item.papers.all())
        if item.format == ItemFormat.ATTACHED and not papers:
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
