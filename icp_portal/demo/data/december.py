"""The ICS Board's meeting of 2 December 2020: when and where, and its agenda as the pack of
that day sets it out (seed 003). Its papers are in `papers`."""

import datetime

from .shapes import AgendaLine, AgendaSection

DAY = datetime.date(2020, 12, 2)
STARTS = datetime.time(10, 0)
ENDS = datetime.time(12, 0)
LOCATION = "MS Teams Teleconference"
NEXT_MEETING_ON = datetime.date(2021, 1, 13)
# Time and place only: the page shows the date beside it.
NEXT_MEETING_NOTE = "10.00-12.00 noon, MS Teams Teleconference"

# The papers went out with five clear working days' notice; the "to follow" paper of item 8
# followed as a supplement.
PAPERS_OUT = datetime.date(2020, 11, 24)
SUPPLEMENT_OUT = datetime.date(2020, 11, 30)
SUPPLEMENT_REASON = "Paper to follow, as the agenda said."

# The Board's standing items, as this agenda words them, by kind of standing item.
STANDING_TITLES = {
    "welcome": "Welcome, Introductions and Apologies",
    "declarations": "Declarations of Interest",
    "previous_minutes": "Minutes of Previous Meeting and Actions",
    "key_messages": "Key Messages",
    "next_meeting_items": "Items for the Next Board Meeting",
    "any_other_business": "Any Other Business",
}
# The Board circulates its interests guidance and the previous minutes with every agenda.
ATTACHED_STANDING = {"declarations", "previous_minutes"}

AGENDA = [
    AgendaSection(
        "Routine Items of Business",
        (
            AgendaLine(1, "Welcome, Introductions and Apologies", "Chair", "Note", "Verbal"),
            AgendaLine(2, "Declarations of Interest", "Chair", "Note", "Attached"),
            AgendaLine(
                3, "Minutes of Previous Meeting and Actions", "Chair", "Approve", "Attached"
            ),
            AgendaLine(4, "Key Messages", "Dr Amanda Doyle", "Note", "Verbal"),
        ),
    ),
    AgendaSection(
        "Sustainability",
        (
            AgendaLine(
                5,
                "Current Financial and Operational Overview",
                "Gary Raphael/Carl Ashworth",
                "Note",
                "Attached",
            ),
            AgendaLine(6, "Covid Vaccination Update", "Dr Amanda Doyle", "Note", "Presentation"),
        ),
    ),
    AgendaSection(
        "Building the Future System",
        (
            AgendaLine(7, "Clinical Strategy", "Andy Curran", "Note", "Attached"),
            # The agenda spells the presenter's name so; it stays as written, as text.
            AgendaLine(8, "ICP Core Narrative", "Geoff Joliffe", "Approve", "To follow"),
            AgendaLine(
                9, "Strategic Assurance Framework", "Gary Raphael/Emily Kruger", "Note", "Attached"
            ),
        ),
    ),
    AgendaSection(
        "Performance and Outcomes",
        (AgendaLine(10, "Finance Report", "Gary Raphael", "Note", "Attached"),),
    ),
    AgendaSection(
        "For Information",
        (
            AgendaLine(
                11,
                "Provider Collaboration Board Update",
                "Eileen Fairhurst/Aaron Cummins",
                "Note",
                "Verbal",
            ),
            AgendaLine(
                12,
                "High Level Programme Summary Report",
                "Talib Yaseen/Emily Kruger",
                "Note",
                "Attached",
            ),
            AgendaLine(13, "EU Exit Planning", "Gary Raphael", "Note", "Verbal"),
        ),
    ),
    AgendaSection(
        "Any Other Business",
        (
            AgendaLine(14, "Items for the Next Board Meeting", "All", "Note", "Verbal"),
            AgendaLine(15, "Any Other Business", "All", "Note", "Verbal"),
        ),
    ),
]
