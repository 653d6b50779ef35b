"""Forms of a paper: its cover sheet, the other forums it went to, and an uploaded file."""

from django import forms

from partners.forms import NHSFormMixin

from ..models import (
    ANSWER_FIELDS,
    Paper,
)

COVER_SHEET_FIELDS = [
    "title",
    "presented_by",
    "authors",
    "contributors",
    "confidential",
    "purpose",
    "purpose_detail",
    "executive_summary",
    "recommendations",
    "conflicts_of_interest",
    *ANSWER_FIELDS,
    "risk_description",
    "risk_reference",
]


class CoverSheetForm(NHSFormMixin, forms.ModelForm):
    class Meta:
        model = Paper
        fields = COVER_SHEET_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in [
                *["purpose_detail", "executive_summary", "recommendations"],
                *["conflicts_of_interest", "risk_description"],
            ]
        }


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


def forums_from(formset):
    return [
        (f.cleaned_data["forum"], f.cleaned_data["date_text"], f.cleaned_data["outcome"])
        for f in formset.forms
        if f.cleaned_data.get("forum")
    ]


class PaperFileForm(NHSFormMixin, forms.Form):
    slot = forms.TypedChoiceField(label="This file is", coerce=int)
    title = forms.CharField(
        label="Appendix title", required=False, max_length=300, help_text="For a new appendix."
    )
    file = forms.FileField(label="PDF file", help_text="PDF only, up to the size limit.")

    def __init__(self, *args, paper=None, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        slots = sorted({f.slot for f in paper.files.all()}) if paper else []
        choices = [(0, "The paper (a new version replaces the current one)")]
        choices += [(s, f"A new version of appendix {s}") for s in slots if s > 0]
        choices += [(max([0, *slots]) + 1, "A new appendix")]
        self.fields["slot"].choices = choices
        self.fields["file"].required = required
