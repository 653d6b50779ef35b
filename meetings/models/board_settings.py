"""Each board's own conventions for its meetings: how items are numbered, what its cover
sheet asks, how its minutes record attendance, resolutions and exempt business, and how its
action log is kept. A board that has changed nothing runs on the defaults."""

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
