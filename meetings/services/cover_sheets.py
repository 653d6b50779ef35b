"""Changing the questions of a board's cover sheet."""

from django.db import transaction

from ..models import CoverSheetQuestion, QuestionKind
from ..selectors.cover_sheets import cover_sheet_questions
from .base import refuse_unless, save

SETTINGS = ["label", "hint", "kind", "options", "shown", "required", "position"]


@transaction.atomic
def cover_sheet_save(*, actor, board, rows):
    """Set the board's cover-sheet questions from `rows` (dicts of `key` and the settings):
    a row's key names a question (its library key, or `custom-<id>`); a row without a key and
    with a wording adds the board's own question. Only the questions that change are saved,
    each checked, all or none. Returns how many changed."""
    questions = {question.key: question for question in cover_sheet_questions(board)}
    changed = 0
    for row in rows:
        key = row.get("key", "")
        if not key:
            changed += _add(actor, board, row)
            continue
        question = questions.get(key)
        refuse_unless(question is not None, "questions", "The cover sheet changed: reload it.")
        changed += _change(actor, question, row)
    return changed


def _add(actor, board, row):
    if not row.get("label", "").strip():
        return 0
    values = {name: row[name] for name in SETTINGS if name in row}
    save(CoverSheetQuestion(board=board, **values), actor, "Added a cover-sheet question")
    return 1


def _change(actor, question, row):
    if question.library is not None:
        # The library fixes how its questions are answered.
        row = {**row, "kind": QuestionKind.TEXT}
    changes = {
        name: row[name] for name in SETTINGS if name in row and getattr(question, name) != row[name]
    }
    if not changes:
        return 0
    refuse_unless(
        str(changes.get("label", question.label)).strip(),
        "questions",
        f"Give the wording of '{question.label}'.",
    )
    for name, value in changes.items():
        setattr(question, name, value)
    reason = "Set up the cover-sheet question" if question.pk is None else "Changed the question"
    save(question, actor, reason)
    return 1
