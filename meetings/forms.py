"""Forms of the secretariat's screens, on the NHS.UK look shared by every form."""

import datetime

from django import forms
from django.utils import timezone

from partners.forms import NHSFormMixin
from partners.models import Membership, User

from .models import ANSWER_FIELDS, AgendaItem, Meeting, MeetingStatus, Paper, StandingItem


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class MeetingForm(NHSFormMixin, forms.ModelForm):
    """A meeting's day, times and place; the day and times become its start and end."""

    day = forms.DateField(label="Date", widget=DateInput)
    start_time = forms.TimeField(label="Start time", widget=TimeInput)
    end_time = forms.TimeField(label="End time", widget=TimeInput)

    class Meta:
        model = Meeting
        fields = ["location", "online_link", "held_in_public", "next_meeting_on"]
        fields += ["next_meeting_note"]
        widgets = {"next_meeting_on": DateInput}

    field_order = ["day", "start_time", "end_time"]
    # The model's rules speak of its fields; the form shows them on its own.
    model_error_fields = {"starts_at": "start_time", "ends_at": "end_time", "date": "day"}

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            errors.error_dict = {
                self.model_error_fields.get(name, name): messages
                for name, messages in errors.error_dict.items()
            }
        super()._update_errors(errors)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            starts = timezone.localtime(self.instance.starts_at)
            self.initial.update(
                day=starts.date(),
                start_time=starts.time(),
                end_time=timezone.localtime(self.instance.ends_at).time(),
            )

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            data["starts_at"] = timezone.make_aware(datetime.datetime.combine(day, start))
            data["ends_at"] = timezone.make_aware(datetime.datetime.combine(day, end))
            # So that the model's own rules (ends after it starts...) run with the form's.
            self.instance.starts_at, self.instance.ends_at = data["starts_at"], data["ends_at"]
        return data

    def meeting_fields(self):
        data = self.cleaned_data
        names = ["starts_at", "ends_at", *self.Meta.fields]
        return {name: data[name] for name in names}


class SectionForm(NHSFormMixin, forms.Form):
    title = forms.CharField(label="Section title", max_length=200)


class AgendaItemForm(NHSFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["section", "title", "presenters", "presenters_text", "action", "format"]
        fields += ["expected_minutes", "confidential", "public_title", "confidential_reason"]
        widgets = {"presenters": forms.CheckboxSelectMultiple}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = meeting.sections.all()
        self.fields["section"].empty_label = None
        seats = Membership.objects.active(meeting.date).filter(board=meeting.board)
        self.fields["presenters"].queryset = User.objects.filter(memberships__in=seats).distinct()
        self.fields["presenters"].required = False

    def item_fields(self):
        return dict(self.cleaned_data)


class NoReasonForm(NHSFormMixin, forms.Form):
    """A confirmation: nothing to fill in, only a button."""


class ReasonForm(NHSFormMixin, forms.Form):
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))


class DeferForm(ReasonForm):
    to_meeting = forms.ModelChoiceField(
        label="Defer to the meeting of", queryset=Meeting.objects.none(), empty_label=None
    )
    field_order = ["to_meeting", "reason"]

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_meeting"].queryset = Meeting.objects.filter(
            board=item.meeting.board,
            starts_at__gt=item.meeting.starts_at,
            status__in=[MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED],
        ).order_by("starts_at")
        self.fields["to_meeting"].label_from_instance = lambda m: f"{m.date:%-d %B %Y}"


class PublishForm(NHSFormMixin, forms.Form):
    late_reason = forms.CharField(
        label="If this is late, why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Shown to the public beside 'published late'.",
    )
    note = forms.CharField(
        label="What the supplement contains",
        required=False,
        max_length=300,
        help_text="For a supplement, e.g. 'Item 8 paper'.",
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


class StandingItemForm(NHSFormMixin, forms.ModelForm):
    class Meta:
        model = StandingItem
        fields = ["section_title", "title", "presenters_text", "action", "format", "position"]
