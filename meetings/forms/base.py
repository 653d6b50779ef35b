"""The pieces every form of the meetings app is built from: date and time inputs, a bare
confirmation, a reason, and the fields that choose a person, an attendee, an item or a meeting."""

from django import forms
from django.db.models import Q
from django.utils import timezone

from partners.forms import NHSFormMixin
from partners.models import Membership, User
from partners.permissions import board_manager_ids

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
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason."},
    )


CHOOSE_A_PERSON = "Choose a person"
NOT_OFFERED = (
    "Choose someone from the list: the board's members, its secretariat and the people at "
    "the meeting."
)


class PersonField(forms.ModelChoiceField):
    """A person of the board, by name (with their job title, to tell namesakes apart); the
    form sets whose board and meeting (see `offer_people`)."""

    # Someone seated on another board (a deputy, an officer of a partner) may attend, when
    # the form says so (`anyone_seated`).
    def __init__(self, *, anyone_seated=False, **kwargs):
        kwargs.setdefault("empty_label", CHOOSE_A_PERSON)
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("invalid_choice", NOT_OFFERED)
        super().__init__(User.objects.none(), **kwargs)
        self.anyone_seated = anyone_seated

    def label_from_instance(self, person):
        return f"{person.full_name}, {person.job_title}" if person.job_title else person.full_name


def board_people_ids(board, meeting=None):
    """Who a person picker of the board offers: those with a seat on the board today (or on
    the day of the meeting), those who run its meetings, and those on the meeting's
    attendance list."""
    days = {timezone.localdate()} | ({meeting.date} if meeting is not None else set())
    seats = Membership.objects.none()
    for day in days:
        seats |= Membership.objects.active(day)
    ids = set(seats.filter(board=board).values_list("user_id", flat=True))
    ids |= board_manager_ids(board)
    if meeting is not None and meeting.pk:
        ids |= set(meeting.attendance.exclude(person=None).values_list("person_id", flat=True))
    return ids


def offer_people(form, board, meeting=None):
    """Limit every person picker of `form` to the board's people, and the person it shows now
    (so that an old record still shows someone who has since left)."""
    ids = board_people_ids(board, meeting)
    for name, field in form.fields.items():
        if not isinstance(field, PersonField):
            continue
        current = form.initial.get(name)
        current = getattr(current, "pk", current)
        offered = Q(pk__in=ids)
        if field.anyone_seated:
            offered |= Q(memberships__in=Membership.objects.active())
        field.queryset = (
            User.objects.filter(Q(offered, is_active=True) | Q(pk__in=[current] if current else []))
            .distinct()
            .order_by("full_name")
        )


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
