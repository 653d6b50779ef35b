"""Each board's cover sheet: which questions it asks, in its own wording and order, taken from
a library of the common NHS cover-sheet fields or defined by the board, and the answers papers
give to the board's own questions.

A board that has saved nothing asks the library's defaults: the standard NHS cover sheet.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from partners.models import Board

from .papers import Paper


class QuestionKind(models.TextChoices):
    TEXT = "text", "Text"
    ANSWER = "answer", "Yes, No or N/A"
    CHOICE = "choice", "A choice from the board's list"


@dataclass(frozen=True)
class LibraryQuestion:
    """A common cover-sheet question, answered in a field of the paper (`field`), except the
    other forums, which are rows of their own."""

    key: str
    label: str
    field: str | None
    required: bool = False
    shown: bool = True
    # The board lists the choices (its strategic objectives).
    takes_options: bool = False
    long_text: bool = False


def _q(key, label, **kwargs):
    kwargs.setdefault("field", key)
    return LibraryQuestion(key, label, **kwargs)


# In the order of the standard NHS cover sheet; the last five are off until a board asks them.
LIBRARY = [
    _q("authors", "Author(s)"),
    _q("contributors", "Contributors"),
    _q("purpose", "Purpose", field="purposes", required=True),
    _q("purpose_detail", "Purpose of the paper", long_text=True),
    _q("executive_summary", "Executive summary", required=True, long_text=True),
    _q("recommendations", "Recommendations", required=True, long_text=True),
    _q("forums", "Other forums that have discussed this paper", field=None),
    _q("conflicts_of_interest", "Conflicts of interest identified", long_text=True),
    _q("quality_impact", "Quality impact assessment completed", required=True),
    _q("equality_impact", "Equality impact assessment completed", required=True),
    _q("privacy_impact", "Privacy impact assessment completed", required=True),
    _q("financial_impact", "Financial impact assessment completed", required=True),
    _q("associated_risks", "Associated risks", required=True),
    _q("on_risk_register", "Are the associated risks on the risk register?", required=True),
    _q("risk_description", "Risk description", long_text=True),
    _q("risk_reference", "Risk reference(s)"),
    _q("assurance_level", "Level of assurance offered", shown=False),
    _q(
        "strategic_objectives",
        "Links to the board's strategic objectives",
        shown=False,
        takes_options=True,
    ),
    _q("paper_reference", "Paper reference", shown=False),
    _q("supplier", "Supplier, if the paper seeks a decision on a contract", shown=False),
    _q("organisations", "Partner organisations this paper concerns", shown=False),
]
LIBRARY_BY_KEY = {question.key: question for question in LIBRARY}


class CoverSheetQuestion(models.Model):
    """A question of a board's cover sheet: from the library (`library_key`) or the board's own."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="cover_sheet_questions")
    library_key = models.CharField(
        max_length=40,
        blank=True,
        choices=[(question.key, question.label) for question in LIBRARY],
        help_text="Empty for a question the board defined itself.",
    )
    label = models.CharField("wording", max_length=300)
    hint = models.CharField(max_length=300, blank=True, help_text="Shown under the question.")
    kind = models.CharField(
        "answered as", max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    options = models.TextField(
        "choices", blank=True, help_text="One a line, for a question answered from a list."
    )
    shown = models.BooleanField("asked", default=True)
    required = models.BooleanField("needed before the papers go out", default=False)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "library_key"],
                condition=~models.Q(library_key=""),
                name="one_library_question_per_board",
            )
        ]

    def __str__(self):
        return self.label

    @property
    def library(self):
        return LIBRARY_BY_KEY.get(self.library_key)

    @property
    def key(self):
        """How the settings screen names the question: its library key, or its row."""
        return self.library_key or f"custom-{self.pk}"

    @property
    def option_list(self):
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    @property
    def takes_options(self):
        if self.library is not None:
            return self.library.takes_options
        return self.kind == QuestionKind.CHOICE

    def clean(self):
        errors = {}
        if self.required and not self.shown:
            errors["required"] = f"'{self.label}' is not asked, so it cannot be needed."
        if self.library is None and self.kind == QuestionKind.CHOICE and not self.option_list:
            errors["options"] = f"List the choices of '{self.label}', one a line."
        if errors:
            raise ValidationError(errors)


class CoverSheetAnswer(models.Model):
    """A paper's answer to one of its board's own cover-sheet questions."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="cover_answers")
    question = models.ForeignKey(
        CoverSheetQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    value = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["paper", "question"], name="one_answer_per_paper_question"
            )
        ]

    def __str__(self):
        return f"{self.question}: {self.value}"


def default_question(board, library_question, position):
    """The library's question as a board that changed nothing asks it (unsaved)."""
    return CoverSheetQuestion(
        board=board,
        library_key=library_question.key,
        label=library_question.label,
        shown=library_question.shown,
        required=library_question.required,
        position=position,
    )
