"""Read the minutes and matters-arising log a board pack carries, from its markdown-ish text.

The demo's own record of that meeting (`icp_portal.demo.data.november`) holds its facts in the
portal's words; this reader is the tool that checks them against the source. The minutes are
laid out as the board writes them:

- an attendance table (Name | Job Title | Organisation) with heading rows ("ICP Leads", "In
  Attendance"), deputies written "Jerry Hawker (on behalf of Sue Smith)", split by page breaks;
- an Item | Note | Action by table. A page break cuts a note mid-sentence and carries the rest
  on a row with an empty Item cell, which is joined back. Each note starts with the item's
  title, on a paragraph of its own or run into the first sentence ("ICS Governance This item
  was deferred..."); titles that run on are told apart with the agenda titles the caller knows.
  "Resolved:" paragraphs are resolutions, sentences saying the board or a paper "noted" are
  what was noted, the rest is the discussion;
- the "Matters Arising Log": Item Code | Title | Responsible Lead | Status | Due Date |
  Progress Update.

Everything here is a pure function of the text; nothing touches the database.
"""

import datetime
import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from meetings.models import Outcome

from ..data.november import NOVEMBER_TITLES
from .text import Element, clean, elements_of, parse_date

__all__ = [
    "ActionRow",
    "AttendanceRow",
    "ItemNote",
    "Passage",
    "ResolutionLine",
    "SeedMinutes",
    "minutes_of_november",
    "raised_on",
    "read_minutes",
]

MINUTES_START = "Minutes of the Formal"
ACTION_LOG_TITLE = "Matters Arising Log"


# Public shapes -------------------------------------------------------------------------------


@dataclass
class AttendanceRow:
    """One line of the attendance table, under the heading above it ("" before any)."""

    heading: str
    name: str
    job_title: str
    organisation: str
    on_behalf_of: str = ""  # the member a deputy attends for


@dataclass
class Passage:
    """A paragraph of a minute, or a list (its items)."""

    kind: str  # "paragraph" | "list"
    text: str = ""
    items: list[str] = field(default_factory=list)


@dataclass
class ResolutionLine:
    """What the board resolved, and the outcome its words give."""

    text: str
    outcome: str  # an Outcome value


@dataclass
class ItemNote:
    """The minute of one agenda item."""

    number: int
    title: str  # as the minute writes it, e.g. "Finance Reports a) Finance b) Capital"
    discussion: list[Passage]
    noted: list[str]  # lines; list entries start with "• "
    resolutions: list[ResolutionLine]


@dataclass
class ActionRow:
    """One action of the matters-arising log, as written, with its due date read."""

    code: str
    title: str
    lead: str
    status: str
    due_text: str
    due_on: datetime.date | None  # "13.01.2021"
    due_month: datetime.date | None  # first day of a month given without a day: "January 2021"
    ongoing: bool  # "On-going"
    progress: list[str]  # paragraphs of the progress update, the title's repeat left out


@dataclass
class SeedMinutes:
    """The minutes of one meeting and the action log that follows them in a pack."""

    attendance: list[AttendanceRow]
    apologies: list[str]
    items: dict[int, ItemNote]
    actions: list[ActionRow]


def read_minutes(path: str | Path, titles: Mapping[int, str] | None = None) -> SeedMinutes:
    """Parse the minutes and matters-arising log in the pack at ``path``.

    ``titles`` are the agenda titles of the minuted meeting by item number; they tell where a
    title run into its note's first sentence ends. Raises ValueError when the pack holds no
    minutes or no Item | Note table.
    """
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    start = _line_index(lines, MINUTES_START, 0)
    log = _line_index(lines, ACTION_LOG_TITLE, start)
    elements = elements_of(lines[start:log])
    notes_at = _notes_table_index(elements)
    items = _item_notes(elements[notes_at:], titles or {})
    return SeedMinutes(
        attendance=_attendance(elements[:notes_at]),
        apologies=_apologies(items.get(1)),
        items=items,
        actions=_actions(elements_of(lines[log + 1 :])),
    )


_CODE_DATE = re.compile(r"^[A-Z]+(\d{2})(\d{2})(\d{2})-\d+$")


def raised_on(code: str) -> datetime.date | None:
    """The meeting date an action code names (ICSB200304-02: 4 March 2020), or None when the
    code is not in the board's form."""
    found = _CODE_DATE.match(code)
    if not found:
        return None
    year, month, day = (int(part) for part in found.groups())
    try:
        return datetime.date(2000 + year, month, day)
    except ValueError:
        return None


