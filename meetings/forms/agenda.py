"""Forms of planning a meeting and its agenda: the meeting, a section, an item, a deferral,
and the board's standing items."""

import datetime

from django import forms
from django.utils import timezone

from partners.forms import NHSFormMixin
from partners.models import Membership, User

from ..models import (
    Action,
    AgendaItem,
    ExemptBusinessLaw,
    ItemFormat,
    Meeting,
    MeetingStatus,
    StandingItem,
    StandingKind,
)
from ..selectors.board_settings import settings_for
from .base import (
    DateInput,
    ReasonForm,
    TimeInput,
    missing,
)


class MeetingForm(NHSFormMixin, forms.ModelForm):
    """A meeting's day, times and place; the day and times become its start and end."""

    day = forms.DateField(
        label="Date", widget=DateInput, **missing("Enter the date of the meeting.")
    )
    start_time = forms.TimeField(
        label="Start time", widget=TimeInput, **missing("Enter the time the meeting starts.")
    )
    end_time = forms.TimeField(label="End time (optional)", widget=TimeInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = ["location", "online_link", "held_in_public", "next_meeting_on"]
        fields += ["next_meeting_note", "code", "session"]
        widgets = {"next_meeting_on": DateInput}
        labels = {"location": "Location (leave blank if the venue is to be confirmed)"}
        # The page prints the next meeting's date before this note: the note need not repeat it.
        help_texts = {
            "next_meeting_note": "Its time and place, for example: 10:00 to 12:00, MS Teams. "
            "The date is shown from the field above."
        }

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
        if self.instance.is_published:
            # The address of a published meeting has gone out: it must keep working.
            self.fields["session"].disabled = True
        if self.instance.pk:
            starts = timezone.localtime(self.instance.starts_at)
            ends = self.instance.ends_at
            self.initial.update(
                day=starts.date(),
                start_time=starts.time(),
                end_time=timezone.localtime(ends).time() if ends else None,
                version=self.instance.version,
            )

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day and start:
            data["starts_at"] = timezone.make_aware(datetime.datetime.combine(day, start))
            data["ends_at"] = (
                timezone.make_aware(datetime.datetime.combine(day, end)) if end else None
            )
            # So that the model's own rules (ends after it starts...) run with the form's.
            self.instance.starts_at, self.instance.ends_at = data["starts_at"], data["ends_at"]
        return data

    def meeting_fields(self):
        data = self.cleaned_data
        names = ["starts_at", "ends_at", *self.Meta.fields]
        return {name: data[name] for name in names}

    def loaded_version(self):
        """The version of the meeting the form was loaded with (None for a new one)."""
        return self.cleaned_data.get("version")


class SectionForm(NHSFormMixin, forms.Form):
    title = forms.CharField(
        label="Section title", max_length=200, **missing("Enter a title for the section.")
    )


class AgendaItemForm(NHSFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AgendaItem
        fields = ["section", "parent", "title", "presenters", "presenters_text", "action"]
        fields += ["format", "start_time", "expected_minutes", "confidential", "public_title"]
        fields += ["confidential_reason", "exempt_paragraph", "urgent", "urgency_reason"]
        widgets = {
            "presenters": forms.CheckboxSelectMultiple,
            "start_time": TimeInput,
        }
        labels = {"start_time": "Start time (optional)"}
        error_messages = {
            "section": {"required": "Select the section the item is in."},
            "title": {"required": "Enter the title of the item."},
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = meeting.sections.all()
        self.fields["section"].empty_label = None
        self.fields["section"].help_text = "A sub-item goes in its item's section."
        mains = meeting.items.filter(parent__isnull=True).order_by("number")
        if self.instance.pk:
            mains = mains.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = mains
        self.fields["parent"].empty_label = "None: an item of its own"
        self.fields["parent"].label_from_instance = lambda i: f"{i.reference}. {i.title}"
        self.fields["action"].choices = [("", "None"), *Action.choices]
        self.fields["format"].choices = [("", "None"), *ItemFormat.choices]
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
        seats = Membership.objects.active(meeting.date).filter(board=meeting.board)
        self.fields["presenters"].queryset = User.objects.filter(memberships__in=seats).distinct()
        self.fields["presenters"].required = False
        if settings_for(meeting.board).exempt_business_law != ExemptBusinessLaw.LOCAL_GOVERNMENT:
            del self.fields["exempt_paragraph"]  # only the 1972 Act has paragraphs

    def item_fields(self):
        """The item's fields for the service, with the version the form was loaded with."""
        fields = dict(self.cleaned_data)
        if not self.instance.pk:
            fields.pop("version")
        return fields


class DeferForm(ReasonForm):
    to_meeting = forms.ModelChoiceField(
        label="Defer to the meeting of",
        queryset=Meeting.objects.none(),
        empty_label=None,
        **missing("Select the meeting to defer the item to."),
    )
    field_order = ["to_meeting", "reason"]

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_meeting"].queryset = Meeting.objects.filter(
            board=item.meeting.board,
            starts_at__gt=item.meeting.starts_at,
            status__in=[MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED],
        ).order_by("starts_at")
        self.fields["to_meeting"].label_from_instance = lambda m: m.day_name


class StandingItemForm(NHSFormMixin, forms.ModelForm):
    class Meta:
        model = StandingItem
        fields = ["section_title", "title", "presenters_text", "action", "format", "position"]
        fields += ["standing"]
        labels = {"standing": "The portal knows it as"}
        error_messages = {
            "section_title": {"required": "Enter the title of the section the item is in."},
            "title": {"required": "Enter the title of the item."},
            "action": {"required": "Select what the board is asked to do."},
            "format": {"required": "Select the format of the item."},
            "position": {"required": "Enter the item's position, a number such as 10."},
        }
        help_texts = {
            "standing": "The minutes of the previous meeting are approved under the item "
            "known as such; the papers and the pack look for it too."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standing"].choices = [
            ("", "An item of the board's own"),
            *StandingKind.choices,
        ]


def standing_rows(formset):
    """The standing items form as plain rows for the service: each kept or changed row with
    its fields (and the `pk` of the item it changes), each ticked row with `delete`; blank
    spare rows are left out."""
    rows = []
    for form in formset.forms:
        pk = form.instance.pk
        if form in formset.deleted_forms:
            if pk:
                rows.append({"pk": pk, "delete": True})
            continue
        if not form.cleaned_data.get("title"):
            continue  # a blank spare row
        fields = {name: form.cleaned_data[name] for name in StandingItemForm.Meta.fields}
        rows.append({"pk": pk, **fields})
    return rows
