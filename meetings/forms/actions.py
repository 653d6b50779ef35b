"""Forms of the action log: raising an action, its leads and due date, closing it, and
adding progress to one."""

import datetime

from django import forms
from django.utils.text import Truncator

from partners.forms import NHSFormMixin

from ..models import (
    ActionStatus,
    ItemMinute,
    Meeting,
    MeetingStatus,
    Resolution,
)
from .base import (
    DateInput,
    ItemField,
    MeetingField,
    PersonField,
    missing,
    offer_people,
    radios,
)

DUE_BY_DATE, DUE_IN_MONTH, DUE_AT_MEETING, ONGOING = "date", "month", "meeting", "ongoing"
LEAD_LABELS = ["Responsible lead", "Second lead", "Third lead"]


class MonthField(forms.CharField):
    """A month without a day, as people write it: "March 2027" (or 2027-03, 03/2027)."""

    FORMATS = ["%B %Y", "%b %Y", "%Y-%m", "%m/%Y"]

    def to_python(self, value):
        value = " ".join(super().to_python(value).split())
        if not value:
            return None
        for form in self.FORMATS:
            try:
                return datetime.datetime.strptime(value, form).date()
            except ValueError:
                continue
        raise forms.ValidationError("Give the month and year, for example March 2027.")

    def prepare_value(self, value):
        return f"{value:%B %Y}" if isinstance(value, datetime.date) else value


class ResolutionField(forms.ModelChoiceField):
    """A resolution of the meeting, by its item and words; the form sets the meeting's."""

    def __init__(self, **kwargs):
        kwargs.setdefault("empty_label", "No resolution")
        super().__init__(Resolution.objects.none(), required=False, **kwargs)

    def label_from_instance(self, resolution):
        return f"Item {resolution.item.reference}: {Truncator(resolution.text).chars(90)}"


class MinuteField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("empty_label", "No minute")
        super().__init__(ItemMinute.objects.none(), required=False, **kwargs)

    def label_from_instance(self, minute):
        return f"Item {minute.item.reference}. {minute.item.title}"


def resolutions_of(meeting):
    return Resolution.objects.filter(item__meeting=meeting).select_related("item")


class DuePointForm(NHSFormMixin, forms.Form):
    """When an action is due: by a date, in a month, at a later meeting, or on-going."""

    due = radios(
        [
            (DUE_BY_DATE, "By a date"),
            (DUE_IN_MONTH, "In a month"),
            (DUE_AT_MEETING, "At a later meeting of the board"),
            (ONGOING, "On-going"),
        ],
        "When is it due?",
        **missing("Say when the action is due: by a date, in a month, at a meeting, or on-going."),
    )
    due_on = forms.DateField(
        label="Due date",
        required=False,
        widget=DateInput,
        help_text="If it is due by a date.",
    )
    due_month = MonthField(
        label="Due in the month of",
        required=False,
        help_text="If it is due in a month, for example March 2027. It is overdue once the "
        "month has ended.",
    )
    due_meeting = MeetingField(
        Meeting.objects.none(),
        label="Due at the meeting of",
        required=False,
        empty_label="Choose a meeting",
        help_text="If it is due at a later meeting.",
    )

    def due_meetings(self, meeting):
        self.fields["due_meeting"].queryset = (
            Meeting.objects.filter(board=meeting.board, starts_at__gt=meeting.starts_at)
            .exclude(status=MeetingStatus.CANCELLED)
            .order_by("starts_at")
        )

    def clean(self):
        data = super().clean()
        needed = {
            DUE_BY_DATE: ("due_on", "Give the date the action is due."),
            DUE_IN_MONTH: ("due_month", "Give the month the action is due in."),
            DUE_AT_MEETING: ("due_meeting", "Choose the meeting the action is due at."),
        }.get(data.get("due"))
        if needed and not data.get(needed[0]) and needed[0] not in self.errors:
            self.add_error(*needed)
        return data

    def due_fields(self):
        """The service's arguments: only the kind of due point chosen counts."""
        data, due = self.cleaned_data, self.cleaned_data["due"]
        by_month = due == DUE_IN_MONTH
        return {
            "due_on": data["due_month"]
            if by_month
            else data["due_on"]
            if due == DUE_BY_DATE
            else None,
            "due_month": by_month,
            "due_meeting": data["due_meeting"] if due == DUE_AT_MEETING else None,
            "ongoing": due == ONGOING,
        }


