"""The action log: actions raised at meetings, with their leads, due points and progress."""

import calendar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partners.models import Board

from .agenda import AgendaItem, Meeting
from .minutes import ItemMinute, Resolution


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


def month_end(day):
    """The last day of the month of `day`: an action due "in March 2027" is due by then."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


class MeetingAction(models.Model):
    """An action raised against an agenda item, carried forward until the board closes it.

    Its due point is a date, a month (kept as the month's last day), a meeting, or on-going.
    When the board revises it, the one first agreed is kept, so the log shows the slippage.
    """

    # The board is the raising meeting's, kept here so that codes are unique per board.
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, related_name="actions", editable=False
    )
    code = models.CharField(max_length=30, editable=False)
    raised_at = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="actions")
    raised_by_resolution = models.ForeignKey(
        Resolution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name="resolution that created it",
    )
    title = models.TextField()
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ActionLead", related_name="actions_led"
    )
    due_on = models.DateField("due date", null=True, blank=True)
    due_month = models.BooleanField(
        "due in a month", default=False, help_text="The due date is the last day of that month."
    )
    due_meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions_due"
    )
    ongoing = models.BooleanField("on-going", default=False)
    original_due_on = models.DateField("original due date", null=True, blank=True)
    original_due_month = models.BooleanField("originally due in a month", default=False)
    original_due_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="originally due at the meeting of",
    )
    original_ongoing = models.BooleanField("originally on-going", default=False)
    status = models.CharField(max_length=30, choices=ActionStatus.choices, default="open")
    closed_at = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions_closed"
    )
    closed_by_resolution = models.ForeignKey(
        Resolution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions_closed",
        verbose_name="resolution that closed it",
    )
    closed_by_minute = models.ForeignKey(
        ItemMinute,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions_closed",
        verbose_name="minute that closed it",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "code"],
                name="action_code_unique_per_board",
                violation_error_message="The board already has an action with this code.",
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title[:60]}"

    def clean(self):
        chosen = [bool(self.due_on), bool(self.due_meeting_id), self.ongoing]
        if sum(chosen) != 1:
            raise ValidationError(
                {"due_on": "Give one of: a due date, a meeting it is due at, or on-going."}
            )
        if self.due_month and self.due_on != month_end(self.due_on):
            raise ValidationError({"due_on": "An action due in a month is due by its last day."})

    # The people who lead it, first lead first (from prefetched `lead_rows` on lists).

    @property
    def leads_in_order(self):
        return [row.person for row in self.lead_rows.all()]

    @property
    def lead(self):
        """The first lead: the one the log names first."""
        leads = self.leads_in_order
        return leads[0] if leads else None

    @property
    def lead_ids(self):
        return [row.person_id for row in self.lead_rows.all()]

    # When it is due, and whether that has slipped.

    def due_point(self):
        return (self.due_on, self.due_month, self.due_meeting_id, self.ongoing)

    @property
    def is_revised(self):
        """The board has moved the due point: the first one agreed is kept beside it."""
        return bool(self.original_due_on or self.original_due_meeting_id or self.original_ongoing)

    def due_by(self):
        """The last day it is on time, if it has one."""
        if self.due_on:
            return self.due_on
        return self.due_meeting.date if self.due_meeting_id else None

    def was_open_at(self, meeting):
        """Open when that meeting began: not closed, or closed at it or at a later one."""
        if self.status in STILL_OPEN:
            return True
        return self.closed_at_id is not None and self.closed_at.starts_at >= meeting.starts_at

    def is_overdue(self, today=None, *, at_meeting=None):
        """Open past its due point, on a day (today unless given) or as at a meeting: the
        log of a meeting shows what was overdue on that meeting's day. An action the board
        closes at that meeting is shown closed, not overdue."""
        if at_meeting is not None:
            if self.closed_at_id == at_meeting.pk or not self.was_open_at(at_meeting):
                return False
            today = at_meeting.date
        elif self.status not in STILL_OPEN:
            return False
        today = today or timezone.localdate()
        due = self.due_by()
        return due is not None and due < today


class ActionLead(models.Model):
    """One of the people who lead an action; the first leads it on the log."""

    action = models.ForeignKey(MeetingAction, on_delete=models.CASCADE, related_name="lead_rows")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="action_leads"
    )
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "person"],
                name="one_lead_row_per_person_per_action",
                violation_error_message="This person already leads the action.",
            )
        ]

    def __str__(self):
        return f"{self.person} leads {self.action.code}"


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
