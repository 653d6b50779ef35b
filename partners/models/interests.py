"""The standing register of interests: what each person has declared, as the governance team
has reviewed it.

An interest runs from a date, a month or a year, to another or "ongoing": people remember
"since 2019" better than a day, and the register says only what they know.
"""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .partnership import Organisation


class InterestType(models.TextChoices):
    FINANCIAL = "financial", "Financial"
    PROFESSIONAL = "professional", "Non-financial professional"
    PERSONAL = "personal", "Non-financial personal"
    INDIRECT = "indirect", "Indirect"


class Relationship(models.TextChoices):
    """Whose interest an indirect interest is."""

    SPOUSE = "spouse", "Spouse or partner"
    RELATIVE = "relative", "Close relative"
    FRIEND = "friend", "Close friend"
    BUSINESS_PARTNER = "business_partner", "Business partner"


class Precision(models.TextChoices):
    """How much of a date is known: the day, the month or only the year."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class ReviewStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for review"
    ACCEPTED = "accepted", "Accepted"
    RETURNED = "returned", "Returned"


def first_day(day, precision):
    """The first day of the period a date stands for (its month, its year, or itself)."""
    if precision == Precision.YEAR:
        return day.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return day.replace(day=1)
    return day


def last_day(day, precision):
    """The last day of the period a date stands for."""
    if precision == Precision.YEAR:
        return day.replace(month=12, day=31)
    if precision == Precision.MONTH:
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day


def months_after(day, months):
    """The same day `months` later, or the month's last day if it has no such day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# An ended interest stays on the public register this long after its end (NHS England's
# guidance on managing conflicts of interest).
PUBLIC_MONTHS_AFTER_END = 6


def shown(day, precision):
    """A date as its precision allows: "14 March 2021", "March 2021" or "2021"."""
    if day is None:
        return "ongoing"
    if precision == Precision.YEAR:
        return str(day.year)
    if precision == Precision.MONTH:
        return day.strftime("%B %Y")
    return f"{day.day} {day.strftime('%B %Y')}"


class Interest(models.Model):
    """One interest of one person on the standing register. Its dates are stored as the first
    day of the start's period and the last day of the end's (no end: ongoing)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="interests"
    )
    interest_type = models.CharField("type", max_length=20, choices=InterestType.choices)
    own_words = models.CharField(
        "type in your own words",
        max_length=200,
        blank=True,
        help_text="Optional. How you would describe this kind of interest, if the type above "
        "does not say it well.",
    )
    description = models.TextField(
        help_text="What the interest is: the role, the shares, the contract or the relationship."
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interests",
        verbose_name="partner organisation",
    )
    organisation_name = models.CharField(
        "other organisation",
        max_length=200,
        blank=True,
        help_text="If the organisation is not one of the partners.",
    )
    relationship = models.CharField(
        "whose interest it is",
        max_length=20,
        choices=Relationship.choices,
        blank=True,
        help_text="For an indirect interest: the person it belongs to.",
    )
    starts_on = models.DateField("from")
    starts_precision = models.CharField(max_length=5, choices=Precision.choices)
    ends_on = models.DateField("to", null=True, blank=True)
    ends_precision = models.CharField(max_length=5, choices=Precision.choices, blank=True)
    action_agreed = models.TextField(
        "action agreed to manage it",
        blank=True,
        help_text="What the governance team agreed with you, such as leaving the room for "
        "items about the organisation.",
    )
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.WAITING
    )
    review_comment = models.TextField(blank=True)
    # Kept off the public register where publishing would bring a real risk of harm or a
    # legal bar: the register still holds it, and the governance team sees it.
    withheld = models.BooleanField("withheld from the public register", default=False)
    withheld_reason = models.TextField("reason for withholding", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["person__full_name", "-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="interest_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_interest_type_display().lower()} interest"

    def save(self, *args, **kwargs):
        self._widen_dates()
        super().save(*args, **kwargs)

    @property
    def organisation_named(self):
        return self.organisation.name if self.organisation else self.organisation_name

    @property
    def period(self):
        """ "From March 2019 to ongoing", as the register shows it."""
        return (
            f"{shown(self.starts_on, self.starts_precision)} to "
            f"{shown(self.ends_on, self.ends_precision)}"
        )

    def is_public_on(self, on):
        """Whether the public register shows the entry on a day: accepted, not withheld, and
        not ended more than six months before."""
        return (
            self.status == ReviewStatus.ACCEPTED
            and not self.withheld
            and (self.ends_on is None or on <= months_after(self.ends_on, PUBLIC_MONTHS_AFTER_END))
        )

    def is_current(self, on=None):
        on = on or datetime.date.today()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)

    def clean(self):
        errors = {}
        if (
            self.ends_on is not None
            and self.starts_on is not None
            and last_day(self.ends_on, self.ends_precision)
            < first_day(self.starts_on, self.starts_precision)
        ):
            errors["ends_on"] = "The end must be on or after the start."
        if self.interest_type == InterestType.INDIRECT and not self.relationship:
            errors["relationship"] = (
                "Select whose interest it is: an indirect interest is someone else's."
            )
        if not (self.organisation_id or self.organisation_name.strip()):
            errors["organisation"] = (
                "Select the partner organisation, or enter the name of another organisation."
            )
        if self.withheld and not self.withheld_reason.strip():
            errors["withheld_reason"] = (
                "Enter the reason for withholding the entry from the public register."
            )
        if errors:
            raise ValidationError(errors)
        self._widen_dates()  # before full_clean checks the database's constraint

    def _widen_dates(self):
        # Stored as the first day of the start's period and the last day of the end's, so
        # "March 2021" ends on 31 March: comparisons and the database's check need no more.
        if self.starts_on is not None:
            self.starts_on = first_day(self.starts_on, self.starts_precision)
        if self.ends_on is not None:
            self.ends_on = last_day(self.ends_on, self.ends_precision)
