"""Assembling a board pack from parts already rendered to PDF: bytes in, bytes out.

The pack is the parts' own pages, copied with pikepdf and never rendered again (uploaded
papers keep their content exactly as their authors made it), then stamped on every page with
one footer numbering the pack's pages, given a bookmark per part, a title and a language. An
uploaded paper may have a footer of its own at the very bottom of its page: its pages get a
blank band below them, and the pack's footer goes in the band, never over the paper. No models and
no tasks here, so a Celery task (or a test) can call it with whatever bytes it has.

The pack is tagged: each tagged part's structure tree is grafted into the pack's own, under a
Part element (pack_structure); a part without tags stays untagged. The footer is a pagination
artifact, in a font WeasyPrint embeds (footer_font). Each part's own bookmarks (the headings of
the portal's parts) are nested under the part's bookmark; the parts' forms are dropped.
"""

import io
import re
from collections.abc import Iterable
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from itertools import accumulate

import pikepdf
from pikepdf import Dictionary, Name, Operator, OutlineItem, String

from . import footer_font
from .pack_structure import PackTree, TaggedPart, is_tagged

FOOTER_SIZE = 8  # points, as the portal's own PDF footers
FOOTER_BASELINE = 14  # points above the visible bottom edge: 5 mm, within most printers' reach
FOOTER_COLOUR = (0.298, 0.384, 0.447)  # #4c6272, the grey of the portal's own PDF footers
SEPARATOR = " – "  # an en dash, as in the footers WeasyPrint renders for the portal
# The band added below an uploaded page: room for the footer (baseline 14 pt, 8 pt text) and
# white space above it, so it never touches the paper's own bottom line.
BAND = 28  # points
FONT_NAME = "/PackFooter"
# Marks the footer as pagination, not content: a screen reader skips it, and a tagged
# document's every mark on a page is either tagged content or an artifact.
ARTIFACT = Dictionary(Type=Name.Pagination, Subtype=Name.Footer)
_STEP = {"q": 1, "Q": -1}  # what each operator does to the depth of saved graphics states


@dataclass(frozen=True)
class Part:
    """One part of a pack: a cover sheet, a paper, an appendix."""

    title: str  # its bookmark (outline) title
    pdf: bytes  # the part's PDF
    level: int = 0  # 0 = top-level bookmark; 1 = nested under the previous level-0 part
    # An uploaded file, whose own footer may be at its very bottom: its pages get a band
    # below them for the pack's footer. The portal's own parts leave room for it already.
    band: bool = False

    def __post_init__(self):
        if self.level not in (0, 1):
            raise ValueError(f"Part {self.title!r} has level {self.level}; levels are 0 and 1.")

    def __repr__(self):
        # The PDF bytes would drown everything else in a log or a failed test.
        return f"Part({self.title!r}, {len(self.pdf)} bytes, level={self.level}, band={self.band})"


class UnreadablePart(Exception):
    """A part the merge cannot read: not a PDF, damaged, truncated or locked by a password."""

    def __init__(self, part_title, reason):
        self.part_title = part_title
        self.reason = reason
        subject = "The PDF" if part_title is None else f"The PDF of {part_title!r}"
        super().__init__(f"{subject} cannot be read: {reason}.")


def page_count(pdf: bytes) -> int:
    """How many pages a PDF has, read the way `assemble` reads it."""
    with _open(pdf, None) as document:
        return len(document.pages)


def tagged(pdf: bytes) -> bool:
    """Whether a part's PDF has a structure tree, which the pack keeps (an upload may not)."""
    with _open(pdf, None) as document:
        return is_tagged(document)


def start_pages(parts: Iterable[Part], first_page: int = 1) -> list[int]:
    """The 1-based page of the pack on which each part starts, from the parts' page counts.

    `first_page` is where the first of these parts starts: 1 + the pages of a contents page
    that is itself rendered later from these numbers, say.
    """
    starts = []
    for part in parts:
        starts.append(first_page)
        with _open(part.pdf, part.title) as document:
            first_page += len(document.pages)
    return starts


