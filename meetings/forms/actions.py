"""Forms of the action log: raising an action, and adding progress to one."""

from django import forms

from partners.forms import NHSFormMixin

from ..models import (
    ActionStatus,
    Meeting,
    MeetingStatus,
)
from .base import (
    DateInput,
    ItemField,
    MeetingField,
    PersonField,
    missing,
    radios,
)

DUE_BY_DATE, DUE_AT_MEETING, ONGOING = "date", "meeting", "ongoing"


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
