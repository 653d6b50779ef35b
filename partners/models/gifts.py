"""Gifts and hospitality offered to the people of the partnership: what was offered, by whom,
its value, and whether it was accepted (with whose approval) or declined; and each
partnership's thresholds, which default to NHS England's guidance on managing conflicts of
interest."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from .partnership import Partnership


class GiftKind(models.TextChoices):
    GIFT = "gift", "Gift"
    HOSPITALITY = "hospitality", "Hospitality (a meal, an event, travel)"
    PROMOTIONAL = "promotional", "Promotional item (a pen, a diary, a mug)"
    CASH = "cash", "Cash or vouchers"


class GiftOutcome(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class GiftRules(models.Model):
    """A partnership's thresholds for gifts and hospitality (pounds). Without a row of its
    own, a partnership keeps NHS England's (the field defaults)."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="gift_rules"
    )
    hospitality_declared_from = models.DecimalField(
        "hospitality is declared from",
        max_digits=8,
        decimal_places=2,
        default=Decimal(25),
        help_text="Hospitality below this value need not be declared.",
    )
    hospitality_refused_over = models.DecimalField(
        "hospitality is refused over",
        max_digits=8,
        decimal_places=2,
        default=Decimal(75),
        help_text="Hospitality over this value is refused unless someone approves it.",
    )
    gifts_for_the_organisation_over = models.DecimalField(
        "gifts are accepted only for the organisation over",
        max_digits=8,
        decimal_places=2,
        default=Decimal(50),
        help_text="Gifts from one source over this value, counted together over 12 months, "
        "are accepted only on behalf of the organisation, with approval.",
    )
    promotional_up_to = models.DecimalField(
        "promotional items may be accepted up to",
        max_digits=8,
        decimal_places=2,
        default=Decimal(6),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "gift and hospitality rules"
        verbose_name_plural = "gift and hospitality rules"

    def __str__(self):
        return f"Gift and hospitality rules of {self.partnership}"


class Gift(models.Model):
    """A gift or hospitality offered to one person, and what they did with it."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="gifts"
    )
    kind = models.CharField("what was offered", max_length=20, choices=GiftKind.choices)
    giver = models.CharField("offered by", max_length=200)
    description = models.TextField("description")
    value = models.DecimalField(
        "value (£)",
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0), "The value must be £0 or more.")],
    )
    offered_on = models.DateField("date offered")
    outcome = models.CharField("accepted or declined", max_length=10, choices=GiftOutcome.choices)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="approved by",
    )
    rule = models.TextField(blank=True, help_text="The rule that applied, as the form said it.")
    declared_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-offered_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.giver} to {self.person}"
