"""Forms of the minutes screens: an item's minute with its resolutions, and approval."""

from django import forms
from django.utils import timezone

from partners.forms import NHSFormMixin

from ..models import Meeting, MeetingStatus, Outcome
from ..rich_text import HINT, as_typed, from_typed
from ..services.minutes import ResolutionText
from .resolutions import RESOLUTION_DETAILS, ResolutionDetailsMixin


class ItemMinuteForm(NHSFormMixin, forms.Form):
    discussion = forms.CharField(
        label="Discussion",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=HINT,
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
        error_messages={"required": "Enter the reason for the correction."},
        help_text="Shown on the minutes beside the correction.",
    )

    def __init__(self, *args, minute=None, correcting=False, **kwargs):
        # The editor shows the discussion as it was typed, not the HTML it is stored as.
        self.stored = minute.discussion if minute is not None else ""
        if minute is not None:
            kwargs["initial"] = {"discussion": as_typed(self.stored), "noted": minute.noted}
        super().__init__(*args, **kwargs)
        if not correcting:
            del self.fields["reason"]

    def clean_discussion(self):
        """The discussion as HTML. A browser posts a textarea's line breaks as CRLF; the
        discussion posted back as shown keeps its stored HTML exactly."""
        typed = _lines(self.cleaned_data["discussion"])
        if typed == as_typed(self.stored):
            return self.stored
        return from_typed(typed)

    def clean_noted(self):
        return _lines(self.cleaned_data["noted"])


def _lines(text):
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


class ResolutionForm(ResolutionDetailsMixin, NHSFormMixin, forms.Form):
    field_order = ["text", "outcome"]
    # The resolution a row edits, so that saving keeps its links to actions and memberships.
    resolution = forms.IntegerField(required=False, widget=forms.HiddenInput)
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
        data["text"] = _lines(data.get("text", ""))
        if data.get("text", "").strip() and not data.get("outcome"):
            self.add_error("outcome", "Choose the outcome of this resolution.")
        if data.get("outcome") and not data.get("text", "").strip():
            self.add_error("text", "Write what the board resolved, or clear the outcome.")
        return data


class BaseResolutionFormSet(forms.BaseFormSet):
    row_name = "Resolution"  # in the error summary: "Resolution 2: Enter the wording."

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
            pk=f.cleaned_data.get("resolution"),
        )
        for f in formset.forms
        if f.cleaned_data.get("text", "").strip() and not f.cleaned_data.get("DELETE")
    ]


def resolutions_initial(item):
    return [
        {
            "resolution": r.pk,
            "text": r.text,
            "outcome": r.outcome,
            **{name: r.serializable_value(name) for name in RESOLUTION_DETAILS},
        }
        for r in item.resolutions.all()
    ]


class ApproveMinutesForm(NHSFormMixin, forms.Form):
    at_meeting = forms.ModelChoiceField(
        label="Approved at the meeting of",
        queryset=Meeting.objects.none(),
        empty_label=None,
        error_messages={"required": "Select the meeting the minutes were approved at."},
        help_text="A later meeting of the board that has been held, or is being held today.",
    )
    amended = forms.TypedChoiceField(
        label="How were they approved?",
        choices=[
            ("no", "As a true record, without amendment"),
            ("yes", "With amendments"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the minutes were approved."},
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
        # Only a meeting that has been held, or is being held today, can approve (the
        # service refuses any other): a future meeting is not offered.
        later = Meeting.objects.filter(
            board=meeting.board_id,
            starts_at__gt=meeting.starts_at,
            status__in=MeetingStatus.taking_place(),
            date__lte=timezone.localdate(),
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
