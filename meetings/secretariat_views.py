"""The secretariat's screens: plan a meeting, build its agenda, add papers, publish.

Every screen works without JavaScript. Services do the work; a refusal from a service is
shown on the form, field by field, and nothing is saved.
"""

import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.forms import modelformset_factory
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import checklist, forms, selectors, services
from .models import StandingItem
from .standing import standing_items_for
from .views import parse_day


def secretariat(view):
    """Sends anonymous visitors to sign in; the selectors refuse everyone else."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except selectors.SignInRequired:
            return redirect_to_login(request.get_full_path())

    return wrapped


def _meeting(request, slug, day):
    return selectors.meeting_for_secretariat(request.user, slug, parse_day(day))


def _agenda_url(meeting):
    return redirect("meetings:agenda_edit", *meeting.url_args())


def apply(form, call):
    """Run a service; put its refusal on the form (by field where the form has it)."""
    try:
        return call()
    except ValidationError as refusal:
        renamed = getattr(form, "model_error_fields", {})
        for field, errors in refusal.message_dict.items():
            field = renamed.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
        return None


@secretariat
def meeting_create(request, slug):
    board = selectors.board_for_secretariat(request.user, slug)
    form = forms.MeetingForm(
        request.POST or None, initial={"held_in_public": board.meets_in_public}
    )
    if request.method == "POST" and form.is_valid():
        meeting = apply(
            form,
            lambda: services.meeting_create(
                actor=request.user, board=board, **form.meeting_fields()
            ),
        )
        if meeting:
            messages.success(request, "Meeting planned. Its agenda starts from the standing items.")
            return _agenda_url(meeting)
    return render(request, "meetings/manage/meeting_form.html", {"board": board, "form": form})


@secretariat
def meeting_edit(request, slug, day):
    meeting = _meeting(request, slug, day)
    form = forms.MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        fields = form.meeting_fields()
        if apply(
            form, lambda: services.meeting_change(actor=request.user, meeting=meeting, **fields)
        ):
            messages.success(request, "Meeting details saved.")
            return redirect(meeting.get_absolute_url())
    return render(
        request,
        "meetings/manage/meeting_form.html",
        {"board": meeting.board, "meeting": meeting, "form": form},
    )


@secretariat
def meeting_cancel(request, slug, day):
    meeting = _meeting(request, slug, day)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        if apply(
            form,
            lambda: services.meeting_cancel(actor=request.user, meeting=meeting, reason=reason),
        ):
            messages.success(request, "The meeting is cancelled.")
            return redirect(meeting.get_absolute_url())
    return render(
        request,
        "meetings/manage/confirm.html",
        {
            "meeting": meeting,
            "form": form,
            "heading": "Cancel this meeting",
            "warning": "Everyone can see that the meeting is cancelled, and why.",
            "button": "Cancel the meeting",
        },
    )


@secretariat
def meeting_held(request, slug, day):
    """Record that the meeting took place: its minutes can then be approved."""
    meeting = _meeting(request, slug, day)
    form = forms.NoReasonForm(request.POST if request.method == "POST" else None)
    held = form.is_valid() and apply(
        form, lambda: services.meeting_mark_held(actor=request.user, meeting=meeting)
    )
    if held:
        messages.success(request, "The meeting is recorded as held.")
        return redirect(meeting.get_absolute_url())
    return render(
        request,
        "meetings/manage/confirm.html",
        {
            "meeting": meeting,
            "form": form,
            "heading": "Record that the meeting was held",
            "warning": "The agenda then closes: items can no longer be added or moved.",
            "button": "The meeting was held",
        },
    )


@secretariat
def agenda_edit(request, slug, day):
    meeting = _meeting(request, slug, day)
    page = selectors.meeting_page(request.user, slug, meeting.date)
    return render(
        request,
        "meetings/manage/agenda.html",
        {"page": page, "meeting": page.meeting, "section_form": forms.SectionForm()},
    )


@secretariat
@require_POST
def section_add(request, slug, day):
    meeting = _meeting(request, slug, day)
    form = forms.SectionForm(request.POST)
    if form.is_valid():
        services.section_add(actor=request.user, meeting=meeting, title=form.cleaned_data["title"])
        messages.success(request, f"Section '{form.cleaned_data['title']}' added.")
    else:
        messages.error(request, "Give the section a title.")
    return _agenda_url(meeting)


def _step(request):
    return -1 if request.POST.get("direction") == "up" else 1


@secretariat
@require_POST
def section_move(request, slug, day, pk):
    meeting = _meeting(request, slug, day)
    section = get_object_or_404(meeting.sections, pk=pk)
    services.section_move(actor=request.user, section=section, step=_step(request))
    return _agenda_url(meeting)


@secretariat
def item_create(request, slug, day):
    return _item_form(request, _meeting(request, slug, day), None)


@secretariat
def item_edit(request, slug, day, pk):
    meeting = _meeting(request, slug, day)
    return _item_form(request, meeting, get_object_or_404(meeting.items, pk=pk))


def _item_form(request, meeting, item):
    initial = {"section": request.GET.get("section")}
    form = forms.AgendaItemForm(
        request.POST or None, instance=item, meeting=meeting, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        fields = form.item_fields()
        if item is None:
            call = lambda: services.item_add(actor=request.user, **fields)  # noqa: E731
        else:
            call = lambda: services.item_change(actor=request.user, item=item, **fields)  # noqa: E731
        saved = apply(form, call)
        if saved:
            messages.success(request, f"Item {saved.number}, {saved.title}, saved.")
            return _agenda_url(meeting)
    return render(
        request, "meetings/manage/item_form.html", {"meeting": meeting, "item": item, "form": form}
    )


@secretariat
@require_POST
def item_move(request, slug, day, pk):
    meeting = _meeting(request, slug, day)
    item = get_object_or_404(meeting.items, pk=pk)
    services.item_move(actor=request.user, item=item, step=_step(request))
    return _agenda_url(meeting)


def _item_action(request, slug, day, pk, form_class, perform, text):
    meeting = _meeting(request, slug, day)
    item = get_object_or_404(meeting.items, pk=pk)
    extra = {"item": item} if form_class is forms.DeferForm else {}
    form = form_class(request.POST or None, **extra)
    done = request.method == "POST" and form.is_valid()
    if done and apply(form, lambda: perform(item, form.cleaned_data)) is not None:
        messages.success(request, f"Item {item.number}, {item.title}: {text['done']}")
        return _agenda_url(meeting)
    return render(
        request,
        "meetings/manage/confirm.html",
        {"meeting": meeting, "item": item, "form": form, **text},
    )


@secretariat
def item_defer(request, slug, day, pk):
    def perform(item, data):
        return services.item_defer(
            actor=request.user, item=item, to_meeting=data["to_meeting"], reason=data["reason"]
        )

    text = {"heading": "Defer this item", "button": "Defer the item", "done": "deferred."}
    return _item_action(request, slug, day, pk, forms.DeferForm, perform, text)


@secretariat
def item_withdraw(request, slug, day, pk):
    def perform(item, data):
        return services.item_withdraw(actor=request.user, item=item, reason=data["reason"])

    text = {
        "heading": "Withdraw this item",
        "button": "Withdraw the item",
        "done": "withdrawn.",
        "warning": "The item stays on the agenda, marked withdrawn, with your reason.",
    }
    return _item_action(request, slug, day, pk, forms.ReasonForm, perform, text)


@secretariat
def item_remove(request, slug, day, pk):
    def perform(item, data):
        services.item_remove(actor=request.user, item=item)
        return True

    text = {
        "heading": "Remove this item",
        "button": "Remove the item",
        "done": "removed.",
        "warning": "The item is taken off the draft agenda and the rest are renumbered.",
    }
    return _item_action(request, slug, day, pk, forms.NoReasonForm, perform, text)


@secretariat
def paper_create(request, slug, day, pk):
    meeting = _meeting(request, slug, day)
    item = get_object_or_404(meeting.items, pk=pk)
    return _paper_form(request, meeting, item, None)


@secretariat
def paper_edit(request, pk):
    paper = selectors.paper_for_secretariat(request.user, pk)
    return _paper_form(request, paper.item.meeting, paper.item, paper)


def _paper_form(request, meeting, item, paper):
    data, files = request.POST or None, request.FILES or None
    initial_sheet = {"title": item.title, "confidential": item.confidential}
    sheet = forms.CoverSheetForm(data, instance=paper, initial=initial_sheet if not paper else None)
    initial_forums = [
        {"forum": f.forum, "date_text": f.date_text, "outcome": f.outcome}
        for f in (paper.forums.all() if paper else [])
    ]
    forum_set = forms.ForumFormSet(data, initial=initial_forums, prefix="forums")
    upload = forms.PaperFileForm(data, files, paper=paper, required=False, prefix="file")
    if request.method == "POST" and all(f.is_valid() for f in [sheet, forum_set, upload]):
        saved = apply(
            upload, lambda: _save_paper(request.user, item, paper, sheet, forum_set, upload)
        )
        if saved:
            messages.success(request, f"Paper '{saved.title}' saved.")
            return redirect(saved.get_absolute_url())
    return render(
        request,
        "meetings/manage/paper_form.html",
        {
            "meeting": meeting,
            "item": item,
            "paper": paper,
            "sheet": sheet,
            "forum_set": forum_set,
            "upload": upload,
        },
    )


def _save_paper(actor, item, paper, sheet, forum_set, upload):
    file = upload.cleaned_data.get("file")
    return services.paper_save(
        actor=actor,
        item=item,
        paper=paper,
        cover_sheet={name: sheet.cleaned_data[name] for name in forms.COVER_SHEET_FIELDS},
        forums=forms.forums_from(forum_set),
        upload=file,
        slot=upload.cleaned_data["slot"],
        appendix_title=upload.cleaned_data["title"],
    )


PUBLISH = {
    "agenda": ("meeting_publish_agenda", "The agenda is published."),
    "papers": ("meeting_publish_papers", "The agenda and papers are published."),
    "supplement": ("supplement_issue", "The supplement is published."),
}


@secretariat
def publish(request, slug, day):
    meeting = _meeting(request, slug, day)
    form = forms.PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and request.POST.get("publish") in PUBLISH:
        name, done = PUBLISH[request.POST["publish"]]
        kwargs = {"late_reason": form.cleaned_data["late_reason"]}
        if name == "supplement_issue":
            kwargs["note"] = form.cleaned_data["note"]
        service = getattr(services, name)
        if apply(form, lambda: service(actor=request.user, meeting=meeting, **kwargs)):
            messages.success(request, done)
            return redirect(meeting.get_absolute_url())
    return render(
        request,
        "meetings/manage/publish.html",
        {
            "meeting": meeting,
            "form": form,
            "problems": checklist.problems(meeting),
            "unpublished": checklist.unpublished_papers(meeting),
        },
    )


StandingItemFormSet = modelformset_factory(
    StandingItem, form=forms.StandingItemForm, extra=2, can_delete=True
)


@secretariat
def standing_items(request, slug):
    board = selectors.board_for_secretariat(request.user, slug)
    queryset = board.standing_items.all()
    initial = (
        []
        if queryset.exists()
        else [
            {name: getattr(s, name) for name in forms.StandingItemForm.Meta.fields}
            for s in standing_items_for(board)
        ]
    )
    formset = StandingItemFormSet(
        request.POST or None, queryset=queryset, initial=initial, prefix="standing"
    )
    formset.extra = max(len(initial), 2)
    if request.method == "POST" and formset.is_valid():
        services.standing_items_save(actor=request.user, board=board, formset=formset)
        messages.success(request, "The standing items are saved; new meetings start from them.")
        return redirect("meetings:board_meetings", board.slug)
    return render(
        request, "meetings/manage/standing_items.html", {"board": board, "formset": formset}
    )
