"""The shapes of the demo's meeting data: plain, frozen records, no database."""

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class AgendaLine:
    """One numbered item of an agenda, as the agenda writes it."""

    number: int
    title: str
    owner: str = ""  # "Gary Raphael/Carl Ashworth"; names that are not people stay as text
    action: str = "Note"  # the label of the action asked: Note, Approve, Endorse...
    format: str = "Verbal"  # Verbal, Attached, Presentation, To follow


@dataclass(frozen=True)
class AgendaSection:
    title: str
    items: tuple[AgendaLine, ...]


@dataclass(frozen=True)
class Block:
    """A piece of a paper's body: a heading, paragraph, list item or table (first row heads)."""

    kind: str  # "heading" | "paragraph" | "list_item" | "table"
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


def heading(text):
    return Block("heading", text)


def paragraph(text):
    return Block("paragraph", text)


def bullets(*texts):
    return [Block("list_item", text) for text in texts]


def table(*rows):
    return Block("table", rows=tuple(tuple(row) for row in rows))


@dataclass(frozen=True)
class Forum:
    """Another forum that discussed a paper before the Board."""

    meeting: str
    date: str
    outcome: str


@dataclass(frozen=True)
class PaperFacts:
    """A paper of an agenda item: its NHS cover sheet and the body its PDF is made from."""

    item: int
    title: str
    presented_by: str
    executive_summary: str
    recommendations: str
    authors: str = ""
    contributors: str = ""
    confidential: bool = False
    purpose: str = ""  # the purpose as the cover sheet words it
    forums: tuple[Forum, ...] = ()
    conflicts_of_interest: str = ""
    # The Yes / No / N/A boxes: "yes", "no", "n/a", or "" where the sheet ticks none.
    quality_impact: str = "n/a"
    equality_impact: str = "n/a"
    privacy_impact: str = "n/a"
    financial_impact: str = "n/a"
    associated_risks: str = "n/a"
    on_risk_register: str = "n/a"
    risk_description: str = ""
    body: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Attendee:
    """A line of the minutes' attendance, under its heading ("" for the chair's group)."""

    heading: str
    name: str
    on_behalf_of: str = ""


@dataclass(frozen=True)
class Resolved:
    """What the Board resolved, and the outcome (a value of meetings' Outcome)."""

    text: str
    outcome: str


@dataclass(frozen=True)
class Minute:
    """The minute of one agenda item. Discussion passages are paragraphs (str) or lists
    (tuples of str); what was noted is lines, list entries starting "• "."""

    number: int
    discussion: tuple = ()
    noted: tuple[str, ...] = ()
    resolutions: tuple[Resolved, ...] = ()


@dataclass(frozen=True)
class LoggedAction:
    """An action on the matters-arising log, with the meeting and item it was raised at."""

    code: str
    title: str
    lead: str
    status: str  # the label of its status: "In progress"
    raised_on: datetime.date
    raised_at_item: int
    due_on: datetime.date | None = None
    ongoing: bool = False
    progress: tuple[str, ...] = field(default=())  # paragraphs of the lead's update
