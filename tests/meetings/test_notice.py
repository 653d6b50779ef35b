"""Clear working days: neither the day of sending nor the meeting day, no weekends, no bank
holidays in England."""

import datetime

import pytest

from meetings.models.publication import clear_working_days, latest_day_to_send

D = datetime.date


@pytest.mark.parametrize(
    ("sent", "meeting", "days"),
    [
        (D(2020, 11, 25), D(2020, 12, 2), 4),  # Wed to Wed: Thu, Fri, Mon, Tue
        (D(2020, 11, 27), D(2020, 12, 2), 2),  # Fri to Wed over a weekend: Mon, Tue
        (D(2020, 11, 28), D(2020, 11, 30), 0),  # Sat to Mon: only Sunday between
        (D(2020, 12, 1), D(2020, 12, 2), 0),  # the next day: nothing between
        (D(2020, 12, 2), D(2020, 12, 2), 0),  # the same day
        (D(2020, 12, 3), D(2020, 12, 2), 0),  # after the meeting
        # Christmas 2020: 25 Dec (Fri), Boxing Day on Sat moved to Mon 28 Dec, 1 Jan (Fri).
        (D(2020, 12, 23), D(2021, 1, 6), 6),  # 24, 29, 30, 31 Dec, 4 and 5 Jan
        (D(2020, 12, 24), D(2020, 12, 30), 1),  # only 29 Dec
        # Easter 2021: Good Friday 2 April, Easter Monday 5 April.
        (D(2021, 3, 31), D(2021, 4, 8), 3),  # 1, 6, 7 April
        # Early May bank holiday 2021: Monday 3 May.
        (D(2021, 4, 30), D(2021, 5, 5), 1),  # 4 May only
    ],
)
def test_clear_working_days(sent, meeting, days):
    assert clear_working_days(sent, meeting) == days


def test_the_last_day_to_send_five_days_before_the_2_december_2020_meeting():
    assert latest_day_to_send(D(2020, 12, 2), 5) == D(2020, 11, 24)


def test_the_last_day_to_send_before_a_meeting_after_easter_2021():
    # Meeting Thu 8 April: 7, 6 (working), 5 and 2 (bank holidays), 1, 31 Mar, 30 Mar.
    assert latest_day_to_send(D(2021, 4, 8), 5) == D(2021, 3, 29)
