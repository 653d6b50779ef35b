"""The ICS Board's matters-arising log as it went out with the papers of 2 December 2020:
the five open actions, their codes, leads, due dates and progress, in the portal's words."""

import datetime

from .shapes import LoggedAction

# The log's progress updates carry no date of their own: they are dated the day the papers
# went out with the log.
WRITTEN_ON = datetime.date(2020, 11, 24)

MARCH = datetime.date(2020, 3, 4)
SEPTEMBER = datetime.date(2020, 9, 2)
NOVEMBER = datetime.date(2020, 11, 4)

# Of the meetings the older codes name (ICSB200304-02: 4 March 2020, action 2), the pack says
# nothing but the actions raised there. They get the Board's usual 10:00-12:00 slot and this
# one item, not an invented agenda.
EARLIER_MEETINGS = [MARCH, SEPTEMBER]
EARLIER_SECTION = "Business of the meeting"
# Shown on public pages and in feeds: they speak of the meeting, never of where the data came from.
EARLIER_ITEM = "Actions raised at this meeting"
EARLIER_LOCATION = "Not recorded"

ACTIONS = [
    LoggedAction(
        code="ICSB200304-02",
        title="Bring a further report on the strategy delivery plan to the next Board meeting",
        lead="Talib Yaseen",
        status="In progress",
        raised_on=MARCH,
        raised_at_item=1,
        # The log says "January 2021": the Board's January meeting, 13 January 2021, which
        # the December agenda names. That meeting is not loaded, so the action falls due that day.
        due_on=datetime.date(2021, 1, 13),
        progress=(
            "The strategy delivery plan needs to align to the revised clinical strategy and "
            "to what phase 3 planning produced, and to look ahead to phase 4. It will come "
            "back to the Board in January, when the effect of phase 3 is clearer.",
        ),
    ),
    LoggedAction(
        code="ICSB200304-04",
        title="Present the Board with a revised decision-making framework for the ICS, once "
        "tried out on the priority programmes",
        lead="Talib Yaseen",
        status="In progress",
        raised_on=MARCH,
        raised_at_item=1,
        due_on=datetime.date(2021, 1, 13),
        progress=("Under way as part of the review of governance arrangements.",),
    ),
    LoggedAction(
        code="ICSB200902-01",
        title="Ask the hospital cell to review and report on interventions still offered "
        "without evidence of their benefit",
        lead="Kevin McGee",
        status="In progress",
        raised_on=SEPTEMBER,
        raised_at_item=1,
        due_on=datetime.date(2020, 12, 2),
        progress=("Under way.",),
    ),
    # The two codes below are not in the Board's form (ICSB + yymmdd + number). Their actions
    # are the ones the minutes of 4 November 2020 raise: item 3 puts the equality and
    # diversity assessments on the log, item 8 brings the pathology business case back.
    LoggedAction(
        code="ICSB2200915",
        title="Report to the Board on the equality and diversity assessments once reviewed",
        lead="Talib Yaseen",
        status="In progress",
        raised_on=NOVEMBER,
        raised_at_item=3,
        ongoing=True,
    ),
    LoggedAction(
        code="ICSB2200916",
        title="Bring the parts of the Pathology Collaborative's business case to the Board "
        "for approval",
        lead="Mark Hindle",
        status="In progress",
        raised_on=NOVEMBER,
        raised_at_item=8,
        ongoing=True,
    ),
]
