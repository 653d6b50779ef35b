"""Forms of a paper: its cover sheet, the other forums it went to, and an uploaded file."""

import copy

from django import forms

from partners.forms import NHSFormMixin

from ..models import (
    LIBRARY,
    Answer,
    Paper,
    Purpose,
    QuestionKind,
)
from ..selectors.cover_sheets import asked

# Asked on every cover sheet; the board chooses the rest (see models/cover_sheets.py).
CORE_FIELDS = ["title", "presented_by", "confidential"]
LIBRARY_FIELDS = [question.field for question in LIBRARY if question.field]
COVER_SHEET_FIELDS = CORE_FIELDS + LIBRARY_FIELDS
PAPER_FIELDS = set(COVER_SHEET_FIELDS)
LONG_TEXT = ["purpose_detail", "executive_summary", "recommendations"]
LONG_TEXT += ["conflicts_of_interest", "risk_description"]
NOT_STATED = ("", "Not stated")


def _not_stated_first(choices):
    return [NOT_STATED, *[(value, label) for value, label in choices if value != ""]]


class CoverSheetForm(NHSFormMixin, forms.ModelForm):
    """The cover sheet as the board asks it: the core fields, then the board's questions in
    its wording and order, its own questions as `question_<id>`. The other forums are a
    formset of their own, shown where the board asks them (`forum_set`)."""

    template_name = "meetings/manage/cover_sheet_form.html"

    purposes = forms.MultipleChoiceField(
        label="Purpose",
        choices=Purpose.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    strategic_objectives = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Paper
        fields = COVER_SHEET_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in LONG_TEXT}
        widgets["organisations"] = forms.CheckboxSelectMultiple
        error_messages = {
            "title": {"required": "Enter the title of the paper."},
            "presented_by": {"required": "Enter who presents the paper."},
        }

    def __init__(self, *args, questions, answers=None, forum_set=None, **kwargs):
        paper = kwargs.get("instance")
        self.questions = asked(questions)
        self.forum_set = forum_set
        # Only the fields the board asks: the rest of the paper is left as it is.
        answers = answers or {}
        self.base_fields = self._fields_for(self.questions, paper, answers)
        kwargs["initial"] = {
            **(kwargs.get("initial") or {}),
            **{f"question_{pk}": value for pk, value in answers.items()},
            "seen_version": paper.version if paper else None,
        }
        super().__init__(*args, **kwargs)

    @classmethod
    def _fields_for(cls, questions, paper, answers):
        fields = {name: cls.base_fields[name] for name in CORE_FIELDS}
        for question in questions:
            library = question.library
            if library is None:
                fields[f"question_{question.pk}"] = custom_field(
                    question, answers.get(question.pk, "")
                )
            elif library.field is not None:
                fields[library.field] = _library_field(cls, question, paper)
        fields["seen_version"] = cls.base_fields["seen_version"]
        return fields

    @property
    def inner_formsets(self):
        """The forums' formset, summarised with the cover sheet's errors."""
        return [self.forum_set] if self.forum_set is not None else []

    def get_context(self):
        context = super().get_context()
        by_name = {bound.name: bound for bound, _errors in context["fields"]}
        context["core"] = [by_name[name] for name in CORE_FIELDS]
        context["rows"] = [
            {"question": question, "field": by_name.get(self.field_name(question))}
            for question in self.questions
        ]
        context["forum_set"] = self.forum_set
        return context

    @staticmethod
    def field_name(question):
        if question.library is None:
            return f"question_{question.pk}"
        return question.library.field

    def changed_cover_sheet(self):
        """The paper's fields this form changed."""
        return {name: self.cleaned_data[name] for name in self.changed_data if name in PAPER_FIELDS}

    def changed_answers(self):
        """The board's own questions this form changed, as {question: answer}."""
        return {
            question: self.cleaned_data[f"question_{question.pk}"]
            for question in self.questions
            if question.library is None and f"question_{question.pk}" in self.changed_data
        }


def _library_field(cls, question, paper):
    field = copy.deepcopy(cls.base_fields[question.library.field])
    field.label = question.label
    field.help_text = question.hint or field.help_text
    if question.library.key == "strategic_objectives":
        chosen = paper.strategic_objectives if paper else []
        options = question.option_list + [o for o in chosen if o not in question.option_list]
        field.choices = [(option, option) for option in options]
    elif getattr(field, "choices", None) and not isinstance(field, forms.MultipleChoiceField):
        field.choices = _not_stated_first(field.choices)
    return field


def custom_field(question, current=""):
    """The form field of one of the board's own questions (a choice the board has since taken
    off its list stays choosable on the papers that chose it)."""
    common = {"label": question.label, "help_text": question.hint, "required": False}
    if question.kind == QuestionKind.ANSWER:
        return forms.ChoiceField(choices=[NOT_STATED, *Answer.choices], **common)
    if question.kind == QuestionKind.CHOICE:
        options = question.option_list + (
            [current] if current not in ["", *question.option_list] else []
        )
        choices = [(option, option) for option in options]
        return forms.ChoiceField(choices=[NOT_STATED, *choices], **common)
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)


class ForumForm(NHSFormMixin, forms.Form):
    forum = forms.CharField(label="Meeting", max_length=200, required=False)
    date_text = forms.CharField(label="Date", max_length=100, required=False)
    outcome = forms.CharField(
        label="Outcome", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        filled = [bool(data.get(name, "").strip()) for name in ["forum", "date_text", "outcome"]]
        if any(filled) and not all(filled):
            raise forms.ValidationError("Give the meeting, the date and the outcome.")
        return data


ForumFormSet = forms.formset_factory(ForumForm, extra=3, max_num=10)
ForumFormSet.row_name = "Forum"  # in the error summary: "Forum 2: Enter the date."


def forums_from(formset):
    return [
        (f.cleaned_data["forum"], f.cleaned_data["date_text"], f.cleaned_data["outcome"])
        for f in formset.forms
        if f.cleaned_data.get("forum")
    ]


class PaperFileForm(NHSFormMixin, forms.Form):
    slot = forms.TypedChoiceField(
        label="This file is",
        coerce=int,
        error_messages={"required": "Select what the file is: the paper or an appendix."},
    )
    title = forms.CharField(
        label="Appendix title", required=False, max_length=300, help_text="For a new appendix."
    )
    file = forms.FileField(
        label="PDF file",
        help_text="PDF only, up to the size limit.",
        error_messages={"required": "Choose a PDF file."},
    )

    def __init__(self, *args, paper=None, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        slots = sorted({f.slot for f in paper.files.all()}) if paper else []
        choices = [(0, "The paper (a new version replaces the current one)")]
        choices += [(s, f"A new version of appendix {s}") for s in slots if s > 0]
        choices += [(max([0, *slots]) + 1, "A new appendix")]
        self.fields["slot"].choices = choices
        self.fields["file"].required = required

    def ask_for_the_file_again(self):
        """A page shown again with errors cannot give a browser back the file it sent: say so
        beside the file input (and in the summary), or the secretary would think it kept."""
        if self.files.get(self.add_prefix("file")) and not self.errors.get("file"):
            self.add_error("file", "Choose the PDF file again: a page with errors cannot keep it.")
