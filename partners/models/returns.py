"""Declaration returns: a decision-maker confirming their entries on the register, or saying
they have none (a nil return), at least once a year and within 28 days of joining a board or
of declaring a new interest."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class ReturnKind(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed the entries on the register"
    NIL = "nil", "Nil return: no interests to declare"


class DeclarationReturn(models.Model):
    """One return of one person, on one day."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="declaration_returns"
    )
    kind = models.CharField(max_length=10, choices=ReturnKind.choices)
    made_on = models.DateField()
    made_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-made_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "made_on"],
                condition=models.Q(kind="nil"),
                name="one_nil_return_a_day",
                violation_error_message="You made a nil return today already.",
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display().lower()} on {self.made_on}"


class DecisionMakerQuerySet(models.QuerySet):
    def active(self, on):
        """Those named on a day: from their start, up to but not including their end."""
        return self.filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gt=on), starts_on__lte=on
        )

    def overlapping(self, starts_on, ends_on):
        """Those named on at least one day of [starts_on, ends_on)."""
        return self.filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gt=starts_on),
            starts_on__lt=ends_on,
        )


class AddedDecisionMaker(models.Model):
    """Someone the governance team names a decision-maker without a vote or the chair on any
    board (a director deciding under delegation, say): they make returns and are on the
    public register like every member with a vote."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="decision_maker_roles"
    )
    position = models.CharField(
        max_length=200, help_text="As published on the register, e.g. Director of Finance."
    )
    starts_on = models.DateField("from")
    ends_on = models.DateField(
        "to", null=True, blank=True, help_text="Leave empty while they remain a decision-maker."
    )

    objects = DecisionMakerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person__full_name", "-starts_on"]
        verbose_name = "decision-maker added by the governance team"
        verbose_name_plural = "decision-makers added by the governance team"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gt=models.F("starts_on")),
                name="added_decision_maker_ends_after_start",
                violation_error_message="The end must come after the start.",
            )
        ]

    def __str__(self):
        return f"{self.person}, {self.position}"


class ReminderKind(models.TextChoices):
    BEFORE = "before", "Reminder before the due date"
    AFTER = "after", "Reminder after the due date"
    AGAIN = "again", "Reminder sent again by the governance team"


SCHEDULED_REMINDERS = [ReminderKind.BEFORE, ReminderKind.AFTER]


class ReturnReminder(models.Model):
    """An email reminding someone of the return due on `due_on`. The schedule sends one
    before and one after each due date, never twice (a unique constraint, so two workers
    running the schedule at once cannot both send); the governance team may send more."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="return_reminders"
    )
    due_on = models.DateField("return due on")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    sent_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who asked for it; empty for the schedule.",
    )

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "due_on", "kind"],
                condition=models.Q(kind__in=SCHEDULED_REMINDERS),
                name="one_scheduled_reminder_per_return",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.person}, return due {self.due_on}"
