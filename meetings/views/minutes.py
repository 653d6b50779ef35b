"""The minutes: read by the board and (once approved) the public, as a page and a tagged PDF;
written, approved and corrected by the secretariat."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from partners.pdf import page_footer, render_pdf
from partners.views.base import apply, pdf_response

from .. import permissions
from ..forms import minutes as forms
from ..selectors import minutes as minutes_selectors
from ..services import minutes as minutes_services
from .base import form_screen, secretariat, secretariat_meeting


def minutes(request, slug, day):
    page = minutes_selectors.minutes_page(request.user, slug, day)
    return render(request, "meetings/minutes.html", {"page": page, "meeting": page.meeting})


def minutes_pdf(request, slug, day):
    page = minutes_selectors.minutes_page(request.user, slug, day)
    draft = "" if page.minutes.is_approved else " (draft)"
    footer = f"{page.board.name} – minutes of {page.meeting.date:%-d %B %Y}{draft}"
    context = {"page": page, "meeting": page.meeting, "page_footer": page_footer(footer)}
    pdf = render_pdf("pdf/minutes.html", context, tagged=True)
    name = f"{page.board.name} minutes {page.meeting.day}.pdf"
    return pdf_response(pdf, name, private=permissions.minutes_are_private(page.minutes))


@secretariat
def item_minutes(request, slug, day, pk):
    """Write an item's minute; once the minutes are approved, the same form records a
    correction with its reason."""
    meeting = secretariat_meeting(request, slug, day)
    item = get_object_or_404(meeting.items.select_related("minute"), pk=pk)
    correcting = minutes_selectors.minutes_approved(meeting)
    minute = getattr(item, "minute", None)
    form = forms.ItemMinuteForm(request.POST or None, minute=minute, correcting=correcting)
    resolutions = forms.ResolutionFormSet(
        request.POST or None,
        initial=forms.resolutions_initial(item),
        prefix="resolutions",
        form_kwargs={"meeting": meeting},
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
            messages.success(request, f"Item {item.reference}, {item.title}: the {done}.")
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
    meeting = secretariat_meeting(request, slug, day)
    form = forms.ApproveMinutesForm(request.POST or None, meeting=meeting)
    return form_screen(
        request,
        form,
        lambda: minutes_services.minutes_approve(
            actor=request.user,
            meeting=meeting,
            at_meeting=form.cleaned_data["at_meeting"],
            amendments=form.cleaned_data["amendments"],
        ),
        done="The minutes are approved and published. They can now only be corrected.",
        next_url=reverse("meetings:minutes", args=meeting.url_args()),
        template="meetings/manage/minutes_approve.html",
        context={"meeting": meeting},
    )
