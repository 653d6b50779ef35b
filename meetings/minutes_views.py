"""The minutes: read by the board and (once approved) the public; written, approved and
corrected by the secretariat. Thin: selectors decide who sees what, services do the work."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header

from . import minutes_forms as forms
from . import minutes_services, selectors
from .rendering import render_pdf
from .secretariat_views import _meeting, apply, secretariat
from .views import parse_day


def minutes(request, slug, day):
    page = selectors.minutes_page(request.user, slug, parse_day(day))
    return render(request, "meetings/minutes.html", {"page": page, "meeting": page.meeting})


def minutes_pdf(request, slug, day):
    page = selectors.minutes_page(request.user, slug, parse_day(day))
    pdf = render_pdf("pdf/minutes.html", {"page": page, "meeting": page.meeting}, tagged=True)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{page.board.name} minutes {page.meeting.date:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = content_disposition_header(False, name.replace("/", "-"))
    # Draft minutes are for the board only: they must not linger in shared caches.
    approved = page.minutes is not None and page.minutes.is_approved
    response["Cache-Control"] = "private" if approved else "private, no-store"
    return response


def _minutes_url(meeting):
    return redirect("meetings:minutes", *meeting.url_args())


@secretariat
def item_minutes(request, slug, day, pk):
    """Write an item's minute; once the minutes are approved, the same form records a
    correction with its reason."""
    meeting = _meeting(request, slug, day)
    item = get_object_or_404(meeting.items.select_related("minute"), pk=pk)
    correcting = selectors.minutes_approved(meeting)
    minute = getattr(item, "minute", None)
    initial = {"discussion": minute.discussion, "noted": minute.noted} if minute else {}
    form = forms.ItemMinuteForm(request.POST or None, initial=initial, correcting=correcting)
    resolutions = forms.ResolutionFormSet(
        request.POST or None, initial=forms.resolutions_initial(item), prefix="resolutions"
    )
    if request.method == "POST" and form.is_valid() and resolutions.is_valid():
        data = {
            "discussion": form.cleaned_data["discussion"],
            "noted": form.cleaned_data["noted"],
            "resolutions": forms.resolutions_from(resolutions),
        }
        if correcting:
            call = lambda: minutes_services.item_minutes_correct(  # noqa: E731
                actor=request.user, item=item, reason=form.cleaned_data["reason"], **data
            )
        else:
            call = lambda: minutes_services.item_minutes_save(  # noqa: E731
                actor=request.user, item=item, **data
            )
        if apply(form, call):
            done = "correction is recorded" if correcting else "minute is saved"
            messages.success(request, f"Item {item.number}, {item.title}: the {done}.")
            url = reverse("meetings:minutes", args=meeting.url_args())
            return redirect(f"{url}#item-{item.number}")
    return render(
        request,
        "meetings/manage/item_minutes_form.html",
        {
            "meeting": meeting,
            "item": item,
            "form": form,
            "resolutions": resolutions,
            "correcting": correcting,
        },
    )


@secretariat
def minutes_approve(request, slug, day):
    meeting = _meeting(request, slug, day)
    form = forms.ApproveMinutesForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        approved = apply(
            form,
            lambda: minutes_services.minutes_approve(
                actor=request.user,
                meeting=meeting,
                at_meeting=data["at_meeting"],
                amendments=data["amendments"],
            ),
        )
        if approved:
            messages.success(
                request, "The minutes are approved and published. They can now only be corrected."
            )
            return _minutes_url(meeting)
    return render(
        request, "meetings/manage/minutes_approve.html", {"meeting": meeting, "form": form}
    )