def _line_index(lines: list[str], text: str, begin: int) -> int:
    for index in range(begin, len(lines)):
        if text in lines[index]:
            return index
    raise ValueError(f"No line containing {text!r} found.")


def _tables(elements: list[Element]) -> Iterator[list[str]]:
    """Rows of every table in order; a page break between tables is no boundary."""
    for element in elements:
        if element.kind == "table":
            yield from element.rows


# Attendance -----------------------------------------------------------------------------------

_ATTENDANCE_HEADER = ["name", "job title", "organisation"]
_ON_BEHALF = re.compile(r"^(.*?)\s*\(on behalf of ([^)]+)\)\s*$", re.IGNORECASE)


def _attendance(elements: list[Element]) -> list[AttendanceRow]:
    rows: list[AttendanceRow] = []
    heading = ""
    for raw in _tables(elements):
        cells = [*(clean(cell) for cell in raw), "", "", ""][:3]
        if not any(cells) or [cell.lower() for cell in cells] == _ATTENDANCE_HEADER:
            continue  # a page break's empty header row, or the table's own header
        if not (cells[1] or cells[2]):
            heading = cells[0]
            continue
        deputy = _ON_BEHALF.match(cells[0])
        name, on_behalf_of = deputy.groups() if deputy else (cells[0], "")
        rows.append(AttendanceRow(heading, name, cells[1], cells[2], on_behalf_of.strip()))
    return rows


_APOLOGIES = re.compile(r"\bapologies for absence were received from\s+(.+)$", re.IGNORECASE)
_NAME_BREAK = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _apologies(welcome: "ItemNote | None") -> list[str]:
    """The names the welcome item's minute gives apologies for."""
    for passage in welcome.discussion if welcome else []:
        found = _APOLOGIES.search(passage.text)
        if found:
            names = _NAME_BREAK.split(found.group(1).rstrip(". "))
            return [name for name in names if name]
    return []


# Item | Note table ----------------------------------------------------------------------------

_NOTES_HEADER = ["item", "note", "action by"]
_ITEM_NUMBER = re.compile(r"^(\d+)\.?$")
_END_OF_NOTES = "date and time of the next"


def _notes_table_index(elements: list[Element]) -> int:
    for index, element in enumerate(elements):
        if element.kind == "table" and element.rows:
            header = [clean(cell).lower() for cell in element.rows[0]]
            if header[:3] == _NOTES_HEADER:
                return index
    raise ValueError("No minutes table (Item | Note | Action by) found.")


def _note_chunks(elements: list[Element]) -> dict[int, list[list[Passage]]]:
    """Each item's note as the pages cut it: its own row, then any continuation rows."""
    chunks: dict[int, list[list[Passage]]] = {}
    current: int | None = None
    for raw in _tables(elements):
        first = clean(raw[0]) if raw else ""
        note = raw[1] if len(raw) > 1 else ""
        number = _ITEM_NUMBER.match(first)
        if first.lower().startswith(_END_OF_NOTES):
            break
        if number:
            current = int(number.group(1))
            chunks[current] = [_passages(note)]
        elif not first and current is not None and clean(note):
            chunks[current].append(_passages(note))
        # Anything else is the header or a section row ("Sustainability").
    return chunks


def _item_notes(elements: list[Element], titles: Mapping[int, str]) -> dict[int, ItemNote]:
    return {
        number: _item_note(number, _join_chunks(chunks), titles.get(number, ""))
        for number, chunks in _note_chunks(elements).items()
    }


# A cell is HTML-ish: <p> paragraphs and <ul> lists whose entries are "•" bullets (the PDF
# kept no <li>, and sometimes no bullets either), or plain text.
_BLOCK_TAG = re.compile(r"(<p>|<ul\b[^>]*>|</ul>)", re.IGNORECASE)
_STRAY_MARKER = re.compile(r"\s+[a-z]\)$")  # "...of business. a)": an empty sub-item


def _passages(cell: str) -> list[Passage]:
    passages: list[Passage] = []
    in_list = False
    for piece in _BLOCK_TAG.split(cell):
        tag = piece.lower()
        if tag.startswith("<ul") or tag in {"<p>", "</ul>"}:
            in_list = tag.startswith("<ul")
            continue
        if in_list:
            items = [clean(entry) for entry in piece.split("•")]
            if any(items):
                passages.append(Passage("list", items=[entry for entry in items if entry]))
            continue
        text = _STRAY_MARKER.sub("", clean(piece))
        if text:
            passages.append(Passage("paragraph", text))
    return passages


_SENTENCE_END = (".", "!", "?", ":", ")")


