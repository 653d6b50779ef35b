"""The documents the pack generates, downloaded on their own as tagged PDF/UA files: a
paper's cover sheet and a meeting's agenda. Thin: the selectors of the pages decide who
sees what, so each download shows exactly what its page shows."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from . import selectors
from .rendering import page_footer, render_pdf
from .views import parse_day


def cover_sheet_pdf(request, pk):
    paper, _viewer = selectors.paper_for(request.user, pk)
    item = paper.item
    meeting, board = item.meeting, item.meeting.board
    footer = f"{board.name} – {meeting.date:%-d %B %Y}, item {item.number} – cover sheet"
    context = {"board": board, "meeting": meeting, "paper": paper, "item": item}
    pdf = render_pdf(
        "pdf/pack/cover_sheet.html", context | {"page_footer": page_footer(footer)}, tagged=True
    )
    # Only a published paper on public business may rest in a cache, and then a private one.
    public = paper.published_at is not None and not paper.is_confidential
    name = f"{paper.title[:80]} - cover sheet.pdf"
    return _pdf_response(pdf, name, private_business=not public)


def agenda_pdf(request, slug, day):
    page = selectors.meeting_page(request.user, slug, parse_day(day))
    board, meeting = page.board, page.meeting
    footer = f"{board.name} – agenda of {meeting.date:%-d %B %Y}"
    context = {
        "board": board,
        "meeting": meeting,
        "page": page,
        "edition": selectors.edition_for(page.viewer),
        "page_footer": page_footer(footer),
    }
    pdf = render_pdf("pdf/pack/agenda.html", context, tagged=True)
    # Members see the real titles of confidential items; the secretariat sees drafts.
    private_business = page.viewer.sees_confidential or not meeting.is_published
    name = f"{board.name} agenda {meeting.date:%Y-%m-%d}.pdf"
    return _pdf_response(pdf, name, private_business=private_business)


def _pdf_response(pdf, name, *, private_business):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, name.replace("/", "-"))
    # The same address gives members more than the public: never in a shared cache, and
    # confidential or unpublished business not even in the browser's.
    response["Cache-Control"] = "private, no-store" if private_business else "private"
    return response
