"""Read a board pack converted from PDF to markdown-ish text into agenda, cover sheets and papers.

The pack is the agenda (one markdown table), some documents, then papers that each start with
an NHS cover sheet and run until the next cover sheet or the end of the file. Its text (`text`)
and the papers' bodies (`bodies`) are read by the modules beside this one.

Cover sheets come in two layouts:

- tables: a two-column table of header fields ("Date of Meeting", "Title of Paper", ...),
  followed by one or more wide tables whose first cells are labels ("Purpose of the Paper",
  "Executive summary", ...) with their text on the rows below them, and Yes/No/N/A checkbox
  rows under "Implications";
- loose: the same labels written as plain lines between small tables, where the PDF lost the
  page holding the header fields. Such a sheet's title, presenter and agenda item are then
  taken from the agenda, and it is marked ``details_from_agenda``.

Both layouts are flattened into rows of cells (a plain line becomes a one-cell row), so one
label-driven reader handles them.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from .bodies import Block, blocks_of
from .text import (
    BULLET,
    CHECKBOX,
    SIGN_OFF_DATE,
    Element,
    clean,
    elements_of,
    join_text,
    parse_date,
)

__all__ = [
    "AgendaLine",
    "AgendaSection",
    "Block",
    "BoardPack",
    "CoverSheet",
    "ForumRow",
    "read_board_pack",
]


# Public shapes -------------------------------------------------------------------------------


@dataclass
class AgendaLine:
    """One numbered item of the agenda, as written."""

    number: int
    title: str
    owner: str
    action: str
    format: str


@dataclass
class AgendaSection:
    """A heading row of the agenda and the items under it."""

    title: str
    items: list[AgendaLine]


@dataclass
class ForumRow:
    """A forum that discussed a paper before the Board (Meeting / Date / Outcome)."""

    meeting: str
    date: str
    outcome: str


@dataclass
class CoverSheet:
    """The cover sheet of one paper, and the paper's body that follows it."""

    agenda_item: int | None
    date_text: str
    title: str
    presented_by: str
    authors: str
    contributors: str
    confidential: bool
    purpose: str
    executive_summary: str
    recommendations: str
    forums: list[ForumRow]
    conflicts_of_interest: str
    quality_impact: str
    equality_impact: str
    privacy_impact: str
    financial_impact: str
    associated_risks: str
    on_risk_register: str
    risk_description: str
    body: list[Block]
    # True when the sheet's own header fields were missing from the file and the agenda
    # item, title and presenter were filled in from the agenda line it must belong to.
    details_from_agenda: bool = False


@dataclass
class BoardPack:
    """Everything read from one board pack."""

    board_name: str
    meeting_date: datetime.date
    starts_at: datetime.time
    ends_at: datetime.time
    location: str
    next_meeting_date: datetime.date | None
    next_meeting_text: str
    sections: list[AgendaSection]
    cover_sheets: list[CoverSheet]


def read_board_pack(path: str | Path) -> BoardPack:
    """Parse the board pack at ``path``; raises ValueError when it holds no agenda."""
    text = Path(path).read_text(encoding="utf-8")
    elements = elements_of(text.splitlines())
    agenda_at = _agenda_index(elements)
    title_lines = [e.text for e in elements[:agenda_at] if e.kind == "text"]
    board_name, meeting_date, starts_at, ends_at, location = _agenda_heading(title_lines)
    sections, next_text = _agenda_sections(elements[agenda_at].rows)
    sheets = _cover_sheets(elements, agenda_at + 1, board_name)
    _fill_from_agenda(sheets, sections)
    return BoardPack(
        board_name=board_name,
        meeting_date=meeting_date,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        next_meeting_date=parse_date(next_text),
        next_meeting_text=next_text,
        sections=sections,
        cover_sheets=sheets,
    )


# Agenda ---------------------------------------------------------------------------------------

_AGENDA_HEADER = ["item", "description", "owner", "action", "format"]
_TIME_RANGE = re.compile(r"(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})")
_ITEM_NUMBER = re.compile(r"^(\d+)\.?$")
_NEXT_MEETING = "date and time of the next"


def _agenda_index(elements: list[Element]) -> int:
    """Index of the agenda: the first table headed Item | Description | Owner | Action | Format."""
    for index, element in enumerate(elements):
        if element.kind == "table" and element.rows:
            header = [clean(cell).lower() for cell in element.rows[0]]
            if header[: len(_AGENDA_HEADER)] == _AGENDA_HEADER:
                return index
    raise ValueError("No agenda table (Item | Description | Owner | Action | Format) found.")


