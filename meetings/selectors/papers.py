"""Papers as each person may see them: the paper with its current files and earlier
versions, a stored file, the papers anyone may see, and a paper for the secretariat to change."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import (
    ItemStatus,
    Paper,
    PaperFile,
)
from ..permissions import (
    Viewer,
    paper_visible,
    require_secretariat,
    require_signed_in,
    withholding_rulings,
)


@dataclass
class PaperView:
    paper: Paper
    main: PaperFile | None
    appendices: list[PaperFile]
    earlier_versions: list[PaperFile]


def _files_by_slot(files):
    """Newest version of each slot, and the versions it replaced."""
    current, earlier = {}, []
    for f in sorted(files, key=lambda f: (f.slot, -f.version)):
        if f.slot in current:
            earlier.append(f)
        else:
            current[f.slot] = f
    return current, earlier


def paper_view(paper):
    current, earlier = _files_by_slot(paper.files.all())
    appendices = [f for slot, f in sorted(current.items()) if slot > 0]
    return PaperView(paper, current.get(0), appendices, earlier)


def paper_for(user, pk):
    """A paper this person may see, with its files, or 404 whatever they guessed."""
    paper = get_object_or_404(
        Paper.objects.select_related("item__meeting__board", "item__section").prefetch_related(
            "files", "forums", "cover_answers", "organisations"
        ),
        pk=pk,
    )
    viewer = Viewer.of(user, paper.item.meeting.board)
    if not paper_visible(paper, paper.item, viewer):
        raise Http404("No such paper.")
    return paper, viewer


def paper_file_for(user, paper_pk, file_pk):
    """A stored file of a visible paper; earlier versions only for the secretariat."""
    paper, viewer = paper_for(user, paper_pk)
    view = paper_view(paper)
    current = [f for f in [view.main, *view.appendices] if f is not None]
    allowed = current + (view.earlier_versions if viewer.manages else [])
    for stored in allowed:
        if stored.pk == file_pk:
            return paper, stored
    raise Http404("No such file.")


def public_papers():
    """Papers anyone may see, as a query: `paper_visible` for an anonymous viewer.

    Kept as a query so feeds can page through it; a test holds it to `paper_visible`.
    """
    return (
        Paper.objects.filter(
            published_at__isnull=False,
            confidential=False,
            item__confidential=False,
            item__meeting__held_in_public=True,
        )
        .exclude(item__status=ItemStatus.WITHDRAWN)
        .select_related("item__meeting__board")
    )


def recent_papers_for(user):
    """The public papers, newest first, less any whose item's papers a ruling withholds
    from this person (they would find the paper's page closed to them)."""
    papers = public_papers().order_by("-published_at", "-pk")
    if user.is_authenticated:
        papers = papers.exclude(item__in=withholding_rulings(user).values("item"))
    return papers


def paper_for_secretariat(user, pk):
    """A paper for its board's secretariat to change: 404 if they may not see it, else 403."""
    require_signed_in(user)
    paper, viewer = paper_for(user, pk)
    require_secretariat(viewer, "Only the board's secretariat can change papers.")
    return paper