def _continues(passages: list[Passage], following: Passage) -> bool:
    """Whether the first passage after a page break carries on the last one before it.

    A paragraph left without a full stop was cut by the break. The note's first paragraph is
    the exception when the next page starts a new sentence: it is a title on its own.
    """
    last = passages[-1]
    if last.kind != "paragraph" or following.kind != "paragraph":
        return False
    if last.text.endswith(_SENTENCE_END):
        return False
    return following.text[0].islower() or len(passages) > 1


def _join_chunks(chunks: list[list[Passage]]) -> list[Passage]:
    passages: list[Passage] = []
    for chunk in chunks:
        for index, passage in enumerate(chunk):
            if index == 0 and passages and _continues(passages, passage):
                passages[-1].text = f"{passages[-1].text} {passage.text}"
            else:
                passages.append(passage)
    return passages


# Titles ---------------------------------------------------------------------------------------

_TITLE_MAX_WORDS = 25
_PART = re.compile(r"^[a-z][.)]$")  # "a)", "b." before the parts of an item
_ABBREVIATION = re.compile(r"^\([A-Z&]+\)$")  # "(AOB)"
# A dash (en dash or hyphen) and a date: " - 4 November 2020" after a title.
_DASHED_DATE = re.compile(r"^[\u2013-] \d{1,2} [A-Z][a-z]+ \d{4}$")
_CONNECTORS = {"of", "and", "&", "the", "for", "to", "in", "on", "with"}


def _title_like(text: str) -> bool:
    return len(text.split()) <= _TITLE_MAX_WORDS and not text.endswith(_SENTENCE_END)


def _in_title(words: list[str], index: int) -> bool:
    """Whether a word after a part marker still names the part ("Out of Hospital").

    A capitalised word followed by a lower-case one opens the next sentence: in "c. Joint
    Cell Logs COVID-19 logs were shared", the title ends before "COVID-19".
    """
    word = words[index]
    if word.lower() in _CONNECTORS:
        return True
    if not word[0].isupper():
        return False
    following = words[index + 1] if index + 1 < len(words) else ""
    if not following or _PART.match(following) or following.lower() in _CONNECTORS:
        return True
    return not following[0].islower()


def _tail_length(words: list[str]) -> int:
    """How many words after the agenda title still belong to the title as minuted: a dated
    suffix, an abbreviation, or the item's lettered parts."""
    index = 0
    if len(words) >= 4 and _DASHED_DATE.match(" ".join(words[:4])):
        index = 4
    elif words and _ABBREVIATION.match(words[0]):
        index = 1
    while index < len(words) and _PART.match(words[index]):
        index += 1
        while index < len(words) and not _PART.match(words[index]) and _in_title(words, index):
            index += 1
    return index


def _split_title(passages: list[Passage], known: str) -> tuple[str, list[Passage]]:
    """The item's title, and the passages of the note that follow it."""
    if not passages or passages[0].kind != "paragraph":
        return "", passages
    first, rest = passages[0].text, passages[1:]
    if known and first.startswith(known):
        words = first[len(known) :].split()
        tail = _tail_length(words)
        remainder = words[tail:]
        # The agenda may shorten a title the minute writes in full; a title paragraph whose
        # words carry on in lower case is all title.
        if not (remainder and remainder[0][0].islower() and _title_like(first)):
            title = " ".join([known, *words[:tail]])
            if remainder:
                rest = [Passage("paragraph", " ".join(remainder)), *rest]
            return title, rest
        return first, rest
    if _title_like(first):
        return first, rest
    return "", passages


# Resolutions and what was noted ---------------------------------------------------------------

