"""The minutes' rich text: a small, safe subset of HTML.

The secretariat types plain paragraphs (separated by a blank line) or pastes simple HTML from
a word processor; either way only the tags below survive, without attributes, so nothing
written into the minutes can run script or restyle the page.
"""

import html
import re

import nh3

TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "blockquote"}
# Text with none of the allowed tags is plain text: escaped, never parsed as HTML.
_NAMES = "|".join(sorted(TAGS))
_TAG = re.compile(rf"</?({_NAMES})\b[^>]*>", re.IGNORECASE)
_BLOCK = re.compile(r"<(p|ul|ol|blockquote)\b", re.IGNORECASE)


def sanitise(text):
    """Safe HTML for a discussion, from plain text paragraphs or pasted HTML."""
    text = (text or "").strip()
    if not _TAG.search(text):
        text = html.escape(text, quote=False)
    if not _BLOCK.search(text):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        text = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return nh3.clean(text, tags=TAGS, attributes={}, link_rel=None).strip()


def plain(text):
    """The words of a sanitised text, for corrections and comparisons."""
    words = nh3.clean(re.sub(r"</(p|li)>|<br>", "\n", text or ""), tags=set())
    return html.unescape(re.sub(r"[ \t]+", " ", words)).strip()
