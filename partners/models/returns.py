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
