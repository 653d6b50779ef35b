"""Conflict screening before a meeting: who on the board or attending has an interest on the
register in an organisation an item concerns, the ruling suggested, and what the chair and
secretariat decided; an accepted ruling becomes a declaration on the day."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from partners.models import Interest

from .agenda import AgendaItem, Meeting
from .attendance import Declaration, Ruling


class ScreeningStatus(models.TextChoices):
    SUGGESTED = "suggested", "To decide"
    ACCEPTED = "accepted", "Ruling accepted"
    DISMISSED = "dismissed", "Dismissed"


class ConflictFlag(models.Model):
    """One possible conflict the screening found: a person, an item, the interest, and why."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="conflict_flags")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="conflict_flags")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    interest = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="conflict_flags")
    found_because = models.CharField("why it was found", max_length=400)
    suggested_ruling = models.CharField(max_length=20, choices=Ruling.choices)
    status = models.CharField(
        max_length=10, choices=ScreeningStatus.choices, default=ScreeningStatus.SUGGESTED
    )
    ruling = models.CharField("ruling", max_length=20, choices=Ruling.choices, blank=True)
    withhold_papers = models.BooleanField(
        "withhold the item's papers",
        default=False,
        help_text="The ruling says this person should not receive the item's papers: once "
        "accepted, they are left out of the person's pages, downloads and pack.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    declaration = models.OneToOneField(
        Declaration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conflict_flag",
        help_text="The declaration recorded at the meeting from the accepted ruling.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["item__number", "person__full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "person", "interest"], name="one_flag_per_interest_and_item"
            )
        ]

    def __str__(self):
        return f"{self.person}: item {self.item.reference}"
