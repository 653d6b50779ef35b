"""The action log: actions raised at meetings, with leads, due dates and progress."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .agenda import AgendaItem, Meeting


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    PROPOSED_FOR_CLOSURE = "proposed_for_closure", "Proposed for closure"
    CLOSED = "closed", "Closed"
    DEFERRED = "deferred", "Deferred"


STILL_OPEN = [
    ActionStatus.OPEN,
    ActionStatus.IN_PROGRESS,
    ActionStatus.PROPOSED_FOR_CLOSURE,
    ActionStatus.DEFERRED,
]


class MeetingAction(models.Model):
    """An action raised against an agenda item, carried forward until the board closes it."""

    code = models.CharField(max_length=30, unique=True, editable=False)
    raised_at = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="actions")
    title = models.TextField()
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="actions"
    )
    due_on = models.DateField("due date", null=True, blank=True)
    due_meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions_due"
    )
    ongoing = models.BooleanField("on-going", default=False)
    status = models.CharField(max_length=30, choices=ActionStatus.choices, default="open")
    closed_at = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions_closed"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.title[:60]}"

    def clean(self):
        chosen = [bool(self.due_on), bool(self.due_meeting_id), self.ongoing]
        if sum(chosen) != 1:
            raise ValidationError(
                {"due_on": "Give one of: a due date, a meeting it is due at, or on-going."}
            )

    def is_overdue(self, today=None):
        """Open past its due date (or past the meeting it was due at)."""
        if self.status not in STILL_OPEN:
            return False
        today = today or timezone.localdate()
        due = self.due_on or (self.due_meeting.date if self.due_meeting_id else None)
        return due is not None and due < today


class ActionUpdate(models.Model):
    """A dated line of progress on an action."""

    action = models.ForeignKey(MeetingAction, on_delete=models.CASCADE, related_name="updates")
    written_on = models.DateField(default=timezone.localdate)
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["written_on", "id"]

    def __str__(self):
        return f"{self.action.code}, {self.written_on:%-d %B %Y}"
