"""An embedded font for the pack's page-number footer, taken from a page WeasyPrint renders.

A standard font such as Helvetica is not embedded, so a reader's viewer substitutes its own
and an accessibility check fails the pack. Rather than ship a font file, the footer borrows
the font WeasyPrint embeds (the portal's own sans-serif, subset to the characters the footer
uses): WeasyPrint renders those characters once, and the footer is then written with that
font's codes, with the widths WeasyPrint recorded, so it can be centred.
"""

import io
import re
from dataclasses import dataclass
from functools import lru_cache

import pikepdf
from pikepdf import Name

from partners.pdf import html_to_pdf

# Characters every footer may need besides the pack's own text: "page 12 of 75", and the
# replacement for a character the font lacks.
ALWAYS = "page of 0123456789?"
_HEX = r"<([0-9A-Fa-f]+)>"


@dataclass
class FooterFont:
    """The font of a rendered sample, with each character's code and width (1/1000 em)."""

    font: pikepdf.Dictionary  # the Type0 font dictionary, in the sample's PDF
    codes: dict  # character -> code bytes, as written in a content stream
    widths: dict  # character -> width in thousandths of the font size

    def encode(self, text):
        """The text as the font's codes; a character the font lacks becomes "?"."""
        return b"".join(self.codes.get(char, self.codes["?"]) for char in text)

    def width(self, text, size):
        """The width in points of `text` at `size`, to centre it."""
        return sum(self.widths.get(char, self.widths["?"]) for char in text) * size / 1000


# A pack's footer text is the same for every build of its meeting: render it once per process.
@lru_cache(maxsize=32)
def sample_pdf(text):
    """A one-page PDF showing every character of `text` (and ALWAYS) in the footer's font."""
    characters = "".join(sorted(set(text + ALWAYS) - {"\n", "\r"}))
    escaped = characters.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Ligatures and kerning off: each character must come out as a glyph of its own.
    style = (
        "body { font: 8pt sans-serif; font-variant-ligatures: none; font-kerning: none; "
        "white-space: pre; }"
    )
    return html_to_pdf(f'<html lang="en-GB"><style>{style}</style><body>{escaped}</body></html>')


def footer_font(sample):
    """The footer font of a PDF made by `sample_pdf`, opened as a pikepdf document.

    The document must stay open until the font has been copied into the pack.
    """
    best = None
    for font in sample.pages[0].Resources.Font.values():
        if font.get(Name.Subtype) != Name.Type0 or Name.ToUnicode not in font:
            continue
        candidate = _read(font)
        if best is None or len(candidate.codes) > len(best.codes):
            best = candidate
    if best is None or "?" not in best.codes:
        raise ValueError("WeasyPrint rendered the footer's characters in no usable font.")
    return best


def _read(font):
    unicode_of = _to_unicode(font.ToUnicode.read_bytes().decode("latin-1"))
    cid_of = _encoding(font.get(Name.Encoding))
    descendant = font.DescendantFonts[0]
    cid_widths = _widths(descendant.get(Name.W, []), int(descendant.get(Name.DW, 1000)))
    codes, widths = {}, {}
    for code, char in unicode_of.items():
        cid = cid_of(code)
        if cid == 0 or len(char) != 1:  # .notdef: WeasyPrint had no glyph for it
            continue
        codes[char] = code
        widths[char] = cid_widths(cid)
    return FooterFont(font, codes, widths)


def _to_unicode(cmap):
    """code bytes -> text, from a ToUnicode CMap's bfchar and bfrange entries."""
    found = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(rf"{_HEX}\s*{_HEX}", block):
            found[bytes.fromhex(code)] = bytes.fromhex(text).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, start in re.findall(rf"{_HEX}\s*{_HEX}\s*{_HEX}", block):
            first, width = int(low, 16), len(low) // 2
            base = int(start, 16)
            for offset in range(int(high, 16) - first + 1):
                code = (first + offset).to_bytes(width, "big")
                found[code] = chr(base + offset)
    return found


def _encoding(encoding):
    """code bytes -> CID: Identity-H, or an embedded CMap's cidchar and cidrange entries."""
    if not isinstance(encoding, pikepdf.Stream):
        return lambda code: int.from_bytes(code, "big")
    cmap = encoding.read_bytes().decode("latin-1")
    found = {}
    for block in re.findall(r"begincidchar(.*?)endcidchar", cmap, re.S):
        for code, cid in re.findall(rf"{_HEX}\s*(\d+)", block):
            found[bytes.fromhex(code)] = int(cid)
    for block in re.findall(r"begincidrange(.*?)endcidrange", cmap, re.S):
        for low, high, cid in re.findall(rf"{_HEX}\s*{_HEX}\s*(\d+)", block):
            first, width = int(low, 16), len(low) // 2
            for offset in range(int(high, 16) - first + 1):
                found[(first + offset).to_bytes(width, "big")] = int(cid) + offset
    return lambda code: found.get(code, 0)


def _widths(array, default):
    """CID -> width, from a CIDFont's /W array: `c [w1 w2 ...]` and `first last w` entries."""
    found, items, index = {}, list(array), 0
    while index < len(items):
        first = int(items[index])
        following = items[index + 1]
        if isinstance(following, pikepdf.Array):
            for offset, width in enumerate(following):
                found[first + offset] = float(width)
            index += 2
        else:
            for cid in range(first, int(following) + 1):
                found[cid] = float(items[index + 2])
            index += 3
    return lambda cid: found.get(cid, default)


def open_sample(text):
    """`footer_font` of a freshly rendered sample, with the sample document to close later."""
    sample = pikepdf.open(io.BytesIO(sample_pdf(text)))
    return sample, footer_font(sample)
