"""Forms of recording a meeting: attendance, comings and goings, declarations of interest."""

from django import forms

from partners.forms import NHSFormMixin

from ..models import (
    HERE,
    AttendanceKind,
    DeclarationsAsked,
    InterestType,
    MovementKind,
    Ruling,
)
from ..selectors.board_settings import settings_for
from .base import (
    AttendeeField,
    ItemField,
    PersonField,
    attendees,
    missing,
    offer_people,
    radios,
)


class AttendanceForm(NHSFormMixin, forms.Form):
    """Record one person's attendance, or (with `attendance`) change a row of the list."""

    person = PersonField(
        label="Person",
        anyone_seated=True,
        required=False,
        empty_label="Someone without an account (give their name below)",
        help_text="Anyone with a seat on one of the portal's boards, such as a deputy. Give "
        "anyone else's name below.",
    )
    name = forms.CharField(
        label="Name of someone without an account",
        required=False,
        max_length=200,
        help_text="For example a member of the public, an observer or a minute-taker.",
    )
    organisation_name = forms.CharField(
        label="Organisation",
        required=False,
        max_length=200,
        help_text="As on the day. Empty for someone with an account: their own is kept.",
    )
    job_title = forms.CharField(
        label="Job title",
        required=False,
        max_length=200,
        help_text="As on the day. Empty for someone with an account: their own is kept.",
    )
    kind = radios(AttendanceKind.choices, "Recorded as", **missing("Choose how they are recorded."))
    on_behalf_of = PersonField(
        label="On behalf of",
        required=False,
        empty_label="Nobody (not a deputy)",
        help_text="For a deputy only: the member they attend for.",
    )
    group = forms.CharField(
        label="Heading in the minutes",
        required=False,
        max_length=100,
        help_text="For members present, for example ICP Leads. Others are listed under "
        "their kind: in attendance, observers, governors...",
    )
    from_item = ItemField(
        label="Present from item",
        required=False,
        empty_label="The start of the meeting",
        help_text="For someone present for part of the meeting only.",
    )
    until_item = ItemField(
        label="Present until item",
        required=False,
        empty_label="The end of the meeting",
        help_text="The same item as above for someone there for one item only.",
    )

    def __init__(self, *args, meeting, attendance=None, **kwargs):
        if attendance is not None:
            kwargs.setdefault("initial", attendance_initial(attendance))
        super().__init__(*args, **kwargs)
        self.attendance = attendance
        offer_people(self, meeting.board, meeting)
        for name in ("from_item", "until_item"):
            self.fields[name].queryset = meeting.items.order_by("number")
        headings = settings_for(meeting.board).headings
        if headings:
            self.fields["group"].help_text = f"The board's headings: {', '.join(headings)}."
        if attendance is not None:
            # The row stays the same person's; only someone without an account is renamed.
            del self.fields["person"]
            for name in ("job_title", "organisation_name"):
                self.fields[name].help_text = "As on the day: the minutes show it."
            if attendance.person_id:
                del self.fields["name"]

    def clean(self):
        data = super().clean()
        if "person" in self.fields and not data.get("person") and not data.get("name", "").strip():
            self.add_error(
                "name", "Choose a person, or give the name of someone without an account."
            )
        return data

    def service_arguments(self):
        """What the form gives the attendance service; empty titles keep the row's own."""
        data = self.cleaned_data
        arguments = {
            "person": data.get("person"),
            "name": data.get("name", ""),
            "kind": AttendanceKind(data["kind"]),
            "on_behalf_of": data["on_behalf_of"],
            "group": data["group"].strip(),
            "from_item": data["from_item"],
            "until_item": data["until_item"],
            "attendance": self.attendance,
        }
        for name in ("job_title", "organisation_name"):
            if data[name].strip() or self.attendance is not None:
                arguments[name] = data[name]
        if self.attendance is None and not data["group"].strip():
            arguments["group"] = None  # kept as it was
        return arguments


def attendance_initial(row):
    return {
        "name": row.name,
        "organisation_name": row.organisation_name,
        "job_title": row.job_title,
        "kind": row.kind,
        "on_behalf_of": row.on_behalf_of_id,
        "group": row.group,
        "from_item": row.from_item_id,
        "until_item": row.until_item_id,
    }


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

    def __init__(self, *args, meeting, correcting=False, **kwargs):
        super().__init__(*args, **kwargs)
        add_reason(self, correcting, required=False)
        # Only someone at the meeting can arrive late, leave or come back.
        self.fields["attendance"].queryset = attendees(meeting.attendance.filter(kind__in=HERE))
        self.fields["item"].queryset = meeting.items.order_by("number")

    def clean(self):
        return reason_if_changed(self, super().clean())


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

    def __init__(self, *args, meeting, correcting=False, **kwargs):
        super().__init__(*args, **kwargs)
        add_reason(self, correcting, required=False)
        offer_people(self, meeting.board, meeting)
        # Everyone on the list, so that a declaration by someone not present is refused
        # with the reason rather than by a missing name.
        self.fields["attendance"].queryset = attendees(meeting.attendance.all())
        self.fields["item"].queryset = meeting.items.order_by("number")

    def clean(self):
        return reason_if_changed(self, super().clean())


GIVE_THE_REASON = "Give the reason for the correction."


def add_reason(form, correcting, required=True):
    """Once the minutes are approved, a change is a correction: it needs its reason. A form
    that changes a record (`required=False`) asks for it only if something changed, so
    that saving it unchanged is not refused."""
    if correcting:
        form.fields["reason"] = forms.CharField(
            label="Reason for the correction",
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text="Shown on the minutes beside the correction.",
            required=required,
            **missing(GIVE_THE_REASON),
        )


def reason_if_changed(form, data):
    changed = [name for name in form.changed_data if name != "reason"]
    if "reason" in form.fields and changed and not data.get("reason", "").strip():
        form.add_error("reason", GIVE_THE_REASON)
    return data


class RemoveForm(NHSFormMixin, forms.Form):
    """Confirm removing something recorded; a reason once the minutes are approved."""

    def __init__(self, *args, correcting=False, **kwargs):
        super().__init__(*args, **kwargs)
        add_reason(self, correcting)


class DeclarationsAskedForm(NHSFormMixin, forms.Form):
    declarations_asked = radios(
        [
            (DeclarationsAsked.ASKED, "The chair asked for declarations of interest"),
            (DeclarationsAsked.NOT_ASKED, "Declarations of interest were not asked for"),
        ],
        "Did the chair ask for declarations of interest?",
        help_text="When the chair asked and nobody declared, the minutes say that no "
        "interests were declared.",
        **missing("Choose whether the chair asked for declarations."),
    )


def movement_initial(movement):
    return {
        "attendance": movement.attendance_id,
        "kind": movement.kind,
        "item": movement.item_id,
        "note": movement.note,
    }


def declaration_initial(declaration):
    return {
        "attendance": declaration.attendance_id,
        "item": declaration.item_id,
        "interest_type": declaration.interest_type,
        "nature": declaration.nature,
        "ruling": declaration.ruling,
        "chaired_by": declaration.chaired_by_id,
    }
