"""Board packs: the PDF at one address for everyone (members get their edition), and the
secretariat's build status page with its progress and a rebuild button."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from partners.views.base import cache_for

from .. import permissions
from ..models import UNFINISHED
from ..selectors import packs as pack_selectors
from ..services import packs as pack_services
from .base import secretariat, secretariat_meeting

# How often the status page reloads itself while a build runs (no JavaScript needed).
REFRESH_SECONDS = 2


def pack(request, slug, day):
    try:
        pack, viewer = pack_selectors.pack_for(request.user, slug, day)
    except pack_selectors.PackNotBuilt as missing:
        # Not there yet, so still a 404; but one a reader understands, and that says when
        # a build (in a worker, never in this request) is on its way.
        context = {"meeting": missing.meeting, "building": missing.building}
        response = render(request, "meetings/pack_not_built.html", context, status=404)
        if missing.building:
            response["Retry-After"] = "60"
        return response
    meeting = pack.meeting
    name = f"{meeting.board.name} pack {meeting.day} v{pack.version}.pdf"
    response = FileResponse(pack.file.open("rb"), content_type="application/pdf", filename=name)
    return cache_for(response, private=permissions.pack_is_private(viewer))


@secretariat
def pack_status(request, slug, day):
    meeting = secretariat_meeting(request, slug, day)
    build = pack_selectors.latest_pack_build(meeting)
    running = build is not None and build.status in UNFINISHED
    return render(
        request,
        "meetings/manage/pack_status.html",
        {
            "meeting": meeting,
            "build": build,
            "running": running,
            "refresh": REFRESH_SECONDS if running else None,
            "packs": pack_selectors.packs_of(meeting),
        },
    )


@secretariat
@require_POST
def pack_rebuild(request, slug, day):
    meeting = secretariat_meeting(request, slug, day)
    pack_services.pack_build_request(actor=request.user, meeting=meeting, reason="Rebuilt by hand")
    messages.success(request, "The packs are being rebuilt.")
    return redirect("meetings:pack_status", *meeting.url_args())
