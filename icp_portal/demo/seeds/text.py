"""The pack's text as the readers see it: lines grouped into text lines and tables, cells
cleaned of markup, and dates read."""

import datetime
import re
from dataclasses import dataclass, field

# Text cleaning -------------------------------------------------------------------------------

_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
# Only real tags: a name right after "<" then a space, "/" or ">". Leaves "<https://...>"
# autolinks (handled above) and stray "<" in prose alone.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])")
_SPACES = re.compile(r"\s+")
BULLET = re.compile(r"^\s*(?:[-*•])\s+")
CHECKBOX = re.compile(r"<input\b[^>]*type=\"checkbox\"[^>]*>", re.IGNORECASE)


def clean(text: str) -> str:
    """Plain text: no HTML tags, markdown links or emphasis; whitespace collapsed."""
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _MD_LINK.sub(r"\1", text)
    text = text.replace("**", "")
    text = _EMPHASIS.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


def join_text(parts: list[str]) -> str:
    return _SPACES.sub(" ", " ".join(p for p in parts if p)).strip()


# Lines into elements ---------------------------------------------------------------------------


@dataclass
class Element:
    """A non-blank text line, or a run of consecutive table lines (raw cells kept)."""

    kind: str  # "text" | "table"
    text: str = ""  # raw line, for text
    rows: list[list[str]] = field(default_factory=list)  # raw cells, separators dropped
    alone: bool = True  # text line with blank lines (or tables) either side


_SEPARATOR_CELL = re.compile(r"^\s*:?-+:?\s*$")


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [cell.strip() for cell in inner.split("|")]


def _is_separator(cells: list[str]) -> bool:
    return all(_SEPARATOR_CELL.match(cell) for cell in cells)


def elements_of(lines: list[str]) -> list[Element]:
    """Group the file's lines; blank lines only separate (two tables apart are two elements)."""
    elements: list[Element] = []
    previous_blank = True
    for index, line in enumerate(lines):
        if not line.strip():
            previous_blank = True
            continue
        if line.lstrip().startswith("|"):
            if not (elements and elements[-1].kind == "table" and not previous_blank):
                elements.append(Element("table"))
            cells = _cells(line)
            if not _is_separator(cells):
                elements[-1].rows.append(cells)
        else:
            following = lines[index + 1] if index + 1 < len(lines) else ""
            next_is_text = bool(following.strip()) and not following.lstrip().startswith("|")
            prev_is_text = not previous_blank and elements and elements[-1].kind == "text"
            elements.append(Element("text", text=line, alone=not (next_is_text or prev_is_text)))
        previous_blank = False
    return elements


# Dates ------------------------------------------------------------------------------------------

_DATE = re.compile(r"\b(\d{1,2})\s*(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})\b")
# A line that is only a date: papers here end "name / role / 24th November 2020".
SIGN_OFF_DATE = re.compile(r"^\d{1,2}\s*(?:st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4}$")


def parse_date(text: str) -> datetime.date | None:
    """The first "2 December 2020" style date in ``text``, or None."""
    for day, month, year in _DATE.findall(text):
        try:
            return datetime.datetime.strptime(f"{day} {month} {year}", "%d %B %Y").date()
        except ValueError:
            continue
    return None
