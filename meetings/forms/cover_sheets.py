"""The board's cover sheet as its secretariat sets it: one row per question, from the library
or the board's own, and blank rows to add questions of its own."""

from django import forms

from partners.forms import NHSFormMixin

from ..models import QuestionKind

NEW_ROWS = 2


class QuestionForm(NHSFormMixin, forms.Form):
    """One question: its wording, hint, whether it is asked and needed, and where it comes."""

    key = forms.CharField(widget=forms.HiddenInput, required=False)
    label = forms.CharField(label="Wording", max_length=300, required=False)
    hint = forms.CharField(label="Hint", max_length=300, required=False)
    kind = forms.ChoiceField(
        label="Answered as",
        choices=QuestionKind.choices,
        error_messages={"required": "Select how the question is answered."},
    )
    options = forms.CharField(
        label="Choices",
        required=False,
        help_text="One a line.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    shown = forms.BooleanField(label="Ask this question", required=False)
    required = forms.BooleanField(label="Needed before the papers go out", required=False)
    position = forms.IntegerField(
        label="Position",
        min_value=0,
        max_value=999,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-4"}),
        error_messages={"required": "Enter the question's position, a number such as 10."},
    )

    def __init__(self, *args, question=None, new_row=1, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        library = question.library if question is not None else None
        if library is not None:
            # The library fixes how its questions are answered.
            del self.fields["kind"]
            if not library.takes_options:
                del self.fields["options"]
        self.legend = (
            f"{library.label} (from the library)"
            if library is not None
            else question.label
            if question is not None
            # Numbered, so that the error summary tells the blank rows apart.
            else f"A question of the board's own ({new_row})"
        )

    def clean(self):
        data = super().clean()
        if data.get("key") and not data.get("label", "").strip():
            self.add_error("label", "Give the question's wording.")
        if data.get("required") and not data.get("shown"):
            self.add_error("required", "A question that is not asked cannot be needed.")
        return data


class BaseQuestionFormSet(forms.BaseFormSet):
    def __init__(self, *args, questions, **kwargs):
        self.questions = questions
        initial = [question_initial(question) for question in questions]
        last = max([q.position for q in questions], default=0)
        initial += [
            {"key": "", "kind": QuestionKind.TEXT, "shown": True, "position": last + n}
            for n in range(1, NEW_ROWS + 1)
        ]
        super().__init__(*args, initial=initial, prefix="questions", **kwargs)

    def get_form_kwargs(self, index):
        if index < len(self.questions):
            return {"question": self.questions[index]}
        return {"question": None, "new_row": index - len(self.questions) + 1}

    def rows(self):
        """The rows the secretariat changed, for the service."""
        return [
            {name: value for name, value in form.cleaned_data.items() if name in form.fields}
            for form in self.forms
            if form.has_changed()
        ]


QuestionFormSet = forms.formset_factory(QuestionForm, formset=BaseQuestionFormSet, extra=0)


def question_initial(question):
    return {
        "key": question.key,
        "label": question.label,
        "hint": question.hint,
        "kind": question.kind,
        "options": question.options,
        "shown": question.shown,
        "required": question.required,
        "position": question.position,
    }
