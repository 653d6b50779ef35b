"""The screen where a board's secretariat sets its cover sheet: which questions it asks, in
what wording and order, which are needed before the papers go out, and its own questions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from .. import permissions
from ..forms.cover_sheets import QuestionFormSet
from ..selectors.cover_sheets import cover_sheet_questions
from ..services.cover_sheets import cover_sheet_save
from .base import secretariat


@secretariat
def cover_sheet_settings(request, slug):
    board = permissions.board_for_secretariat(request.user, slug)
    formset = QuestionFormSet(request.POST or None, questions=cover_sheet_questions(board))
    refusals = []
    if request.method == "POST" and formset.is_valid():
        try:
            cover_sheet_save(actor=request.user, board=board, rows=formset.rows())
        except ValidationError as refusal:
            refusals = refusal.messages
        else:
            messages.success(
                request, "The cover sheet is saved. Papers now show the board's questions."
            )
            return redirect(request.path)
    return render(
        request,
        "meetings/manage/cover_sheet_settings.html",
        {"board": board, "formset": formset, "refusals": refusals},
    )
