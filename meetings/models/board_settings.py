"""Each board's own conventions for its meetings: how items are numbered, what its cover
sheet asks, how its minutes record attendance, resolutions and exempt business, and how its
action log is kept. A board that has changed nothing runs on the defaults."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from partners.models import Board


class ExemptBusinessLaw(models.TextChoices):
    """The law under which the board excludes the public from confidential business."""

    NHS = "nhs_1960", "Public Bodies (Admission to Meetings) Act 1960 (NHS bodies)"
    LOCAL_GOVERNMENT = (
        "lga_1972_12a",
        "Local Government Act 1972, Schedule 12A (council committees, such as health and "
        "wellbeing boards)",
    )


class ItemReferenceScheme(models.TextChoices):
    """How the board writes its agenda items' references."""

    MEETING = "meeting", "Numbered 1, 2, 3 in each meeting"
    YEARLY = (
        "yearly",
        (
            "A running number through the calendar year, then the year: 29/22, 30/22, and at the "
            "next meeting that year 33/22"
        ),
    )
    FINANCIAL_YEAR = (
        "financial_year",
        (
            "The prefix, the financial year (April to March) and a two-digit running number "
            "through that year: GBP/1920/01"
        ),
    )
    MEETING_CODE = (
        "meeting_code",
        (
            "The meeting's code, then the item: PUB25/07/4 (the code is the meeting's own, or the "
            "prefix with the year and month)"
        ),
    )


class SubItemStyle(models.TextChoices):
    DECIMAL = "decimal", "Decimal: 4.1, 4.2"
    LETTER = "letter", "Lettered: 33/22 a, 33/22 b"


class MinuteReferenceScheme(models.TextChoices):
    SAME = "same", "The same as the item's reference"
    YEARLY = (
        "yearly",
        (
            "The minutes prefix, the year and a two-digit running number through the calendar "
            "year: ICPB 21/01"
        ),
    )


class BoardSettings(models.Model):
    """The settings of one board's meetings that its secretariat can change."""

    board = models.OneToOneField(
        Board, on_delete=models.CASCADE, primary_key=True, related_name="meeting_settings"
    )

    exempt_business_law = models.CharField(
        "law for excluding the public",
        max_length=20,
        choices=ExemptBusinessLaw.choices,
        default=ExemptBusinessLaw.NHS,
        help_text="The resolution to exclude the public cites it.",
    )

    closing_action_needs_record = models.BooleanField(
        "closing an action needs the resolution or minute that closed it",
        default=False,
        help_text="When set, the secretariat records which resolution or minute of the meeting "
        "closed each action it closes.",
    )
    item_reference_scheme = models.CharField(
        "how items are referenced",
        max_length=20,
        choices=ItemReferenceScheme.choices,
        default=ItemReferenceScheme.MEETING,
        help_text="References stay as they are once an agenda is published.",
    )
    item_reference_prefix = models.CharField(
        "prefix of item references",
        max_length=20,
        blank=True,
        help_text="For example GBP or PUB: needed for the financial year and meeting code schemes.",
    )
    sub_item_style = models.CharField(
        "how sub-items are referenced",
        max_length=10,
        choices=SubItemStyle.choices,
        default=SubItemStyle.DECIMAL,
    )
    minute_reference_scheme = models.CharField(
        "how minutes are referenced",
        max_length=10,
        choices=MinuteReferenceScheme.choices,
        default=MinuteReferenceScheme.SAME,
    )
    minute_reference_prefix = models.CharField(
        "prefix of minute references",
        max_length=20,
        blank=True,
        help_text="For example ICPB: needed when minutes have their own running number.",
    )
    extra_outcomes = models.TextField(
        "the board's own outcomes of resolutions",
        blank=True,
        default="",
        help_text="One a line, in the board's words, for example 'Recommended to the partners'. "
        "They are offered besides Approved, Not approved, Endorsed, Noted and Deferred.",
    )

    attendance_headings = models.TextField(
        "headings of the attendance in the minutes",
        blank=True,
        default="",
        help_text="One a line, in the order the minutes list them, for example 'Members', "
        "'Deputies', 'In attendance', 'Governors', 'Observers', 'Members of the public', "
        "'Minutes'. Someone recorded under one of them is listed there. Leave empty to list "
        "members under their seats' headings, then in attendance, observers, governors, "
        "members of the public, and minutes and administration.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "board settings"
        verbose_name_plural = "board settings"

    def __str__(self):
        return f"Settings of {self.board}"

    def clean(self):
        # A reference made of an empty prefix would read "/1920/01" at every board.
        errors = {}
        needs_prefix = {ItemReferenceScheme.FINANCIAL_YEAR, ItemReferenceScheme.MEETING_CODE}
        if self.item_reference_scheme in needs_prefix and not self.item_reference_prefix.strip():
            errors["item_reference_prefix"] = (
                "Give a prefix of item references: the scheme "
                f"'{self.get_item_reference_scheme_display()}' starts every reference with it."
            )
        if (
            self.minute_reference_scheme == MinuteReferenceScheme.YEARLY
            and not self.minute_reference_prefix.strip()
        ):
            errors["minute_reference_prefix"] = (
                "Give a prefix of minute references: minutes with their own running number "
                "start with it, as in ICPB 21/01."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def outcomes(self):
        """The board's own outcomes, one per non-empty line, in the order written."""
        return _lines(self.extra_outcomes)

    @property
    def headings(self):
        """The board's attendance headings, in the order the minutes list them."""
        return _lines(self.attendance_headings)


def _lines(text):
    lines = (line.strip() for line in text.splitlines())
    return list(dict.fromkeys(line for line in lines if line))
