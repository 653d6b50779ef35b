"""Publishing a meeting: each dated act of publication, and the notice it gives.

Notice is counted in clear working days: a weekday that is not a bank holiday in England,
strictly between the day the papers are sent and the day of the meeting (neither of those two
days counts).
"""

import datetime
from functools import cache

import holidays
from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .agenda import Meeting


@cache
def _bank_holidays(year):
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def clear_working_days(sent_on: datetime.date, meeting_on: datetime.date) -> int:
    """Working days after `sent_on` and before `meeting_on`."""
    days = (meeting_on - sent_on).days - 1
    if days <= 0:
        return 0
    return sum(
        is_working_day(sent_on + datetime.timedelta(days=offset)) for offset in range(1, days + 1)
    )


def latest_day_to_send(meeting_on: datetime.date, notice_days: int) -> datetime.date:
    """The last day papers can go out and still give `notice_days` clear working days."""
    day = meeting_on - datetime.timedelta(days=1)
    while clear_working_days(day, meeting_on) < notice_days:
        day -= datetime.timedelta(days=1)
    return day


class PublicationKind(models.TextChoices):
    AGENDA = "agenda", "Agenda"
    PAPERS = "papers", "Papers"
    SUPPLEMENT = "supplement", "Supplement"
    CANCELLATION = "cancellation", "Cancellation"


class Publication(models.Model):
    """A dated act of publishing part of a meeting, with the notice it gave."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="publications")
    kind = models.CharField(max_length=20, choices=PublicationKind.choices)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    clear_working_days = models.PositiveSmallIntegerField()
    late = models.BooleanField(default=False)
    late_reason = models.TextField(blank=True)
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["published_at"]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.meeting}"