def due_initial(action):
    """The form's values for an action's present due point."""
    if action.ongoing:
        return {"due": ONGOING}
    if action.due_meeting_id:
        return {"due": DUE_AT_MEETING, "due_meeting": action.due_meeting_id}
    if action.due_month:
        return {"due": DUE_IN_MONTH, "due_month": action.due_on}
    return {"due": DUE_BY_DATE, "due_on": action.due_on}


def lead_fields(form, count, initial=()):
    """Person pickers for the leads, first lead first; only the first must be chosen."""
    for number in range(count):
        name = "lead" if number == 0 else f"lead_{number + 1}"
        label = LEAD_LABELS[number] if number < len(LEAD_LABELS) else f"Lead {number + 1}"
        if number == 0:
            field = PersonField(label=label, **missing("Choose the responsible lead."))
        else:
            field = PersonField(label=label, required=False, empty_label="No other lead")
        form.fields[name] = field
        if number < len(initial):
            form.initial[name] = initial[number].pk


def chosen_leads(form):
    """The leads chosen, in order; the same person twice is a mistake to point out."""
    leads = []
    for name in form.fields:
        person = form.cleaned_data.get(name) if name.startswith("lead") else None
        if person is not None and person in leads:
            form.add_error(name, f"{person.full_name} is already a lead of this action.")
        elif person is not None:
            leads.append(person)
    return leads


class ActionRaiseForm(DuePointForm):
    raised_at = ItemField(
        label="Raised at item",
        empty_label="Choose an item",
        **missing("Choose the item the action was raised at."),
    )
    raised_by_resolution = ResolutionField(
        label="Resolution that created it",
        help_text="If a resolution of this meeting created the action.",
    )
    title = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 3}),
        **missing("Say what the action is."),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raised_at"].queryset = meeting.items.order_by("number")
        self.fields["raised_by_resolution"].queryset = resolutions_of(meeting)
        lead_fields(self, len(LEAD_LABELS))
        offer_people(self, meeting.board, meeting)
        self.due_meetings(meeting)
        self.order_fields(["raised_at", "raised_by_resolution", "title", *self.lead_names()])

    def lead_names(self):
        return [name for name in self.fields if name.startswith("lead")]

    def clean(self):
        data = super().clean()
        self.leads = chosen_leads(self)
        return data

    def action_fields(self):
        """The service's arguments."""
        data = self.cleaned_data
        return {
            "item": data["raised_at"],
            "resolution": data["raised_by_resolution"],
            "title": data["title"],
            "lead": self.leads[0],
            "other_leads": self.leads[1:],
            **self.due_fields(),
        }


class ActionDueForm(DuePointForm):
    """Revising when an action is due, with the reason."""

    reason = forms.CharField(
        label="Why is the due date revised?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the action's history.",
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, initial=due_initial(action), **kwargs)
        self.due_meetings(action.raised_at.meeting)

    def revise_fields(self):
        return {"reason": self.cleaned_data["reason"], **self.due_fields()}


class ActionLeadsForm(NHSFormMixin, forms.Form):
    """Who leads an action, first lead first, with room for one more."""

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        leads = action.leads_in_order
        lead_fields(self, max(len(LEAD_LABELS), len(leads) + 1), leads)
        meeting = action.raised_at.meeting
        offer_people(self, meeting.board, meeting)

    def clean(self):
        data = super().clean()
        self.leads = chosen_leads(self)
        return data


class ActionCloseForm(NHSFormMixin, forms.Form):
    """The board closing an action, with the resolution or minute that closed it."""

    closed_by_resolution = ResolutionField(label="Resolution that closed it")
    closed_by_minute = MinuteField(label="Minute that closed it")

    def __init__(self, *args, meeting, required, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_by_resolution"].queryset = resolutions_of(meeting)
        self.fields["closed_by_minute"].queryset = ItemMinute.objects.filter(
            item__meeting=meeting
        ).select_related("item")
        rule = "The board records the resolution or minute that closed each action: choose one."
        self.fields["closed_by_resolution"].help_text = rule if required else "If there is one."

    def close_fields(self):
        return {
            "resolution": self.cleaned_data["closed_by_resolution"],
            "minute": self.cleaned_data["closed_by_minute"],
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
