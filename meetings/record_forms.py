"""Forms of the screens that record a meeting: attendance, comings and goings, declarations
of interest, and the action log. Field names follow the services' arguments, so that a
refusal from a service lands on the field it is about."""

from django import forms

from partners.forms import NHSFormMixin
from partners.models import User

from .forms import DateInput
from .models import (
    HERE,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceKind,
    InterestType,
    Meeting,
    MeetingStatus,
    MovementKind,
    Ruling,
)

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
        return attendance.person.full_name


def attendees(rows):
    return rows.select_related("person").order_by("person__full_name")


class ItemField(forms.ModelChoiceField):
    """An item of the meeting's agenda, by number and title; the form sets the meeting's."""

    def __init__(self, **kwargs):
        super().__init__(AgendaItem.objects.none(), **kwargs)

    def label_from_instance(self, item):
        return f"{item.number}. {item.title}"


def radios(choices, label, **kwargs):
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, **kwargs)


def missing(message):
    """A message that says what to do, rather than Django's "This field is required"."""
    return {"error_messages": {"required": message}}


class AttendanceForm(NHSFormMixin, forms.Form):
    person = PersonField(label="Person", **missing("Choose the person."))
    kind = radios(AttendanceKind.choices, "Recorded as", **missing("Choose how they are recorded."))
    on_behalf_of = PersonField(
        label="On behalf of",
        required=False,
        empty_label="Nobody (not a deputy)",
        help_text="For a deputy only: the member they attend for.",
    )


class MovementForm(NHSFormMixin, forms.Form):
    attendance = AttendeeField(
        label="Who",
        help_text="People recorded as present or in attendance.",
        **missing("Choose who came or went."),
    )
    kind = radios(
        MovementKind.choices,
        "What happened",
        **missing("Choose whether they arrived, left or returned."),
    )
    item = ItemField(
        label="At item", empty_label="Choose an item", **missing("Choose the item it happened at.")
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=200,
        help_text="Optional, for example 'to attend another meeting'.",
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        # Only someone at the meeting can arrive late, leave or come back.
        self.fields["attendance"].queryset = attendees(meeting.attendance.filter(kind__in=HERE))
        self.fields["item"].queryset = meeting.items.order_by("number")


class DeclarationForm(NHSFormMixin, forms.Form):
    attendance = AttendeeField(
        label="Who declared the interest", **missing("Choose who declared the interest.")
    )
    item = ItemField(
        label="At item",
        required=False,
        empty_label="At the start of the meeting (no particular item)",
    )
    interest_type = radios(
        InterestType.choices, "Type of interest", **missing("Choose the type of interest.")
    )
    nature = forms.CharField(
        label="Nature of the interest", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    ruling = radios(Ruling.choices, "The chair's ruling", **missing("Choose the chair's ruling."))
    chaired_by = PersonField(
        label="Who chaired the item instead",
        required=False,
        empty_label="The chair",
        help_text="When the chair declares, the deputy chair is recorded unless you name "
        "someone else.",
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        # Everyone on the list, so that a declaration by someone not present is refused
        # with the reason rather than by a missing name.
        self.fields["attendance"].queryset = attendees(meeting.attendance.all())
        self.fields["item"].queryset = meeting.items.order_by("number")


DUE_BY_DATE, DUE_AT_MEETING, ONGOING = "date", "meeting", "ongoing"


class MeetingField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        return f"{meeting.date:%-d %B %Y}"


class ActionRaiseForm(NHSFormMixin, forms.Form):
    raised_at = ItemField(
        label="Raised at item",
        empty_label="Choose an item",
        **missing("Choose the item the action was raised at."),
    )
    title = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 3}),
        **missing("Say what the action is."),
    )
    lead = PersonField(label="Responsible lead", **missing("Choose the responsible lead."))
    due = radios(
        [
            (DUE_BY_DATE, "By a date"),
            (DUE_AT_MEETING, "At a later meeting of the board"),
            (ONGOING, "On-going"),
        ],
        "When is it due?",
        **missing("Say when the action is due: by a date, at a meeting, or on-going."),
    )
    due_on = forms.DateField(
        label="Due date", required=False, widget=DateInput, help_text="If it is due by a date."
    )
    due_meeting = MeetingField(
        Meeting.objects.none(),
        label="Due at the meeting of",
        required=False,
        empty_label="Choose a meeting",
        help_text="If it is due at a later meeting.",
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raised_at"].queryset = meeting.items.order_by("number")
        self.fields["due_meeting"].queryset = (
            Meeting.objects.filter(board=meeting.board, starts_at__gt=meeting.starts_at)
            .exclude(status=MeetingStatus.CANCELLED)
            .order_by("starts_at")
        )

    def clean(self):
        data = super().clean()
        if data.get("due") == DUE_BY_DATE and not data.get("due_on"):
            self.add_error("due_on", "Give the date the action is due.")
        if data.get("due") == DUE_AT_MEETING and not data.get("due_meeting"):
            self.add_error("due_meeting", "Choose the meeting the action is due at.")
        return data

    def action_fields(self):
        """The service's arguments: only the kind of due date chosen counts."""
        data = self.cleaned_data
        return {
            "item": data["raised_at"],
            "title": data["title"],
            "lead": data["lead"],
            "due_on": data["due_on"] if data["due"] == DUE_BY_DATE else None,
            "due_meeting": data["due_meeting"] if data["due"] == DUE_AT_MEETING else None,
            "ongoing": data["due"] == ONGOING,
        }


KEEP_STATUS = ""


class ActionUpdateForm(NHSFormMixin, forms.Form):
    """A line of progress on one action; the prefix keeps the fields of each action's form
    apart when "my actions" shows several."""

    text = forms.CharField(
        label="Progress update", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = radios(
        [
            (KEEP_STATUS, "Leave the status as it is"),
            (ActionStatus.IN_PROGRESS, ActionStatus.IN_PROGRESS.label),
            (ActionStatus.PROPOSED_FOR_CLOSURE, ActionStatus.PROPOSED_FOR_CLOSURE.label),
        ],
        "Status",
        required=False,
        initial=KEEP_STATUS,
        help_text="Only the board closes an action, at a meeting.",
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, prefix=f"action-{action.pk}", **kwargs)
        self.fields["text"].label = f"Progress update on {action.code}"
        self.fields["status"].label = f"Status of {action.code}"

    def update_fields(self):
        status = self.cleaned_data["status"]
        return {
            "text": self.cleaned_data["text"],
            "status": ActionStatus(status) if status else None,
        }
