"""Board packs: the PDF at one address for everyone (members get their edition), and the
secretariat's build status page with its progress bar and a rebuild button."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import pack_services, selectors
from .models import UNFINISHED
from .secretariat_views import _meeting, secretariat
from .views import parse_day

# How often the status page reloads itself while a build runs (no JavaScript needed).
REFRESH_SECONDS = 2


def pack(request, slug, day):
    pack, viewer = selectors.pack_for(request.user, slug, parse_day(day))
    meeting = pack.meeting
    name = f"{meeting.board.name} pack {meeting.date:%Y-%m-%d} v{pack.version}.pdf"
    response = FileResponse(pack.file.open("rb"), content_type="application/pdf", filename=name)
    # One address, two editions: never in a shared cache, and the members' edition (which
    # holds confidential business) not even in the browser's.
    response["Cache-Control"] = "private, no-store" if viewer.sees_confidential else "private"
    return response


@secretariat
def pack_status(request, slug, day):
    meeting = _meeting(request, slug, day)
    build = selectors.latest_pack_build(meeting)
    running = build is not None and build.status in UNFINISHED
    return render(
        request,
        "meetings/manage/pack_status.html",
        {
            "meeting": meeting,
            "build": build,
            "running": running,
            "refresh": REFRESH_SECONDS if running else None,
            "packs": selectors.packs_of(meeting),
        },
    )


@secretariat
@require_POST
def pack_rebuild(request, slug, day):
    meeting = _meeting(request, slug, day)
    pack_services.pack_build_request(actor=request.user, meeting=meeting, reason="Rebuilt by hand")
    messages.success(request, "The packs are being rebuilt.")
    return redirect("meetings:pack_status", *meeting.url_args())