def assemble(parts: list[Part], *, title: str, footer: str, lang: str = "en-GB") -> bytes:
    """Merge the parts in order into one pack and return its PDF.

    Every page gets the footer `footer + SEPARATOR + "page {n} of {N}"` (in a band added
    below the page for parts with `band`), every part a bookmark to its first page (level-1
    parts nested under the level-0 part before them) with the part's own bookmarks under it,
    and the document its title (shown by viewers instead of the file name) and language.

    Raises ValueError for no parts or a level-1 part with no level-0 part before it, and
    UnreadablePart for a part that is not a readable PDF.
    """
    parts = list(parts)
    _check_levels(parts)
    # pikepdf copies a page's streams from its source only when the pack is saved, so every
    # source stays open until then.
    with ExitStack() as sources, pikepdf.new() as pack:
        starts, merged, opened = [], [], []
        for part in parts:
            source = sources.enter_context(_open(part.pdf, part.title))
            opened.append(source)
            starts.append(len(pack.pages))
            with _reading(part.title):
                _link_to_pages(source)
                pack.pages.extend(source.pages)
            merged.append(TaggedPart(part.title, source, starts[-1], len(pack.pages)))
        tree = PackTree(pack)
        for part in merged:
            with _reading(part.title, "its structure tree is damaged"):
                tree.add(part)
        tree.finish()
        sample, font = footer_font.open_sample(footer)
        sources.enter_context(sample)
        _stamp_footers(pack, parts, starts, footer, font)
        _add_outline(pack, parts, opened, starts)
        _describe(pack, title, lang)
        output = io.BytesIO()
        # A deterministic /ID: the same parts make the same bytes, so a pack can be compared.
        # Object streams, as WeasyPrint writes them: about 12% smaller for a 200-page pack.
        pack.save(
            output, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate
        )
        return output.getvalue()


def _check_levels(parts):
    if not parts:
        raise ValueError("A pack needs at least one part.")
    if parts[0].level != 0:
        raise ValueError(f"Part {parts[0].title!r} is nested (level 1) under no part.")


@contextmanager
def _reading(part_title, what="it is damaged or incomplete"):
    """Turn pikepdf's errors while reading a part into UnreadablePart naming that part."""
    try:
        yield
    except (pikepdf.PdfError, pikepdf.PasswordError) as error:
        raise UnreadablePart(part_title, _reason(error, what)) from error


def _open(pdf, part_title):
    """Open a part strictly: never repaired, as repairing a truncated file drops pages silently."""
    if not pdf.startswith(b"%PDF-"):
        raise UnreadablePart(part_title, "it is not a PDF")
    with _reading(part_title):
        return pikepdf.open(io.BytesIO(pdf), attempt_recovery=False)


def _reason(error, what):
    if isinstance(error, pikepdf.PasswordError):
        return "it is protected by a password"
    # qpdf names the in-memory file ("stream <_io.BytesIO object at 0x...>"): noise to a reader.
    detail = re.sub(r"^stream <[^>]*>(?: \([^)]*\))?: ", "", str(error)).strip()
    return f"{what} ({detail})" if detail else what


# Links -------------------------------------------------------------------------------------


def _link_to_pages(source):
    """Point the part's links to named destinations at their pages instead.

    WeasyPrint (and Chrome) link within a document through a table of names, which merging
    leaves behind; a link straight to a page object survives, as the page is copied with it.
    """
    names = _named_destinations(source)
    if not names:
        return
    for page in source.pages:
        for annotation in page.obj.get(Name.Annots, ()):
            if not isinstance(annotation, Dictionary):
                continue
            if Name.Dest in annotation:
                annotation.Dest = _page_destination(annotation.Dest, names)
            action = annotation.get(Name.A)
            if isinstance(action, Dictionary) and action.get(Name.S) == Name.GoTo:
                action.D = _page_destination(action.get(Name.D), names)


def _named_destinations(source):
    """A lookup of the part's named destinations: the name tree, or PDF 1.1's /Dests."""
    root = source.Root
    tree = root.get(Name.Names, {}).get(Name.Dests)
    old = root.get(Name.Dests)
    if tree is None and old is None:
        return None
    tree = pikepdf.NameTree(tree) if tree is not None else {}

    def lookup(name):
        if isinstance(name, String) and str(name) in tree:
            return tree[str(name)]
        if isinstance(name, Name) and old is not None and name in old:
            return old[name]
        return None

    return lookup


def _page_destination(destination, names):
    if not isinstance(destination, String | Name):
        return destination
    found = names(destination)
    if isinstance(found, Dictionary):  # a destination may be wrapped as << /D [...] >>
        found = found.get(Name.D)
    # A name that leads nowhere is left as it is: the link was broken in the part too.
    return destination if found is None else found


# Footers -----------------------------------------------------------------------------------


def _stamp_footers(pack, parts, starts, footer, font):
    """Stamp every page with its footer, in `font` (a footer_font.FooterFont) copied in."""
    font_object = pack.copy_foreign(font.font)
    total = len(pack.pages)
    for part, first, end in zip(parts, starts, [*starts[1:], total], strict=True):
        for index in range(first, end):
            with _reading(part.title, f"page {index - first + 1} is damaged"):
                text = f"{footer}{SEPARATOR}page {index + 1} of {total}"
                page = pack.pages[index]
                clip = _add_band(page) if part.band else None
                _stamp(pack, page, text, (font, font_object), clip)