_RESOLVED = re.compile(r"^Resolved\s*:\s*", re.IGNORECASE)
_DEFERRAL = re.compile(r"^This item was deferred\b", re.IGNORECASE)
# The board noting a paper or point ("The ICS Board noted:", "Paper noted", "The action log
# was noted", "... (NOTED)"); "It was noted that..." is how the discussion reports a remark.
_NOTED = re.compile(
    r"^(?:The (?:ICS )?Board noted|Papers? (?:was |were )?noted)\b"
    r"|^(?!It\b).*\b(?:was|were) noted\b|\(NOTED\)$"
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_DECISION = r"(?:does not approve|did not approve|approves|approved|endorses|endorsed)"
# ", approves the move to step 2, and approves that...": one resolution per decision.
_CLAUSE_BREAK = re.compile(rf",\s+(?:and\s+)?(?={_DECISION}\b)")
_SUBJECT = re.compile(rf"\b(the (?:ICS )?Board)\s+(?={_DECISION}\b)", re.IGNORECASE)
# The first that matches wins: "does not approve" must not read as "approve".
_OUTCOMES = [
    (
        re.compile(r"\b(?:does|did) not approve|\bnot approved\b|\breject(?:s|ed)?\b", re.I),
        "not_approved",
    ),
    (re.compile(r"\bdefer", re.I), "deferred"),
    (re.compile(r"\bendors|\bsupport", re.I), "endorsed"),
    (re.compile(r"\bapprov|\bagree", re.I), "approved"),
]


def _outcome(text: str) -> str:
    outcome = next((name for words, name in _OUTCOMES if words.search(text)), "noted")
    return Outcome(outcome).value


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _resolutions(text: str) -> list[ResolutionLine]:
    """One resolution per decision the words make, each with its outcome."""
    clauses = [clause.strip() for clause in _CLAUSE_BREAK.split(text) if clause.strip()]
    subject = _SUBJECT.search(clauses[0]) if clauses else None
    lines = []
    for index, clause in enumerate(clauses):
        if index and subject:
            # A later clause shares the first one's subject: "approves the move to step 2".
            said = subject.group(1)
            clause = f"{said[0].upper()}{said[1:]} {clause}"
        lines.append(ResolutionLine(_sentence(clause), _outcome(clause)))
    return lines


def _split_noted(text: str) -> tuple[str, str]:
    """A paragraph's discussion, and what it says was noted (from the first such sentence)."""
    sentences = _SENTENCE_BREAK.split(text)
    for index, sentence in enumerate(sentences):
        if _NOTED.search(sentence):
            return " ".join(sentences[:index]), " ".join(sentences[index:])
    return text, ""


def _item_note(number: int, passages: list[Passage], known_title: str) -> ItemNote:
    title, passages = _split_title(passages, known_title)
    discussion: list[Passage] = []
    noted: list[str] = []
    resolutions: list[ResolutionLine] = []
    resolving = noting = False
    for passage in passages:
        if passage.kind == "list":
            if noting:  # "The ICS Board noted:" and the list of what
                noted += [f"• {entry}" for entry in passage.items]
            else:
                discussion.append(passage)
            continue
        noting, text = False, passage.text
        resolved = _RESOLVED.match(text)
        if resolving or resolved:
            # "Resolved:" alone on its line resolves in the paragraph that follows.
            words = text[resolved.end() :] if resolved else text
            resolving = not words
            resolutions += _resolutions(words) if words else []
        elif _DEFERRAL.match(text):
            resolutions.append(ResolutionLine(_sentence(text), Outcome.DEFERRED.value))
        else:
            said, heard = _split_noted(text)
            if said:
                discussion.append(Passage("paragraph", said))
            if heard:
                noted.append(heard)
                noting = heard.endswith(":")
    return ItemNote(number, title, discussion, noted, resolutions)


# Matters arising log --------------------------------------------------------------------------

_DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_MONTH = re.compile(r"^([A-Za-z]+)\s+(\d{4})$")
_ONGOING = re.compile(r"^on-?\s?going$", re.IGNORECASE)


def _due(text: str) -> tuple[datetime.date | None, datetime.date | None, bool]:
    """(due date, due month, on-going) from "13.01.2021", "January 2021" or "On-going"."""
    dotted = _DOTTED_DATE.match(text)
    if dotted:
        day, month, year = (int(part) for part in dotted.groups())
        return datetime.date(year, month, day), None, False
    month = _MONTH.match(text)
    if month:
        first = parse_date(f"1 {month.group(1)} {month.group(2)}")
        if first is not None:
            return None, first, False
    return parse_date(text), None, bool(_ONGOING.match(text))


def _actions(elements: list[Element]) -> list[ActionRow]:
    table = next((element for element in elements if element.kind == "table"), None)
    if table is None:
        return []
    actions = []
    for raw in table.rows[1:]:  # below the Item Code | Title | ... header
        cells = [*raw, "", "", "", "", "", ""][:6]
        code, title, lead, status, due_text = (clean(cell) for cell in cells[:5])
        if not code:
            continue
        progress = [p.text or "; ".join(p.items) for p in _passages(cells[5])]
        due_on, due_month, ongoing = _due(due_text)
        actions.append(
            ActionRow(
                code=code,
                title=title,
                lead=lead,
                status=status,
                due_text=due_text,
                due_on=due_on,
                due_month=due_month,
                ongoing=ongoing,
                # The log often opens the update by repeating the action's title.
                progress=[text for text in progress if text and text != title],
            )
        )
    return actions


@functools.cache
def minutes_of_november(path: str | Path) -> SeedMinutes:
    """The seed's minutes of 4 November 2020, read once per process."""
    return read_minutes(path, NOVEMBER_TITLES)
