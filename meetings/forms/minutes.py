"""Forms of the minutes screens: an item's minute with its resolutions, and approval."""

from django import forms

from partners.forms import NHSFormMixin

from ..models import Meeting, MeetingStatus, Outcome
from ..services.minutes import ResolutionText
from .resolutions import RESOLUTION_DETAILS, ResolutionDetailsMixin


class ItemMinuteForm(NHSFormMixin, forms.Form):
    discussion = forms.CharField(
        label="Discussion",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Separate paragraphs with a blank line. Pasted text keeps its paragraphs, "
        "lists, bold and italics; anything else is removed.",
    )
    noted = forms.CharField(
        label="What the board noted",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: Paper noted with the option to bring it back if required.",
    )
    reason = forms.CharField(
        label="Reason for the correction",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Shown on the minutes beside the correction.",
    )

    def __init__(self, *args, correcting=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not correcting:
            del self.fields["reason"]


class ResolutionForm(ResolutionDetailsMixin, NHSFormMixin, forms.Form):
    field_order = ["text", "outcome"]
    text = forms.CharField(
        label="Resolved",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What the board resolved, in a sentence.",
    )
    outcome = forms.ChoiceField(
        label="Outcome", required=False, choices=[("", "Choose an outcome"), *Outcome.choices]
    )

    def clean(self):
        data = super().clean()
        if data.get("DELETE"):
            return data
        if data.get("text", "").strip() and not data.get("outcome"):
            self.add_error("outcome", "Choose the outcome of this resolution.")
        if data.get("outcome") and not data.get("text", "").strip():
            self.add_error("text", "Write what the board resolved, or clear the outcome.")
        return data


class BaseResolutionFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this resolution"
            form.fields["DELETE"].widget.attrs["class"] = "nhsuk-checkboxes__input"


ResolutionFormSet = forms.formset_factory(
    ResolutionForm, formset=BaseResolutionFormSet, extra=2, max_num=20, can_delete=True
)


def resolutions_from(formset):
    return [
        ResolutionText(
            f.cleaned_data["text"],
            f.cleaned_data["outcome"],
            **{name: f.cleaned_data.get(name) for name in RESOLUTION_DETAILS},
        )
        for f in formset.forms
        if f.cleaned_data.get("text", "").strip() and not f.cleaned_data.get("DELETE")
    ]


def resolutions_initial(item):
    return [
        {
            "text": r.text,
            "outcome": r.outcome,
            **{name: r.serializable_value(name) for name in RESOLUTION_DETAILS},
        }
        for r in item.resolutions.all()
    ]


class ApproveMinutesForm(NHSFormMixin, forms.Form):
    at_meeting = forms.ModelChoiceField(
        label="Approved at the meeting of", queryset=Meeting.objects.none(), empty_label=None
    )
    amended = forms.TypedChoiceField(
        label="How were they approved?",
        choices=[
            ("no", "As a true record, without amendment"),
            ("yes", "With amendments"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )
    amendments = forms.CharField(
        label="The amendments agreed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown on the minutes. Make the amendments in the minutes before approving.",
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        later = Meeting.objects.filter(
            board=meeting.board_id,
            starts_at__gt=meeting.starts_at,
            status__in=MeetingStatus.taking_place(),
        ).order_by("starts_at")
        self.fields["at_meeting"].queryset = later
        self.fields["at_meeting"].label_from_instance = lambda m: m.day_name

    def clean(self):
        data = super().clean()
        if data.get("amended") and not data.get("amendments", "").strip():
            self.add_error("amendments", "Write the amendments the board agreed.")
        if not data.get("amended"):
            data["amendments"] = ""
        return data