def _stamp(pack, page, text, font, clip=None):
    """Add the footer on top of a page, whatever graphics state its own content leaves.

    `clip` ([left, bottom, right, top]) keeps the page's own content inside its former
    visible box, so nothing it drew off the page shows in the band.
    """
    opening, closing = _wrapping(page)
    font, font_object = font
    name = _font_name(page, font_object)
    start = b"q\n"
    if clip is not None:
        # Right after the first q: a page that pops more than it pushes keeps the clip.
        left, bottom, right, top = clip
        start += pikepdf.unparse_content_stream(
            [
                ([left, bottom, right - left, top - bottom], Operator("re")),
                ([], Operator("W")),
                ([], Operator("n")),
            ]
        )
        start += b"\n"
    page.contents_add(pack.make_stream(start + b"q\n" * (opening - 1)), prepend=True)
    # The newline first: a content stream may end without one, mid-line.
    page.contents_add(pack.make_stream(b"\n" + b"Q\n" * closing + _footer(page, text, name, font)))


def _wrapping(page):
    """How many q to put before the page's content and Q after it, to get back to the start.

    One q/Q pair is not enough for a page whose q and Q do not balance: an extra q leaves its
    transformation or colour in force after our Q, and an extra Q pops our q early.
    """
    # A WeasyPrint page has hundreds of q and Q: counted with builtins, not a Python loop.
    try:
        found = pikepdf.parse_content_stream(page, "q Q")
    except TypeError as error:  # what pikepdf raises for /Contents that are not streams
        raise pikepdf.PdfError("its content is not a content stream") from error
    steps = [_STEP[str(each.operator)] for each in found]
    lowest = min(accumulate(steps, initial=0))
    opening = 1 - lowest
    return opening, opening + sum(steps)


def _font_name(page, font):
    """The page's name for the footer font, added to its resources beside what is there.

    Pages often share one resources dictionary: a page after the first finds the font there.
    """
    resources = page.obj.get(Name.Resources)
    if not isinstance(resources, Dictionary):
        resources = page.obj.Resources = Dictionary()
    fonts = resources.get(Name.Font)
    if not isinstance(fonts, Dictionary):
        fonts = resources.Font = Dictionary()
    for key, value in fonts.items():
        if value.is_indirect and value.objgen == font.objgen:
            return Name(key)
    used = {key for kind in resources.values() if isinstance(kind, Dictionary) for key in kind}
    name, number = FONT_NAME, 1
    while name in used:
        number += 1
        name = f"{FONT_NAME}{number}"
    fonts[name] = font
    return Name(name)


def _add_band(page):
    """Enlarge the page's boxes by BAND below the page as displayed; return its former
    visible box (left, bottom, right, top).

    The bottom as displayed is another side of the box on a turned page: /Rotate 90 shows
    the right side at the bottom, 180 the top, 270 the left.
    """
    unit = float(page.obj.get(Name.UserUnit, 1))
    band = BAND / unit
    side = {0: 1, 90: 2, 180: 3, 270: 0}[_rotation(page)]  # index in [left, bottom, right, top]
    visible = _corners(page.cropbox)
    boxes = {Name.CropBox: visible}
    for name in (Name.BleedBox, Name.TrimBox, Name.ArtBox):
        if name in page.obj:
            boxes[name] = _corners(page.obj[name])
    media = _corners(page.mediabox)
    for name, box in boxes.items():
        box = list(box)
        box[side] += band if side >= 2 else -band
        page.obj[name] = pikepdf.Array(box)
        media = [*map(min, media[:2], box[:2]), *map(max, media[2:], box[2:])]
    page.obj.MediaBox = pikepdf.Array(media)
    return visible


def _corners(box):
    """A box as [left, bottom, right, top]: a box may name any two opposite corners."""
    values = [float(value) for value in box]
    (left, right), (bottom, top) = sorted(values[0::2]), sorted(values[1::2])
    return [left, bottom, right, top]