def _board_name(title: str) -> str:
    """ "Formal Integrated Care System (ICS) Board Agenda" -> "ICS Board"."""
    # The bracketed abbreviation is the name the Board goes by in its own papers.
    short = re.search(r"\(([A-Z][A-Za-z&]*)\)\s+(Board|Committee)\b", title)
    if short:
        return f"{short.group(1)} {short.group(2)}"
    long = re.search(r"^(?:Formal|Informal)?\s*(.+?)\s+Agenda\b", title)
    return long.group(1) if long else title


def _agenda_heading(
    lines: list[str],
) -> tuple[str, datetime.date, datetime.time, datetime.time, str]:
    """Board name, date, times and location from the lines above the agenda table."""
    title_line = next((clean(line) for line in lines if "Agenda" in line), "")
    when_line = next((clean(line) for line in lines if _TIME_RANGE.search(line)), "")
    meeting_date = parse_date(when_line)
    times = _TIME_RANGE.search(when_line)
    if not title_line or meeting_date is None or times is None:
        raise ValueError("The agenda's title, date or times could not be read.")
    h1, m1, h2, m2 = (int(part) for part in times.groups())
    # The location follows the time range after a dash: "10:00-12.00 - MS Teams ...".
    location = re.sub(r"^\s*[-–,]\s*", "", when_line[times.end() :]).strip()
    return (
        _board_name(title_line),
        meeting_date,
        datetime.time(h1, m1),
        datetime.time(h2, m2),
        location,
    )


def _agenda_sections(rows: list[list[str]]) -> tuple[list[AgendaSection], str]:
    """Sections with their items, and the text of the next-meeting row after its colon."""
    sections: list[AgendaSection] = []
    next_text = ""
    for raw in rows[1:]:
        cells = [clean(cell) for cell in raw] + [""] * 5
        number = _ITEM_NUMBER.match(cells[0])
        if cells[0].lower().startswith(_NEXT_MEETING):
            next_text = cells[0].partition(":")[2].strip()
        elif number:
            if not sections:  # an item before any heading row still needs a home
                sections.append(AgendaSection("", []))
            line = AgendaLine(int(number.group(1)), cells[1], cells[2], cells[3], cells[4])
            sections[-1].items.append(line)
        elif cells[0] and not any(cells[1:]):
            sections.append(AgendaSection(cells[0], []))
    return sections, next_text


# Cover sheets: finding them -------------------------------------------------------------------


@dataclass
class _Region:
    """Where a cover sheet sits among the elements: [start, end], and where the body ends."""

    start: int
    end: int
    loose: bool
    body_end: int = 0  # exclusive; set once the next sheet is known


def _first_cell(row: list[str]) -> str:
    return clean(row[0]).lower() if row else ""


def _has_row(element: Element, first: str) -> bool:
    return element.kind == "table" and any(_first_cell(row) == first for row in element.rows)


def _has_checkbox(element: Element) -> bool:
    return element.kind == "table" and any(CHECKBOX.search("".join(r)) for r in element.rows)


def _is_sheet_table(element: Element) -> bool:
    """A table holding cover-sheet labels or checkboxes (not the paper's first table)."""
    if element.kind != "table":
        return False
    return _has_checkbox(element) or any(_label(clean(row[0])) for row in element.rows if row)


def _tables_after(elements: list[Element], index: int) -> int:
    """Last index of the cover sheet's tables from ``index``; a page break splits them."""
    while index + 1 < len(elements) and _is_sheet_table(elements[index + 1]):
        index += 1
    return index


def _find_regions(elements: list[Element], begin: int) -> list[_Region]:
    """Cover sheets in file order: header tables, and loose sheets found by their labels."""
    regions: list[_Region] = []
    index = begin
    while index < len(elements):
        element = elements[index]
        region = None
        if _has_row(element, "title of paper"):
            region = _Region(index, _tables_after(elements, index), loose=False)
        elif element.kind == "text" and _label(clean(element.text)) == "forums":
            region = _loose_region(elements, index, regions[-1].end if regions else begin)
        if region is None:
            index += 1
            continue
        regions.append(region)
        index = region.end + 1
    return regions


_LOOSE_WINDOW = 20  # elements from "Governance and Reporting" to the first checkbox table


