"""Public and member pages of meetings and papers. Thin: selectors decide what is seen."""

import datetime

from django.http import FileResponse, Http404
from django.shortcuts import render

from partners import selectors as partner_selectors

from . import selectors

HOME_LISTS = 5


def home(request):
    """Upcoming meetings and recently published papers, then the systems and their boards."""
    return render(
        request,
        "home.html",
        {
            "upcoming": selectors.upcoming_public_meetings()[:HOME_LISTS],
            "papers": selectors.public_papers().order_by("-published_at", "-pk")[:HOME_LISTS],
            "partnerships": partner_selectors.partnerships_for_home(),
            "board_groups": partner_selectors.boards_for_listing(),
        },
    )


def parse_day(day):
    try:
        return datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404("Not a date.") from None


def board_meetings(request, slug):
    board, viewer, upcoming, past = selectors.board_meetings(request.user, slug)
    return render(
        request,
        "meetings/board_meetings.html",
        {"board": board, "viewer": viewer, "upcoming": upcoming, "past": past},
    )


def meeting(request, slug, day):
    page = selectors.meeting_page(request.user, slug, parse_day(day))
    return render(request, "meetings/meeting.html", {"page": page, "meeting": page.meeting})


def paper(request, pk):
    paper, viewer = selectors.paper_for(request.user, pk)
    return render(
        request,
        "meetings/paper.html",
        {"paper": paper, "view": selectors.paper_view(paper), "viewer": viewer},
    )


def paper_file(request, pk, file_pk):
    paper, stored = selectors.paper_file_for(request.user, pk, file_pk)
    name = f"{paper.title[:80]} - {stored.label[:60]} v{stored.version}.pdf".replace("/", "-")
    response = FileResponse(stored.file.open("rb"), content_type="application/pdf", filename=name)
    # Confidential and draft papers must not linger in shared caches.
    response["Cache-Control"] = "private, no-store" if not paper.published_at else "private"
    return response
