"""The register of breaches: an interest that should have been on the register of interests
and was not, found (most often when it is declared at a meeting), and what was done about it."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Breach(models.Model):
    """One breach of the conflicts of interest policy: who, what, when found, action taken."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="breaches"
    )
    what = models.TextField("what was not declared")
    found_on = models.DateField("found on")
    found_at = models.CharField(
        "where it was found",
        max_length=300,
        blank=True,
        help_text="The meeting and item, say, where the interest was declared.",
    )
    action_taken = models.TextField("action taken")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-found_on", "-id"]
        verbose_name_plural = "breaches"

    def __str__(self):
        return f"{self.person}: breach found on {self.found_on}"