def _loose_region(elements: list[Element], anchor: int, floor: int) -> _Region | None:
    """A cover sheet written as plain lines, found by its "Governance and Reporting" line.

    It ends with the run of checkbox tables after the anchor. Its start is lost with the
    PDF's missing page, so it begins after the previous paper's sign-off date (papers here
    end "name / role / 24th November 2020"); without one, at its first label.
    """
    # The boxes follow within a few lines; a "Governance and Reporting" heading inside a
    # paper, far from any boxes, is not a cover sheet.
    window = range(anchor + 1, min(anchor + 1 + _LOOSE_WINDOW, len(elements)))
    first_box = next((i for i in window if _has_checkbox(elements[i])), None)
    if first_box is None:
        return None
    start = anchor
    for index in range(anchor - 1, floor, -1):
        text = clean(elements[index].text) if elements[index].kind == "text" else ""
        if SIGN_OFF_DATE.match(text):
            start = index + 1
            break
        if _label(text) in _TEXT_FIELDS:
            start = index
    return _Region(start, _tables_after(elements, first_box), loose=True)


def _drop_letterhead(elements: list[Element], region: _Region, board_name: str) -> int:
    """Where the previous body ends: before the page header line ("ICS Board") if any."""
    before = region.start - 1
    if region.loose or before < 0 or elements[before].kind != "text":
        return region.start
    header = clean(elements[before].text).lower()
    return before if header == board_name.lower() else region.start


# Cover sheets: reading them -------------------------------------------------------------------

_LABELS = {
    "date of meeting": "date_text",
    "title of paper": "title",
    "presented by": "presented_by",
    "author": "authors",
    "authors": "authors",
    "author/s": "authors",
    "contributor": "contributors",
    "contributors": "contributors",
    "contributor/s": "contributors",
    "agenda item": "agenda_item",
    "confidential": "confidential",
    "purpose of the paper": "purpose",
    "executive summary": "executive_summary",
    "recommendations": "recommendations",
    "governance and reporting": "forums",
    "conflicts of interest identified": "conflicts_of_interest",
    "implications": "implications",
}
# The form's order of its free-text boxes; text found before the first label a loose sheet
# kept belongs to the box the form puts just before that label.
_TEXT_FIELDS = ["purpose", "executive_summary", "recommendations"]
_RISK_DESCRIPTION = "if yes, please provide a risk description"
_CHECKBOX_LABELS = [
    ("quality impact", "quality_impact"),
    ("equality impact", "equality_impact"),
    ("privacy impact", "privacy_impact"),
    ("financial impact", "financial_impact"),
    ("associated risks", "associated_risks"),
    ("are associated risk", "on_risk_register"),
]
_ANSWERS = {"yes": "yes", "no": "no", "n/a": "n/a", "na": "n/a", "not applicable": "n/a"}
_INSTRUCTION = "mark yes, no or not applicable"
_NO_FORUM = {"none", "n/a", "na", "not applicable"}


def _label(text: str) -> str | None:
    """The field a label cell names ("Governance and Reporting (List ...)" -> "forums")."""
    key = re.sub(r"\s*\(.*\)\s*$", "", text.lower()).rstrip(":").strip()
    if key.startswith(_RISK_DESCRIPTION):
        return "risk_description"
    return _LABELS.get(key)


def _answer(row: list[str]) -> str:
    """The option beside the first ticked box: "yes", "no", "n/a", or "" when none is."""
    for index, cell in enumerate(row):
        box = CHECKBOX.search(cell)
        if box and "checked" in box.group(0).lower() and index > 0:
            return _ANSWERS.get(clean(row[index - 1]).lower(), "")
    return ""


def _checkbox_field(row: list[str]) -> str | None:
    first = _first_cell(row)
    return next((name for prefix, name in _CHECKBOX_LABELS if first.startswith(prefix)), None)


def _forum(cells: list[str]) -> ForumRow | None:
    """A Meeting / Date / Outcome row, or None for headers, hints and empty rows."""
    meeting, date, outcome = [*cells, "", "", ""][:3]
    if not any((meeting, date, outcome)) or meeting.startswith("("):
        return None
    if [meeting.lower(), date.lower(), outcome.lower()] == ["meeting", "date", "outcome"]:
        return None
    if meeting.lower() in _NO_FORUM and not (date or outcome):
        return None
    return ForumRow(meeting, date, outcome)


def _flatten(elements: list[Element]) -> list[list[str]]:
    """Rows of raw cells: a table's rows, a text line as one cell without its bullet."""
    rows: list[list[str]] = []
    for element in elements:
        if element.kind == "table":
            rows.extend(element.rows)
        else:
            rows.append([BULLET.sub("", element.text)])
    return rows


