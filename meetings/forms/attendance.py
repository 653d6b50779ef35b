"""Forms of recording a meeting: attendance, comings and goings, declarations of interest."""

from django import forms

from partners.forms import NHSFormMixin

from ..models import (
    HERE,
    AttendanceKind,
    InterestType,
    MovementKind,
    Ruling,
)
from .base import (
    AttendeeField,
    ItemField,
    PersonField,
    attendees,
    missing,
    radios,
)


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
