"""Papers: the paper page with its cover sheet, its stored files, the cover sheet as a tagged
PDF; and the secretariat's screens to add and change a paper and upload its files."""

import copy

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render

from partners.pdf import page_footer, render_pdf
from partners.views.base import apply, cache_for, pdf_response

from .. import permissions
from ..forms import papers as forms
from ..selectors import papers as paper_selectors
from ..selectors.cover_sheets import asked, cover_blocks, cover_sheet_questions
from ..services import papers as paper_services
from .base import secretariat, secretariat_meeting


def paper(request, pk):
    paper, viewer = paper_selectors.paper_for(request.user, pk)
    context = {"paper": paper, "view": paper_selectors.paper_view(paper), "viewer": viewer}
    return render(request, "meetings/paper.html", context | {"sheet": _cover_sheet(paper)})


def _cover_sheet(paper):
    """The paper's answers to its board's questions, in the board's wording and order."""
    return cover_blocks(paper, cover_sheet_questions(paper.item.meeting.board))


def paper_file(request, pk, file_pk):
    paper, stored = paper_selectors.paper_file_for(request.user, pk, file_pk)
    name = f"{paper.title[:80]} - {stored.label[:60]} v{stored.version}.pdf".replace("/", "-")
    response = FileResponse(stored.file.open("rb"), content_type="application/pdf", filename=name)
    return cache_for(response, private=permissions.paper_file_is_private(paper))


def cover_sheet_pdf(request, pk):
    """A paper's cover sheet on its own, as a tagged PDF: exactly what its page shows."""
    paper, _viewer = paper_selectors.paper_for(request.user, pk)
    item = paper.item
    meeting, board = item.meeting, item.meeting.board
    footer = f"{board.name} – {meeting.date:%-d %B %Y}, item {item.reference} – cover sheet"
    context = {"board": board, "meeting": meeting, "paper": paper, "item": item}
    context["sheet"] = _cover_sheet(paper)
    pdf = render_pdf(
        "pdf/pack/cover_sheet.html", context | {"page_footer": page_footer(footer)}, tagged=True
    )
    name = f"{paper.title[:80]} - cover sheet.pdf"
    return pdf_response(pdf, name, private=permissions.cover_sheet_is_private(paper))


@secretariat
def paper_create(request, slug, day, pk):
    meeting = secretariat_meeting(request, slug, day)
    item = get_object_or_404(meeting.items, pk=pk)
    return _paper_form(request, meeting, item, None)


@secretariat
def paper_edit(request, pk):
    paper = paper_selectors.paper_for_secretariat(request.user, pk)
    return _paper_form(request, paper.item.meeting, paper.item, paper)


def _paper_form(request, meeting, item, paper):
    """The cover sheet as the board asks it, its forums and a file in one form: saved all
    together, or not at all."""
    data, files = request.POST or None, request.FILES or None
    questions = cover_sheet_questions(meeting.board)
    forum_set = None
    if any(question.library_key == "forums" for question in asked(questions)):
        initial_forums = [
            {"forum": f.forum, "date_text": f.date_text, "outcome": f.outcome}
            for f in (paper.forums.all() if paper else [])
        ]
        forum_set = forms.ForumFormSet(data, initial=initial_forums, prefix="forums")
    sheet = forms.CoverSheetForm(
        data,
        # The form checks a copy: the service compares the paper as it is with the changes.
        instance=copy.copy(paper),
        initial=None if paper else {"title": item.title, "confidential": item.confidential},
        questions=questions,
        answers={a.question_id: a.value for a in paper.cover_answers.all()} if paper else {},
        forum_set=forum_set,
    )
    upload = forms.PaperFileForm(data, files, paper=paper, required=False, prefix="file")
    bound = [f for f in [sheet, forum_set, upload] if f is not None]
    if request.method == "POST" and all(f.is_valid() for f in bound):
        saved = apply(
            upload, lambda: _save_paper(request.user, item, paper, sheet, forum_set, upload)
        )
        if saved:
            messages.success(request, f"Paper '{saved.title}' saved.")
            return redirect(saved.get_absolute_url())
    if request.method == "POST":
        upload.ask_for_the_file_again()
    return render(
        request,
        "meetings/manage/paper_form.html",
        # The file first, as the page shows it (and so its error summary).
        {"meeting": meeting, "item": item, "paper": paper, "upload": upload, "sheet": sheet},
    )


def _save_paper(actor, item, paper, sheet, forum_set, upload):
    if paper is None:
        cover_sheet = {n: v for n, v in sheet.cleaned_data.items() if n in forms.PAPER_FIELDS}
    else:
        cover_sheet = sheet.changed_cover_sheet()
    forums = None
    if forum_set is not None and (paper is None or forum_set.has_changed()):
        forums = forms.forums_from(forum_set)
    return paper_services.paper_save(
        actor=actor,
        item=item,
        paper=paper,
        cover_sheet=cover_sheet,
        forums=forums,
        answers=sheet.changed_answers(),
        seen_version=sheet.cleaned_data.get("seen_version"),
        upload=upload.cleaned_data.get("file"),
        slot=upload.cleaned_data["slot"],
        appendix_title=upload.cleaned_data["title"],
    )