def _footer(page, text, font_name, font):
    """The content stream that shows the footer at the bottom centre of the page as displayed,
    marked as a pagination artifact."""
    # A box may name any two opposite corners.
    box = [float(value) for value in page.cropbox]
    (left, right), (bottom, top) = sorted(box[0::2]), sorted(box[1::2])
    width, height = right - left, top - bottom
    rotate = _rotation(page)
    shown_width = height if rotate in (90, 270) else width
    # /UserUnit makes a unit bigger than a point; 8 pt must still come out as 8 pt.
    unit = float(page.obj.get(Name.UserUnit, 1))
    size = FOOTER_SIZE / unit
    x = (shown_width - font.width(text, size)) / 2
    return pikepdf.unparse_content_stream(
        [
            ([Name.Artifact, ARTIFACT], Operator("BDC")),
            ([], Operator("q")),
            (_display_matrix(rotate, left, bottom, width, height), Operator("cm")),
            (FOOTER_COLOUR, Operator("rg")),
            ([], Operator("BT")),
            ([font_name, size], Operator("Tf")),
            ([round(x, 3), round(FOOTER_BASELINE / unit, 3)], Operator("Td")),
            ([String(font.encode(text))], Operator("Tj")),
            ([], Operator("ET")),
            ([], Operator("Q")),
            ([], Operator("EMC")),
        ]
    )


def _rotation(page):
    """The page's /Rotate as 0, 90, 180 or 270 (clockwise); viewers ignore other values."""
    rotate = int(page.obj.get(Name.Rotate, 0))
    return rotate % 360 if rotate % 90 == 0 else 0


def _display_matrix(rotate, left, bottom, width, height):
    """The matrix from the page as displayed (origin bottom left, upright) to its own space.

    A viewer turns the page `rotate` degrees clockwise to display it; drawing through this
    matrix undoes that turn, so the footer is upright and at the bottom as the reader sees it.
    """
    return {
        0: (1, 0, 0, 1, left, bottom),
        90: (0, 1, -1, 0, left + width, bottom),
        180: (-1, 0, 0, -1, left + width, bottom + height),
        270: (0, -1, 1, 0, left, bottom + height),
    }[rotate]


# Outline and document ----------------------------------------------------------------------


def _add_outline(pack, parts, sources, starts):
    """A bookmark per part, and under it the part's own bookmarks (its headings, for the
    portal's parts), pointing at the same places on the pack's copies of its pages."""
    with pack.open_outline() as outline:
        parent = None
        for part, source, start in zip(parts, sources, starts, strict=True):
            item = OutlineItem(part.title, start)
            with _reading(part.title, "its bookmarks are damaged"):
                item.children.extend(_own_bookmarks(pack, source, start))
            if part.level == 0:
                outline.root.append(item)
                parent = item
            else:
                parent.children.append(item)


def _own_bookmarks(pack, source, start):
    """The part's outline, copied onto the pack's pages from `start`.

    A part whose outline is one heading on its first page (a cover sheet's title, the
    minutes' title) gives that heading's children instead: the part's own bookmark already
    says it. Bookmarks that lead nowhere in the part are left out.
    """
    pages = {page.objgen: index for index, page in enumerate(source.pages)}
    names = _named_destinations(source)
    # Read, never saved: opening the outline with a context manager would write it back.
    items = list(pikepdf.Outline(source, strict=False).root)
    if len(items) == 1 and (_page_of(items[0], pages, names) or (None,))[0] == 0:
        items = list(items[0].children)
    return _copied(pack, items, pages, names, start)


def _copied(pack, items, pages, names, start):
    copies = []
    for item in items:
        found = _page_of(item, pages, names)
        children = _copied(pack, item.children, pages, names, start)
        if found is None:
            copies += children  # a heading that leads nowhere still has children that do
            continue
        index, view = found
        copy = OutlineItem(str(item.title), pikepdf.Array([pack.pages[start + index].obj, *view]))
        copy.children.extend(children)
        copies.append(copy)
    return copies


def _page_of(item, pages, names):
    """(page index in the part, the rest of its destination: /XYZ left top zoom, say), or
    None for a bookmark to no page of the part (a named destination that is missing, a
    link to another file)."""
    destination = item.destination
    action = item.action
    if destination is None and isinstance(action, Dictionary) and action.get(Name.S) == Name.GoTo:
        destination = action.get(Name.D)
    if names is not None:
        destination = _page_destination(destination, names)
    if not isinstance(destination, pikepdf.Array) or len(destination) < 2:
        return None
    page = destination[0]
    if not isinstance(page, Dictionary) or page.objgen not in pages:
        return None
    view = list(destination[1:])
    if any(value.is_indirect for value in view if isinstance(value, pikepdf.Object)):
        view = [Name.Fit]  # a position held in another object: the page is enough
    return pages[page.objgen], view


def _describe(pack, title, lang):
    """The title viewers show instead of the file name, the language screen readers speak."""
    with pack.open_metadata(set_pikepdf_as_editor=False) as metadata:
        metadata["dc:title"] = title  # pikepdf copies it to the docinfo /Title too
    pack.Root.Lang = String(lang)
    pack.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    # A pack is read by its bookmarks: open them beside the pages.
    pack.Root.PageMode = Name.UseOutlines
