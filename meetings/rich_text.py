"""The minutes' rich text: a small, safe subset of HTML, and the text a person types for it.

The secretariat types plain text in the minute editor: paragraphs separated by a blank line,
a line break kept as a line break, lines starting "- " for a bulleted list and "1. " for a
numbered one, **bold** and *italics*. `from_typed` turns that into HTML and `as_typed` turns
the stored HTML back into it, so the editor shows what the person typed; each undoes the
other for anything the editor produces.

Services also take simple HTML (the demo's seed documents, pasted from a word processor);
either way only the tags below survive, without attributes, so nothing written into the
minutes can run script or restyle the page.
"""

import html
import re
from html.parser import HTMLParser
from itertools import groupby

import nh3

TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "blockquote"}
# Text with none of the allowed tags is typed text: escaped, never parsed as HTML.
_NAMES = "|".join(sorted(TAGS))
_TAG = re.compile(rf"</?({_NAMES})\b[^>]*>", re.IGNORECASE)
_BLOCK = re.compile(r"<(p|ul|ol|blockquote)\b", re.IGNORECASE)

HINT = (
    "Separate paragraphs with a blank line. Start a line with “- ” for a bulleted list or "
    "“1. ” for a numbered list. Put **two stars** around bold words and *one star* around "
    "italics. Anything else is kept as you type it."
)


def _clean(text):
    return nh3.clean(text, tags=TAGS, attributes={}, link_rel=None).strip()


def sanitise(text):
    """Safe HTML for a discussion, from typed text (see `from_typed`) or pasted HTML."""
    text = (text or "").strip()
    if not _TAG.search(text):
        return from_typed(text)
    if not _BLOCK.search(text):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        text = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return _clean(text)


def plain(text):
    """The words of a sanitised text, for corrections and comparisons."""
    words = nh3.clean(re.sub(r"</(p|li)>|<br>", "\n", text or ""), tags=set())
    return html.unescape(re.sub(r"[ \t]+", " ", words)).strip()


# Typed text to HTML ----------------------------------------------------------------------

_BULLET = re.compile(r"- (?=\S)")
_NUMBER = re.compile(r"\d+\. (?=\S)")
# A line starting "\- " or "\1. " is a paragraph that happens to start like a list item.
_ESCAPED_START = re.compile(r"\\(?=(- |\d+\. )\S)")
# Stars count as markup only around words, never inside one: 5*3*2 stays as it is.
_BOLD = re.compile(r"(?<![\w*])\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_STAR = "\x00"  # a star typed as "\*", kept out of the markup until the end


def _kind(line):
    if _BULLET.match(line):
        return "ul"
    if _NUMBER.match(line):
        return "ol"
    return "p"


def _inline(line):
    text = html.escape(line.replace("\\*", _STAR), quote=False)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    text = _ITALIC.sub(r"<em>\1</em>", text)
    return text.replace(_STAR, "*")


def from_typed(text):
    """The HTML of text typed in the minute editor (see the module's docstring)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    parts = []
    for block in re.split(r"\n[ \t]*\n\s*", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        for kind, group in groupby(lines, key=_kind):
            if kind == "p":
                words = [_inline(_ESCAPED_START.sub("", line, count=1)) for line in group]
                parts.append(f"<p>{'<br>'.join(words)}</p>")
            else:
                marker = _BULLET if kind == "ul" else _NUMBER
                items = "".join(f"<li>{_inline(marker.sub('', ln, count=1))}</li>" for ln in group)
                parts.append(f"<{kind}>{items}</{kind}>")
    return _clean("".join(parts))


# Stored HTML back to typed text -----------------------------------------------------------


class _Typed(HTMLParser):
    """Blocks of typed lines from sanitised HTML: ("p" | "ul" | "ol", [line, ...])."""

    MARKS = {"strong": "**", "b": "**", "em": "*", "i": "*"}

    def __init__(self, escape_stars):
        super().__init__(convert_charrefs=True)
        self.escape_stars = escape_stars
        self.blocks = []
        self.lists = []  # the open lists, innermost last
        self.line = None  # the line being gathered

    def _block(self, kind):
        self._end_line()
        self.blocks.append((kind, []))

    def _end_line(self):
        if self.line is not None and self.line.strip() and self.blocks:
            self.blocks[-1][1].append(self.line.strip())
        self.line = None

    def handle_starttag(self, tag, attrs):
        if tag in {"p", "blockquote"} and not self.lists:
            self._block("p")
            self.line = ""
        elif tag in {"ul", "ol"}:
            if not self.lists:
                self._block(tag)
            self._end_line()
            self.lists.append(tag)
        elif tag == "li":
            self._end_line()
            self.line = ""
        elif tag == "br":
            if self.lists:
                self.line = (self.line or "") + " "
            else:
                self._end_line()
                self.line = ""
        elif tag in self.MARKS:
            self._text(self.MARKS[tag])

    def handle_endtag(self, tag):
        if tag in {"p", "blockquote"} and not self.lists:
            self._end_line()
        elif tag in {"ul", "ol"} and self.lists:
            self._end_line()
            self.lists.pop()
        elif tag == "li":
            self._end_line()
        elif tag in self.MARKS:
            self._text(self.MARKS[tag])

    def _text(self, text):
        if self.line is None:
            if self.lists or not text.strip():
                return  # space between list items, or between blocks
            self._block("p")
            self.line = ""
        self.line += text

    def handle_data(self, data):
        data = data.replace("\n", " ")
        self._text(data.replace("*", "\\*") if self.escape_stars else data)

    def typed(self):
        self.close()
        self._end_line()
        return "\n\n".join(_block_text(kind, lines) for kind, lines in self.blocks if lines)


def _block_text(kind, lines):
    if kind == "ul":
        return "\n".join(f"- {line}" for line in lines)
    if kind == "ol":
        return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, start=1))
    # A paragraph line that starts like a list item is typed with a backslash before it.
    return "\n".join(f"\\{line}" if _kind(line) != "p" else line for line in lines)


def as_typed(stored):
    """The text the minute editor shows for a stored discussion: what the person typed.

    Stars in the text itself are left as they are unless they would read as bold or
    italics, in which case they are typed as "\\*".
    """
    stored = _clean(stored or "")
    for escape_stars in (False, True):
        parser = _Typed(escape_stars)
        parser.feed(stored)
        typed = parser.typed()
        if from_typed(typed) == stored:
            break
    return typed
