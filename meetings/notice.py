"""Notice of meetings, counted in clear working days.

A clear working day is a weekday that is not a bank holiday in England, strictly between the
day the papers are sent and the day of the meeting: neither of those two days counts.
"""

import datetime
from functools import cache

import holidays


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