def _read_rows(rows: list[list[str]]) -> tuple[dict[str, list[str]], list[ForumRow]]:
    """Walk the rows, filing each under the label above it (or beside it)."""
    values: dict[str, list[str]] = {}
    forums: list[ForumRow] = []
    current: str | None = None
    for raw in rows:
        cells = [clean(cell) for cell in raw]
        boxed = _checkbox_field(raw) if CHECKBOX.search("".join(raw)) else None
        if boxed:
            values.setdefault(boxed, []).append(_answer(raw))
            current = "implications"  # stray rows among the boxes ("Completed") mean nothing
            continue
        label = _label(cells[0]) if cells else None
        if label:
            current = label
            beside = [cell for cell in cells[1:] if cell]
            if beside and label != "forums":
                values.setdefault(label, []).append(join_text(beside))
            continue
        if current == "forums":
            row = _forum(cells)
            if row:
                forums.append(row)
        elif current != "implications":
            values.setdefault(current or "_orphan", []).append(join_text(cells))
    return values, forums


def _sheet(rows: list[list[str]], body: list[Block]) -> CoverSheet:
    values, forums = _read_rows(rows)
    orphan = values.pop("_orphan", [])
    if orphan:
        _file_orphan(values, orphan)

    def text(name: str) -> str:
        return join_text(values.get(name, []))

    def answer(name: str) -> str:
        return next((a for a in values.get(name, []) if a), "")

    number = _ITEM_NUMBER.match(text("agenda_item"))
    risk = text("risk_description")
    return CoverSheet(
        agenda_item=int(number.group(1)) if number else None,
        date_text=text("date_text"),
        title=text("title"),
        presented_by=text("presented_by"),
        authors=text("authors"),
        contributors=text("contributors"),
        confidential=text("confidential").lower().startswith("yes"),
        purpose=text("purpose"),
        executive_summary=text("executive_summary"),
        recommendations=text("recommendations"),
        forums=forums,
        conflicts_of_interest=text("conflicts_of_interest"),
        quality_impact=answer("quality_impact"),
        equality_impact=answer("equality_impact"),
        privacy_impact=answer("privacy_impact"),
        financial_impact=answer("financial_impact"),
        associated_risks=answer("associated_risks"),
        on_risk_register=answer("on_risk_register"),
        # The form's own instruction is what an unfilled box holds.
        risk_description="" if risk.lower().startswith(_INSTRUCTION) else risk,
        body=body,
    )


def _file_orphan(values: dict[str, list[str]], orphan: list[str]) -> None:
    """Text before a loose sheet's first label goes to the box the form puts before it.

    With no box before it (the first label is the Purpose) the text has no home and is
    dropped rather than guessed into a field.
    """
    found = [i for i, name in enumerate(_TEXT_FIELDS) if name in values]
    if found and found[0] > 0:
        values[_TEXT_FIELDS[found[0] - 1]] = orphan + values.get(_TEXT_FIELDS[found[0] - 1], [])


def _cover_sheets(elements: list[Element], begin: int, board_name: str) -> list[CoverSheet]:
    regions = _find_regions(elements, begin)
    for region, following in zip(regions, [*regions[1:], None], strict=True):
        region.body_end = (
            _drop_letterhead(elements, following, board_name) if following else len(elements)
        )
    return [
        _sheet(
            _flatten(elements[region.start : region.end + 1]),
            blocks_of(elements[region.end + 1 : region.body_end]),
        )
        for region in regions
    ]


_PAPER_FORMATS = {"attached", "to follow"}


def _fill_from_agenda(sheets: list[CoverSheet], sections: list[AgendaSection]) -> None:
    """Give a sheet that lost its header the one agenda item it can belong to.

    Sheets run in agenda order, so a sheet between those of items 7 and 9 belongs to an item
    numbered between them that has a paper. Only a single such item is taken; otherwise the
    sheet is left as found.
    """
    lines = [line for section in sections for line in section.items]
    claimed = {sheet.agenda_item for sheet in sheets}
    for index, sheet in enumerate(sheets):
        if sheet.agenda_item is not None:
            continue
        before = [s.agenda_item for s in sheets[:index] if s.agenda_item is not None]
        after = [s.agenda_item for s in sheets[index + 1 :] if s.agenda_item is not None]
        low, high = max(before, default=0), min(after, default=10**6)
        candidates = [
            line
            for line in lines
            if low < line.number < high
            and line.number not in claimed
            and line.format.lower() in _PAPER_FORMATS
        ]
        if len(candidates) == 1:
            line = candidates[0]
            sheet.agenda_item = line.number
            sheet.title = sheet.title or line.title
            sheet.presented_by = sheet.presented_by or line.owner
            sheet.details_from_agenda = True
            claimed.add(line.number)
