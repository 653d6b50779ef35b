"""The demo's conflict screening of the ICS Board's meeting of 2 December 2020: the agenda
screened against the register, and the chair's rulings on what it found (the board noted
members' roles in partner organisations; those presenting for their trust take part).
Safe to run again."""

import datetime

from meetings.models import ConflictFlag, Meeting, Ruling, ScreeningStatus
from meetings.services import screening as services
from partners.models import User

CHAIR = "David Flory"
DAY = datetime.date(2020, 12, 2)


def load():
    chair = User.objects.get(full_name=CHAIR)
    meeting = Meeting.objects.get(board__slug="ics-board", date=DAY, session="")
    services.screening_run(actor=chair, meeting=meeting)
    undecided = ConflictFlag.objects.filter(meeting=meeting, status=ScreeningStatus.SUGGESTED)
    for flag in undecided:
        services.flag_decide(actor=chair, flag=flag, accept=True, ruling=Ruling.TAKES_PART)
