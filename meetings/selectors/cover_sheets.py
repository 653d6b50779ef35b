"""A board's cover sheet as its papers show it: the questions it asks, in its wording and
order, each paper's answers to them, and which needed answers a paper still lacks."""

from dataclasses import dataclass, field

from ..models import (
    LIBRARY,
    Answer,
    QuestionKind,
    default_question,
)


def cover_sheet_questions(board):
    """Every question of the board's cover sheet, asked or not, in its order: the saved ones,
    and the library's defaults for those the board has not changed (unsaved)."""
    saved = list(board.cover_sheet_questions.all())
    keys = {question.library_key for question in saved}
    defaults = [
        default_question(board, library, position)
        for position, library in enumerate(LIBRARY, start=1)
        if library.key not in keys
    ]
    return sorted(saved + defaults, key=lambda q: (q.position, q.pk is not None, q.pk or 0))


def asked(questions):
    return [question for question in questions if question.shown]


@dataclass
class CoverRow:
    """One question of a paper's cover sheet with its answer as people read it ("" when the
    paper does not state it). `forums` holds the other-forums rows."""

    label: str
    value: str = ""
    long: bool = False
    forums: list | None = None


@dataclass
class CoverBlock:
    """Rows shown together: short answers as one list, long text or the forums on their own."""

    kind: str  # "list", "text" or "forums"
    rows: list = field(default_factory=list)


def _answers(paper):
    return {answer.question_id: answer.value for answer in paper.cover_answers.all()}


def _library_value(paper, question):
    name = question.library.field
    if name == "purposes":
        return paper.purposes_display
    if name == "strategic_objectives":
        return "\n".join(paper.strategic_objectives)
    if name == "organisations":
        return ", ".join(organisation.name for organisation in paper.organisations.all())
    if paper._meta.get_field(name).choices:
        return getattr(paper, f"get_{name}_display")()
    return getattr(paper, name)


def _custom_value(question, value):
    if question.kind == QuestionKind.ANSWER:
        return dict(Answer.choices).get(value, "")
    return value


def cover_rows(paper, questions):
    """The paper's answers to the board's asked questions, in the board's order."""
    answers = _answers(paper)
    rows = []
    for question in asked(questions):
        library = question.library
        if library is not None and library.field is None:
            rows.append(CoverRow(question.label, forums=list(paper.forums.all())))
        elif library is not None:
            long = library.long_text or library.takes_options
            rows.append(CoverRow(question.label, _library_value(paper, question), long))
        else:
            value = _custom_value(question, answers.get(question.pk, ""))
            rows.append(CoverRow(question.label, value, question.kind == QuestionKind.TEXT))
    return rows


def cover_blocks(paper, questions):
    """The rows grouped as a page shows them, keeping the board's order."""
    blocks = []
    for row in cover_rows(paper, questions):
        kind = "forums" if row.forums is not None else "text" if row.long else "list"
        if kind == "list" and blocks and blocks[-1].kind == "list":
            blocks[-1].rows.append(row)
        else:
            blocks.append(CoverBlock(kind, [row]))
    return blocks


def _is_answered(paper, question, answers):
    library = question.library
    if library is None:
        return bool(answers.get(question.pk, "").strip())
    if library.field is None:
        return bool(paper.forums.all())
    if library.field == "organisations":
        return bool(paper.organisations.all())
    value = getattr(paper, library.field)
    return bool(value) if isinstance(value, list) else bool(str(value).strip())


def unanswered(paper, questions):
    """The wording of each question the board needs answered that the paper leaves empty."""
    answers = _answers(paper)
    missing = [
        question.label
        for question in asked(questions)
        if question.required and not _is_answered(paper, question, answers)
    ]
    asks_description = any(q.library_key == "risk_description" for q in asked(questions))
    on_register = paper.associated_risks == paper.on_risk_register == Answer.YES
    if asks_description and on_register and not paper.risk_description.strip():
        label = next(q.label for q in questions if q.library_key == "risk_description")
        missing.append(f"{label} (the risks are on the register)")
    return missing
