"""Meetings and their agendas: the home page, a board's meetings, the meeting page and its
agenda as a PDF; and the secretariat's screens to plan a meeting, build its agenda (sections
and items, moved, deferred, withdrawn or removed), and keep the board's standing items."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import modelformset_factory
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from partners import selectors as partner_selectors
from partners.pdf import page_footer, render_pdf
from partners.views.base import pdf_response

from .. import permissions
from ..forms import agenda as forms
from ..forms.base import NoReasonForm, ReasonForm
from ..models import StandingItem
from ..selectors import agenda as agenda_selectors
from ..selectors import papers as paper_selectors
from ..services import agenda as agenda_services
from .base import confirm_screen, form_screen, secretariat, secretariat_meeting

HOME_LISTS = 5


def home(request):
    """Upcoming meetings and recently published papers, then the systems and their boards."""
    return render(
        request,
        "home.html",
        {
            "upcoming": agenda_selectors.upcoming_public_meetings()[:HOME_LISTS],
            "papers": paper_selectors.recent_papers_for(request.user)[:HOME_LISTS],
            "partnerships": partner_selectors.partnerships_for_home(),
            "board_groups": partner_selectors.boards_for_listing(),
        },
    )


def board_meetings(request, slug):
    board, viewer, upcoming, past = agenda_selectors.board_meetings(request.user, slug)
    return render(
        request,
        "meetings/board_meetings.html",
        {"board": board, "viewer": viewer, "upcoming": upcoming, "past": past},
    )


def meeting(request, slug, day):
    page = agenda_selectors.meeting_page(request.user, slug, day)
    return render(request, "meetings/meeting.html", {"page": page, "meeting": page.meeting})


def agenda_pdf(request, slug, day):
    """The agenda on its own, as a tagged PDF: exactly what the meeting page shows."""
    page = agenda_selectors.meeting_page(request.user, slug, day)
    board, meeting = page.board, page.meeting
    footer = f"{board.name} – agenda of {meeting.day_name}"
    context = {
        "board": board,
        "meeting": meeting,
        "page": page,
        "edition": permissions.edition_for(page.viewer),
        "page_footer": page_footer(footer),
    }
    pdf = render_pdf("pdf/pack/agenda.html", context, tagged=True)
    name = f"{board.name} agenda {meeting.day}.pdf"
    return pdf_response(pdf, name, private=permissions.agenda_is_private(page.viewer, meeting))


def _agenda_path(meeting):
    return reverse("meetings:agenda_edit", args=meeting.url_args())


def _agenda_url(meeting):
    return redirect(_agenda_path(meeting))


@secretariat
def meeting_create(request, slug):
    board = permissions.board_for_secretariat(request.user, slug)
    form = forms.MeetingForm(
        request.POST or None, initial={"held_in_public": board.meets_in_public}
    )
    return form_screen(
        request,
        form,
        lambda: agenda_services.meeting_create(
            actor=request.user, board=board, **form.meeting_fields()
        ),
        done="Meeting planned. Its agenda starts from the standing items.",
        next_url=_agenda_path,
        template="meetings/manage/meeting_form.html",
        context={"board": board},
    )


@secretariat
def meeting_edit(request, slug, day):
    meeting = secretariat_meeting(request, slug, day)
    form = forms.MeetingForm(request.POST or None, instance=meeting)
    return form_screen(
        request,
        form,
        lambda: agenda_services.meeting_change(
            actor=request.user,
            meeting=meeting,
            version=form.loaded_version(),
            **form.meeting_fields(),
        ),
        done="Meeting details saved.",
        # A new session name gives the meeting a new address.
        next_url=lambda saved: saved.get_absolute_url(),
        template="meetings/manage/meeting_form.html",
        context={"board": meeting.board, "meeting": meeting},
    )


@secretariat
def meeting_cancel(request, slug, day):
    meeting = secretariat_meeting(request, slug, day)
    form = ReasonForm(request.POST or None)
    return confirm_screen(
        request,
        form,
        lambda: agenda_services.meeting_cancel(
            actor=request.user, meeting=meeting, reason=form.cleaned_data["reason"]
        ),
        done="The meeting is cancelled.",
        next_url=meeting.get_absolute_url(),
        meeting=meeting,
        heading="Cancel this meeting",
        warning="Everyone can see that the meeting is cancelled, and why.",
        button="Cancel the meeting",
    )


@secretariat
def meeting_held(request, slug, day):
    """Record that the meeting took place: its minutes can then be approved."""
    meeting = secretariat_meeting(request, slug, day)
    form = NoReasonForm(request.POST if request.method == "POST" else None)
    return confirm_screen(
        request,
        form,
        lambda: agenda_services.meeting_mark_held(actor=request.user, meeting=meeting),
        done="The meeting is recorded as held.",
        next_url=meeting.get_absolute_url(),
        meeting=meeting,
        heading="Record that the meeting was held",
        warning="The agenda then closes: items can no longer be added or moved.",
        button="The meeting was held",
    )


@secretariat
def agenda_edit(request, slug, day):
    meeting = secretariat_meeting(request, slug, day)
    return _agenda_page(request, meeting, forms.SectionForm())


def _agenda_page(request, meeting, section_form):
    page = agenda_selectors.meeting_page(request.user, meeting.board.slug, meeting.day)
    return render(
        request,
        "meetings/manage/agenda.html",
        {"page": page, "meeting": page.meeting, "section_form": section_form},
    )


@secretariat
@require_POST
def section_add(request, slug, day):
    meeting = secretariat_meeting(request, slug, day)
    form = forms.SectionForm(request.POST)
    if form.is_valid():
        title = form.cleaned_data["title"]
        agenda_services.section_add(actor=request.user, meeting=meeting, title=title)
        messages.success(request, f"Section '{title}' added.")
        return _agenda_url(meeting)
    # The agenda again, with the error beside the title field and in the page's summary.
    return _agenda_page(request, meeting, form)


def _step(request):
    return -1 if request.POST.get("direction") == "up" else 1


@secretariat
@require_POST
def section_move(request, slug, day, pk):
    meeting = secretariat_meeting(request, slug, day)
    section = get_object_or_404(meeting.sections, pk=pk)
    agenda_services.section_move(actor=request.user, section=section, step=_step(request))
    return _agenda_url(meeting)


@secretariat
def item_create(request, slug, day):
    return _item_form(request, secretariat_meeting(request, slug, day), None)


@secretariat
def item_edit(request, slug, day, pk):
    meeting = secretariat_meeting(request, slug, day)
    return _item_form(request, meeting, get_object_or_404(meeting.items, pk=pk))


def _item_form(request, meeting, item):
    initial = {"section": request.GET.get("section"), "parent": request.GET.get("parent")}
    form = forms.AgendaItemForm(
        request.POST or None, instance=item, meeting=meeting, initial=initial
    )

    def save():
        if item is None:
            return agenda_services.item_add(actor=request.user, **form.item_fields())
        return agenda_services.item_change(actor=request.user, item=item, **form.item_fields())

    return form_screen(
        request,
        form,
        save,
        done=lambda saved: f"Item {saved.reference}, {saved.title}, saved.",
        next_url=_agenda_path(meeting),
        template="meetings/manage/item_form.html",
        context={"meeting": meeting, "item": item},
    )


@secretariat
@require_POST
def item_move(request, slug, day, pk):
    meeting = secretariat_meeting(request, slug, day)
    item = get_object_or_404(meeting.items, pk=pk)
    agenda_services.item_move(actor=request.user, item=item, step=_step(request))
    return _agenda_url(meeting)


def _item_screen(request, meeting, item, form, call, *, done, **text):
    """Confirm a change to one item of the agenda, then go back to the agenda."""
    return confirm_screen(
        request,
        form,
        call,
        done=f"Item {item.reference}, {item.title}: {done}",
        next_url=_agenda_path(meeting),
        meeting=meeting,
        item=item,
        **text,
    )


def _meeting_and_item(request, slug, day, pk):
    meeting = secretariat_meeting(request, slug, day)
    return meeting, get_object_or_404(meeting.items, pk=pk)


@secretariat
def item_defer(request, slug, day, pk):
    meeting, item = _meeting_and_item(request, slug, day, pk)
    form = forms.DeferForm(request.POST or None, item=item)
    return _item_screen(
        request,
        meeting,
        item,
        form,
        lambda: agenda_services.item_defer(
            actor=request.user,
            item=item,
            to_meeting=form.cleaned_data["to_meeting"],
            reason=form.cleaned_data["reason"],
        ),
        done="deferred.",
        heading="Defer this item",
        button="Defer the item",
    )


@secretariat
def item_withdraw(request, slug, day, pk):
    meeting, item = _meeting_and_item(request, slug, day, pk)
    form = ReasonForm(request.POST or None)
    return _item_screen(
        request,
        meeting,
        item,
        form,
        lambda: agenda_services.item_withdraw(
            actor=request.user, item=item, reason=form.cleaned_data["reason"]
        ),
        done="withdrawn.",
        heading="Withdraw this item",
        button="Withdraw the item",
        warning="The item stays on the agenda, marked withdrawn, with your reason.",
    )


@secretariat
def item_remove(request, slug, day, pk):
    meeting, item = _meeting_and_item(request, slug, day, pk)
    form = NoReasonForm(request.POST or None)

    def remove():
        agenda_services.item_remove(actor=request.user, item=item)
        return item

    return _item_screen(
        request,
        meeting,
        item,
        form,
        remove,
        done="removed.",
        heading="Remove this item",
        button="Remove the item",
        warning="The item is taken off the draft agenda and the rest are renumbered.",
    )


StandingItemFormSet = modelformset_factory(
    StandingItem, form=forms.StandingItemForm, extra=2, can_delete=True
)
StandingItemFormSet.row_name = "Standing item"  # in the error summary, before each row's error


@secretariat
def standing_items(request, slug):
    board = permissions.board_for_secretariat(request.user, slug)
    queryset = board.standing_items.all()
    initial = (
        []
        if queryset.exists()
        else [
            {name: getattr(s, name) for name in forms.StandingItemForm.Meta.fields}
            for s in agenda_selectors.standing_items_for(board)
        ]
    )
    formset = StandingItemFormSet(
        request.POST or None, queryset=queryset, initial=initial, prefix="standing"
    )
    # The portal's defaults, shown until the board saves its own, are saved with the first
    # save whether or not they were changed (a spare row is saved only if filled in).
    formset.min_num, formset.extra = len(initial), 2
    refusals = []
    if request.method == "POST" and formset.is_valid():
        try:
            agenda_services.standing_items_save(
                actor=request.user, board=board, rows=forms.standing_rows(formset)
            )
        except ValidationError as refusal:
            refusals = refusal.messages
        else:
            messages.success(request, "The standing items are saved; new meetings start from them.")
            return redirect("meetings:board_meetings", board.slug)
    return render(
        request,
        "meetings/manage/standing_items.html",
        {"board": board, "formset": formset, "refusals": refusals},
    )
