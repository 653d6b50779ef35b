"""Conflict screening before a meeting, for the board's chair and secretariat: the findings,
a decision on each, and (for the secretariat, on the day) each accepted ruling recorded as
the declaration made at the meeting. Every form is a plain POST: no JavaScript needed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import permissions
from ..models import ConflictFlag, MeetingStatus, Ruling
from ..selectors.screening import screening_flags
from ..services import screening as services
from .base import secretariat


def _page_url(meeting):
    return reverse("meetings:screening", args=meeting.url_args())


@secretariat
def screening(request, slug, day):
    viewer, meeting = permissions.meeting_for_screening(request.user, slug, day)
    context = {
        "meeting": meeting,
        "flags": screening_flags(meeting),
        "rulings": Ruling.choices,
        "records": viewer.manages and meeting.status in MeetingStatus.taking_place(),
    }
    return render(request, "meetings/screening.html", context)


def _done(request, meeting, call, success):
    """Apply a service and come back to the screening, saying what happened or why not."""
    try:
        result = call()
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, success(result) if callable(success) else success)
    return redirect(_page_url(meeting))


@secretariat
@require_POST
def screening_run(request, slug, day):
    _viewer, meeting = permissions.meeting_for_screening(request.user, slug, day)
    return _done(
        request,
        meeting,
        lambda: services.screening_run(actor=request.user, meeting=meeting),
        lambda added: f"The agenda is screened: {added} new finding{'s' * (added != 1)}.",
    )


@secretariat
@require_POST
def flag_decide(request, slug, day, pk):
    _viewer, meeting = permissions.meeting_for_screening(request.user, slug, day)
    flag = get_object_or_404(ConflictFlag, meeting=meeting, pk=pk)
    accept = request.POST.get("decision") != "dismiss"
    done = "accepted" if accept else "dismissed"
    return _done(
        request,
        meeting,
        lambda: services.flag_decide(
            actor=request.user,
            flag=flag,
            accept=accept,
            ruling=request.POST.get("ruling", ""),
            withhold_papers=request.POST.get("withhold_papers") == "on",
        ),
        f"{flag.person.full_name}, item {flag.item.reference}: {done}.",
    )


@secretariat
@require_POST
def flag_declare(request, slug, day, pk):
    viewer, meeting = permissions.meeting_for_screening(request.user, slug, day)
    if not viewer.manages:
        raise PermissionDenied("Only the board's secretariat records declarations.")
    flag = get_object_or_404(ConflictFlag, meeting=meeting, pk=pk)
    return _done(
        request,
        meeting,
        lambda: services.flag_declare(actor=request.user, flag=flag),
        f"Declaration recorded: {flag.person.full_name}, item {flag.item.reference}.",
    )
