"""A paper's body as blocks (headings, paragraphs, list items, tables), mending what the
PDF's page breaks did to the text; and documents the pack holds without a cover sheet."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from .text import BULLET, SIGN_OFF_DATE, Element, clean, elements_of


@dataclass
class Block:
    """A piece of a paper's body: a heading, paragraph, list item or table."""

    kind: str  # "heading" | "paragraph" | "list_item" | "table"
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


_WHOLE_BOLD = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?\*\*[^*]+\*\*$")
_HEADING_MAX_WORDS = 16
_HEADING_MAX_CHARS = 120
# A line ending on one of these was cut by a page break mid-sentence, so is no heading.
_DANGLING = re.compile(r"\s(?:a|all|an|and|at|by|for|from|in|of|on|or|the|to|with)$", re.I)
_FOOTNOTE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]|https?://")
_SIGN_OFF_LINES = 2  # name and role lines above a sign-off date


def _is_heading(element: Element, text: str) -> bool:
    """A short line standing alone, not ending like a sentence, or a wholly bold line.

    The PDF conversion keeps no heading markup, so shape is all there is to go on.
    """
    if _WHOLE_BOLD.match(element.text.strip()):
        return True
    return (
        element.alone
        and len(text) <= _HEADING_MAX_CHARS
        and len(text.split()) <= _HEADING_MAX_WORDS
        and text[-1] not in ".,;:!"
        and (text[0].isupper() or text[0].isdigit())
        and any(char.isalpha() for char in text)  # not a stray page number
        and not _DANGLING.search(text)
        and not _FOOTNOTE.search(text)
        and not SIGN_OFF_DATE.match(text)
    )


def _table_block(rows: list[list[str]]) -> Block | None:
    cleaned = [[clean(cell) for cell in row] for row in rows]
    # Empty rows are page-break artefacts (a continued table's blank header), not content.
    kept = [row for row in cleaned if any(row)]
    return Block("table", rows=kept) if kept else None


def _text_block(element: Element) -> Block | None:
    if BULLET.match(element.text):
        text = clean(BULLET.sub("", element.text))
        return Block("list_item", text) if text else None
    text = clean(element.text)
    if not text:
        return None
    return Block("heading" if _is_heading(element, text) else "paragraph", text)


def _add(blocks: list[Block], block: Block) -> None:
    """Append, mending what the PDF's page breaks did to the text."""
    last = blocks[-1] if blocks else None
    # A paragraph opening in lower case carries on the sentence the page break cut.
    if (
        last is not None
        and last.kind in {"paragraph", "list_item"}
        and block.kind == "paragraph"
        and block.text[0].islower()
    ):
        last.text = f"{last.text} {block.text}"
        return
    # The name and role above a sign-off date look like headings but are a signature.
    if block.kind == "paragraph" and SIGN_OFF_DATE.match(block.text):
        for previous in blocks[-_SIGN_OFF_LINES:]:
            if previous.kind == "heading":
                previous.kind = "paragraph"
    blocks.append(block)


def blocks_of(elements: list[Element]) -> list[Block]:
    """A paper's body as blocks, in file order."""
    blocks: list[Block] = []
    for element in elements:
        block = _table_block(element.rows) if element.kind == "table" else _text_block(element)
        if block is not None:
            _add(blocks, block)
    return blocks


def read_document(path: str | Path, starts_with: str, ends_before: str) -> list[Block]:
    """Blocks of a document the pack holds without a cover sheet.

    From the first line containing ``starts_with`` up to, not including, the first later line
    containing ``ends_before`` (or the end of the file).
    """
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if starts_with in line)
    end = next((i for i in range(start + 1, len(lines)) if ends_before in lines[i]), len(lines))
    return blocks_of(elements_of(lines[start:end]))
