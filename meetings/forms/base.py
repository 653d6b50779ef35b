"""The pieces every form of the meetings app is built from: date and time inputs, a bare
confirmation, a reason, and the fields that choose a person, an attendee, an item or a meeting."""

from django import forms

from partners.forms import NHSFormMixin
from partners.models import User

from ..models import (
    AgendaItem,
    Attendance,
)


class DateInput(forms.DateInput):
    """A browser's date picker. Its value must be an ISO date whatever the language: a
    browser shows any other value (13/01/2027) as empty, and posts it empty."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format=format)


class TimeInput(forms.TimeInput):
    """A browser's time picker, with the value as hours and minutes (14:00), as it shows it."""

    input_type = "time"

    def __init__(self, attrs=None, format="%H:%M"):
        super().__init__(attrs, format=format)


class NoReasonForm(NHSFormMixin, forms.Form):
    """A confirmation: nothing to fill in, only a button."""


class ReasonForm(NHSFormMixin, forms.Form):
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))


CHOOSE_A_PERSON = "Choose a person"


class PersonField(forms.ModelChoiceField):
    """Anyone who can sign in, by name (with their job title, to tell namesakes apart)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("empty_label", CHOOSE_A_PERSON)
        super().__init__(User.objects.filter(is_active=True).order_by("full_name"), **kwargs)

    def label_from_instance(self, person):
        return f"{person.full_name}, {person.job_title}" if person.job_title else person.full_name


class AttendeeField(forms.ModelChoiceField):
    """A row of the meeting's attendance list, shown as the person's name; the form sets
    which rows (see `attendees`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("empty_label", CHOOSE_A_PERSON)
        super().__init__(Attendance.objects.none(), **kwargs)

    def label_from_instance(self, attendance):
        return attendance.full_name


def attendees(rows):
    return rows.select_related("person").order_by("person__full_name", "name")


class ItemField(forms.ModelChoiceField):
    """An item of the meeting's agenda, by number and title; the form sets the meeting's."""

    def __init__(self, **kwargs):
        super().__init__(AgendaItem.objects.none(), **kwargs)

    def label_from_instance(self, item):
        return f"{item.reference}. {item.title}"


def radios(choices, label, **kwargs):
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, **kwargs)


def missing(message):
    """A message that says what to do, rather than Django's "This field is required"."""
    return {"error_messages": {"required": message}}


class MeetingField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        return meeting.day_name
