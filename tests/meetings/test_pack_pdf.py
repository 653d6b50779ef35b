"""Assembling a board pack from part PDFs: merged in order, numbered, bookmarked and titled.

Everything is read back with pypdf, a different library from the pikepdf that writes it.
"""

import io

import pikepdf
import pytest
from pikepdf import Dictionary, Name
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject, NumberObject

from meetings.pdf.footer_font import open_sample
from meetings.pdf.pack_assembly import (
    SEPARATOR,
    Part,
    UnreadablePart,
    assemble,
    page_count,
    start_pages,
)
from partners.pdf import html_to_pdf
from tests.meetings.pdf_samples import pdf_bytes

FOOTER = "ICS Board – 2 December 2020"
A4 = (595, 842)


def pack(*parts, title="ICS Board, 2 December 2020: papers", lang="en-GB"):
    return assemble(list(parts), title=title, footer=FOOTER, lang=lang)


def read(pdf):
    # strict: pypdf raises on anything it would otherwise have to repair.
    return PdfReader(io.BytesIO(pdf), strict=True)


def rendered(*pages, page_size="A4"):
    """A PDF WeasyPrint renders with one page for each of `pages` (HTML)."""
    sections = "".join(f"<section>{html}</section>" for html in pages)
    style = f"@page {{ size: {page_size} }} section + section {{ break-before: page }}"
    return html_to_pdf(f'<html lang="en-GB"><style>{style}</style>{sections}</html>')


def changed(pdf, change):
    """The PDF saved again after `change(document)` with pikepdf."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        change(document)
        output = io.BytesIO()
        document.save(output)
        return output.getvalue()


def rotated(degrees, pdf=None):
    def rotate(document):
        document.pages[0].Rotate = degrees

    return changed(pdf or pdf_bytes(1), rotate)


def blank(width, height):
    writer = PdfWriter()
    writer.add_blank_page(width, height)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def inherited_rotation():
    """A Letter page whose size and /Rotate 90 are set on the page tree, not on the page."""
    writer = PdfWriter()
    writer.add_blank_page(*A4)
    del writer.pages[0][NameObject("/MediaBox")]
    tree = writer._root_object["/Pages"]
    tree[NameObject("/MediaBox")] = ArrayObject(NumberObject(n) for n in (0, 0, 612, 792))
    tree[NameObject("/Rotate")] = NumberObject(90)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def cropped(pdf):
    """The page shows only a box inside its media box, away from the origin."""

    def crop(document):
        document.pages[0].MediaBox = [0, 0, 700, 950]
        document.pages[0].CropBox = [50, 60, 645, 902]

    return changed(pdf, crop)


def with_content(content, fonts=None):
    """An A4 page drawing `content`, with Courier as /F1 (or the given fonts)."""
    document = pikepdf.new()
    document.add_blank_page(page_size=A4)
    courier = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Courier)
    page = document.pages[0]
    page.obj.Resources = Dictionary(Font=Dictionary(fonts or {"/F1": courier}))
    page.obj.Contents = document.make_stream(content)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def footer(n, total):
    return f"{FOOTER}{SEPARATOR}page {n} of {total}"


def text_width(text, size):
    """The width of `text` in the footer's font, with the widths WeasyPrint embeds for it."""
    sample, font = open_sample(text)
    with sample:
        return font.width(text, size)


def embedded(font):
    """Whether a font dictionary carries its font program (or its descendant's does)."""
    for each in [font, *font.get("/DescendantFonts", [])]:
        descriptor = each.get("/FontDescriptor")
        if descriptor is not None and {"/FontFile", "/FontFile2", "/FontFile3"} & set(
            descriptor.keys()
        ):
            return True
    return False


def multiply(m, n):
    """The product of two PDF matrices [a b c d e f]: m first, then n."""
    return [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]


def footer_as_displayed(pdf, index):
    """Where the footer starts and which way it runs on the page as a viewer displays it.

    pypdf turns the page's content by its /Rotate, as a viewer does, so coordinates are the
    reader's: x from the left, y up from the bottom of the visible page.
    """
    page = PdfWriter(clone_from=io.BytesIO(pdf)).pages[index]
    # The footer is found by its font: pypdf decodes a Type0 font's text wrongly once it has
    # rewritten the content to turn it.
    fonts = page["/Resources"]["/Font"]
    footer_fonts = {fonts[name]["/BaseFont"] for name in fonts if name.startswith("/PackFooter")}
    page.transfer_rotation_to_content()
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip() and font is not None and font.get("/BaseFont") in footer_fonts:
            found.append(multiply(tm, cm))

    page.extract_text(visitor_text=visit)
    ((a, b, _c, _d, x, y),) = found
    return {
        "x": x - page.cropbox.left,
        "y": y - page.cropbox.bottom,
        "direction": (round(a, 6), round(b, 6)),
        "shown_width": float(page.cropbox.width),
    }


# Merging ------------------------------------------------------------------------------------


def test_the_parts_are_merged_in_order_with_all_their_pages():
    first = rendered("<p>Agenda</p>")
    second = rendered("<p>Minutes, page one</p>", "<p>Minutes, page two</p>")
    reader = read(pack(Part("Agenda", first), Part("Minutes", second), Part("Blank", pdf_bytes(3))))

    assert len(reader.pages) == 6
    texts = [page.extract_text() for page in reader.pages]
    assert "Agenda" in texts[0]
    assert "Minutes, page one" in texts[1]
    assert "Minutes, page two" in texts[2]


def test_the_pack_opens_cleanly_in_pypdf_and_pikepdf():
    pdf = pack(
        Part("Agenda", rendered("<h1>Agenda</h1>")),
        Part("Landscape", rendered("<p>Wide</p>", page_size="A4 landscape"), level=1),
        Part("Rotated", rotated(90)),
        Part("Letter", blank(612, 792)),
    )

    texts = [page.extract_text() for page in read(pdf).pages]
    assert [footer(n, 4) in text for n, text in enumerate(texts, start=1)] == [True] * 4
    with pikepdf.open(io.BytesIO(pdf), attempt_recovery=False) as document:
        assert document.check_pdf_syntax() == []
        assert document.get_warnings() == []
        assert len(document.pages) == 4


def test_the_same_parts_make_the_same_bytes():
    parts = [Part("Agenda", pdf_bytes(2)), Part("Paper", pdf_bytes(1))]

    assert pack(*parts) == pack(*parts)


def test_a_link_within_a_part_still_leads_to_its_page():
    # WeasyPrint links through named destinations, which the merge leaves behind.
    linked = rendered('<a href="#end">To the end</a>', '<h2 id="end">End</h2>')
    reader = read(pack(Part("Cover", pdf_bytes(1)), Part("Paper", linked)))

    (link,) = reader.pages[1]["/Annots"]
    destination = link.get_object()["/Dest"]
    assert destination[0].idnum == reader.pages[2].indirect_reference.idnum


# Footers ------------------------------------------------------------------------------------


def test_every_page_shows_its_number_in_the_pack():
    reader = read(pack(Part("Agenda", pdf_bytes(2)), Part("Paper", rendered("<p>Text</p>"))))

    assert footer(1, 3) in reader.pages[0].extract_text()
    assert footer(2, 3) in reader.pages[1].extract_text()
    assert footer(3, 3) in reader.pages[-1].extract_text()


def test_the_footer_keeps_the_text_of_the_page():
    reader = read(pack(Part("Paper", rendered("<p>The board approved the plan.</p>"))))

    text = reader.pages[0].extract_text()
    assert "The board approved the plan." in text
    assert footer(1, 1) in text


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: pdf_bytes(1), id="A4 portrait"),
        pytest.param(lambda: rendered("<p>Wide</p>", page_size="A4 landscape"), id="A4 landscape"),
        pytest.param(lambda: blank(612, 792), id="Letter"),
        pytest.param(lambda: rotated(90), id="rotated 90"),
        pytest.param(lambda: rotated(180), id="rotated 180"),
        pytest.param(lambda: rotated(270), id="rotated 270"),
        pytest.param(lambda: rotated(-90), id="rotated -90"),
        pytest.param(lambda: rotated(90, rendered("<p>Turned</p>")), id="WeasyPrint, rotated 90"),
        pytest.param(inherited_rotation, id="size and rotation inherited"),
        pytest.param(lambda: cropped(pdf_bytes(1)), id="cropped"),
        pytest.param(lambda: rotated(90, cropped(pdf_bytes(1))), id="cropped, rotated 90"),
        pytest.param(lambda: rotated(270, cropped(pdf_bytes(1))), id="cropped, rotated 270"),
    ],
)
def test_the_footer_is_upright_at_the_bottom_centre_of_any_page(make):
    pdf = pack(Part("Paper", make()))

    assert footer(1, 1) in read(pdf).pages[0].extract_text()
    shown = footer_as_displayed(pdf, 0)
    assert shown["direction"] == (1, 0)  # runs left to right as displayed: not turned
    assert shown["y"] == pytest.approx(14, abs=0.01)
    left_over = shown["shown_width"] - text_width(footer(1, 1), 8)
    assert shown["x"] == pytest.approx(left_over / 2, abs=0.01)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"2 0 0 2 0 0 cm 1 0 0 rg", id="no q at all"),
        pytest.param(b"q 0.5 0 0 0.5 100 100 cm", id="a q never restored"),
        pytest.param(b"2 0 0 2 0 0 cm q 0.5 0 0 0.5 100 100 cm", id="a cm, then a lone q"),
        pytest.param(b"Q Q 3 0 0 3 50 50 cm", id="Q with no q"),
    ],
)
def test_a_page_that_leaves_its_graphics_state_changed_cannot_move_the_footer(content):
    pdf = pack(Part("Paper", with_content(content + b" BT /F1 12 Tf 10 10 Td (Original) Tj ET")))

    text = read(pdf).pages[0].extract_text()
    assert "Original" in text
    assert footer(1, 1) in text
    shown = footer_as_displayed(pdf, 0)
    assert shown["direction"] == (1, 0)
    assert shown["y"] == pytest.approx(14, abs=0.01)
    assert shown["x"] == pytest.approx((A4[0] - text_width(footer(1, 1), 8)) / 2, abs=0.01)


def test_the_footer_font_is_added_beside_the_pages_own_resources():
    courier = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Courier)
    page = with_content(
        b"BT /PackFooter 12 Tf 10 10 Td (Original) Tj ET", fonts={"/PackFooter": courier}
    )

    pdf = pack(Part("Paper", page))

    with pikepdf.open(io.BytesIO(pdf)) as document:
        fonts = document.pages[0].Resources.Font
        assert fonts.PackFooter.BaseFont == Name.Courier
        assert embedded(fonts.PackFooter2)
    assert "Original" in read(pdf).pages[0].extract_text()


def test_pages_that_share_resources_share_one_footer_font():
    pdf = pack(Part("Paper", rendered(*[f"<p>Page {n}</p>" for n in range(4)])))

    with pikepdf.open(io.BytesIO(pdf)) as document:
        footer_fonts = {
            value.objgen
            for page in document.pages
            for name, value in page.Resources.Font.items()
            if name.startswith("/PackFooter")
        }
    assert len(footer_fonts) == 1


def test_a_footer_beyond_the_standard_fonts_keeps_its_accents():
    pdf = assemble([Part("Paper", pdf_bytes(1))], title="Pack", footer="Bwrdd – Gŵyl Café")

    assert "Bwrdd – Gŵyl Café – page 1 of 1" in read(pdf).pages[0].extract_text()


# Bookmarks and the document ----------------------------------------------------------------


def test_every_part_has_a_bookmark_to_its_first_page_nested_by_level():
    parts = [
        Part("1. Welcome and apologies", rendered("<h1>Own heading</h1>")),
        Part("2. Minutes", pdf_bytes(3)),
        Part("2.1 Action log", pdf_bytes(2), level=1),
        Part("2.2 Appendix", pdf_bytes(1), level=1),
        Part("3. Finance report", pdf_bytes(4)),
    ]
    reader = read(pack(*parts))

    def flattened(entries):
        for entry in entries:
            if isinstance(entry, list):
                yield from flattened(entry)
            else:
                yield entry.title, reader.get_destination_page_number(entry) + 1

    assert list(flattened(reader.outline)) == list(
        zip([part.title for part in parts], start_pages(parts), strict=True)
    )
    # The nesting: the two level-1 parts are the children of "2. Minutes".
    titles = [
        [child.title for child in entry] if isinstance(entry, list) else entry.title
        for entry in reader.outline
    ]
    assert titles == [
        "1. Welcome and apologies",
        "2. Minutes",
        ["2.1 Action log", "2.2 Appendix"],
        "3. Finance report",
    ]


def uploaded_with_bookmarks():
    """A 3-page upload with an outline as an office suite writes one: two headings, one to a
    named destination, and a third whose destination is missing."""
    with pikepdf.open(io.BytesIO(pdf_bytes(3))) as pdf:
        second = pdf.pages[1].obj
        pdf.Root.Names = Dictionary(
            Dests=Dictionary(Names=pikepdf.Array([pikepdf.String("summary"), [second, Name.Fit]]))
        )
        with pdf.open_outline() as outline:
            outline.root.append(pikepdf.OutlineItem("Introduction", 0))
            outline.root.append(pikepdf.OutlineItem("Summary", pikepdf.String("summary")))
            outline.root.append(pikepdf.OutlineItem("Gone", pikepdf.String("nowhere")))
            outline.root[0].children.append(pikepdf.OutlineItem("Background", 2))
        output = io.BytesIO()
        pdf.save(output)
        return output.getvalue()


def test_each_parts_own_bookmarks_are_nested_under_its_bookmark_on_the_packs_pages():
    parts = [
        Part("1. Cover", rendered("<h1>Cover sheet</h1><h2>Purpose</h2><h2>Risks</h2>")),
        Part("2. Finance report", rendered("<h1>Own heading</h1>")),
        Part("2.1 Appendix", uploaded_with_bookmarks(), level=1, band=True),
    ]
    reader = read(pack(*parts))

    def tree(entries):
        found = []
        for entry in entries:
            if isinstance(entry, list):
                found[-1] = (*found[-1][:2], tree(entry))
            else:
                found.append((entry.title, reader.get_destination_page_number(entry) + 1, []))
        return found

    # The cover sheet's one top heading is its part's bookmark: its children come up a level.
    # The appendix keeps its own headings, on the pack's pages 3 to 5; "Gone" leads nowhere.
    assert tree(reader.outline) == [
        ("1. Cover", 1, [("Purpose", 1, []), ("Risks", 1, [])]),
        (
            "2. Finance report",
            2,
            [
                (
                    "2.1 Appendix",
                    3,
                    [("Introduction", 3, [("Background", 5, [])]), ("Summary", 4, [])],
                )
            ],
        ),
    ]


def test_the_pack_has_its_title_and_language():
    pdf = pack(Part("Agenda", pdf_bytes(1)), title="ICS Board – 2 December 2020", lang="cy-GB")

    reader = read(pdf)
    assert reader.metadata.title == "ICS Board – 2 December 2020"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "cy-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.open_metadata()["dc:title"] == "ICS Board – 2 December 2020"


def test_the_language_is_british_english_unless_given():
    reader = read(pack(Part("Agenda", pdf_bytes(1))))

    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


# Page arithmetic ---------------------------------------------------------------------------


def test_start_pages_add_up_the_page_counts():
    parts = [Part("A", pdf_bytes(2)), Part("B", pdf_bytes(3)), Part("C", pdf_bytes(1))]

    assert start_pages(parts) == [1, 3, 6]
    assert start_pages(parts, first_page=3) == [3, 5, 8]
    assert start_pages([]) == []


def test_page_count_counts_the_pages():
    assert page_count(pdf_bytes(4)) == 4
    assert page_count(rendered("<p>One</p>", "<p>Two</p>")) == 2


# Refusals ----------------------------------------------------------------------------------

GOOD = pdf_bytes(3)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(b"Minutes of the last meeting", "it is not a PDF", id="garbage"),
        pytest.param(GOOD[: len(GOOD) // 2], "damaged or incomplete", id="truncated in half"),
        pytest.param(GOOD[:-40], "damaged or incomplete", id="missing its end"),
        pytest.param(pdf_bytes(1, password="secret"), "password", id="password"),
    ],
)
def test_an_unreadable_part_is_refused_by_its_title(content, reason):
    parts = [Part("Agenda", pdf_bytes(1)), Part("Finance report", content)]

    with pytest.raises(UnreadablePart, match=reason) as refused:
        pack(*parts)

    assert refused.value.part_title == "Finance report"
    assert "'Finance report'" in str(refused.value)
    with pytest.raises(UnreadablePart):
        start_pages(parts)
    with pytest.raises(UnreadablePart):
        page_count(content)


def test_a_part_with_a_damaged_page_is_refused_naming_the_page():
    def damage(document):
        stream = document.make_stream(b"")
        stream.write(b"not deflated at all", filter=Name.FlateDecode)
        document.pages[1].Contents = stream

    with pytest.raises(UnreadablePart, match="page 2 is damaged") as refused:
        pack(Part("Agenda", pdf_bytes(1)), Part("Finance report", changed(pdf_bytes(2), damage)))

    assert refused.value.part_title == "Finance report"


def test_an_empty_pack_is_refused():
    with pytest.raises(ValueError, match="at least one part"):
        assemble([], title="Pack", footer=FOOTER)


def test_a_nested_part_needs_a_part_before_it():
    with pytest.raises(ValueError, match="nested"):
        pack(Part("Appendix", pdf_bytes(1), level=1))


def test_levels_are_0_and_1():
    with pytest.raises(ValueError, match="levels are 0 and 1"):
        Part("Appendix", pdf_bytes(1), level=2)


# Structure ---------------------------------------------------------------------------------


def tagged(html):
    return html_to_pdf(f'<html lang="en-GB"><title>Part</title>{html}</html>', tagged=True)


LINKED = '<h1>Agenda</h1><p>See <a href="#later">later</a>.</p><h2 id="later">Later</h2>'


def parent_tree(document):
    nums = document.Root.StructTreeRoot.ParentTree.Nums
    return dict(zip((int(key) for key in nums[0::2]), nums[1::2], strict=True))


def test_a_pack_of_tagged_parts_has_one_tree_with_a_part_for_each():
    pdf = pack(Part("Agenda", tagged(LINKED)), Part("Minutes", tagged("<h1>Minutes</h1>")))

    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.Root.MarkInfo.Marked is True
        (root_element,) = document.Root.StructTreeRoot.K
        assert str(root_element.S) == "/Document"
        assert [(str(part.S), str(part.T)) for part in root_element.K] == [
            ("/Part", "Agenda"),
            ("/Part", "Minutes"),
        ]
        assert all(part.P.objgen == root_element.objgen for part in root_element.K)


def test_the_links_of_two_tagged_parts_keep_keys_of_their_own():
    pdf = pack(Part("Agenda", tagged(LINKED)), Part("Supplement", tagged(LINKED)))

    with pikepdf.open(io.BytesIO(pdf)) as document:
        entries = parent_tree(document)
        links = [
            annotation for page in document.pages for annotation in page.obj.get("/Annots", [])
        ]
        keys = [int(link.StructParent) for link in links]
        pages = [int(page.obj.StructParents) for page in document.pages]
        assert len(links) == 2
        assert len(set(keys + pages)) == 4
        for link, key in zip(links, keys, strict=True):
            # The key leads to the Link element, whose object reference is this annotation.
            (reference,) = [kid for kid in entries[key].K if isinstance(kid, Dictionary)]
            assert reference.Obj.objgen == link.objgen


def test_a_parent_tree_split_into_kids_is_followed():
    def split(document):
        tree = document.Root.StructTreeRoot
        nums = tree.ParentTree.Nums
        leaf = document.make_indirect(
            Dictionary(Nums=nums, Limits=pikepdf.Array([nums[0], nums[len(nums) - 2]]))
        )
        tree.ParentTree = document.make_indirect(Dictionary(Kids=pikepdf.Array([leaf])))

    pdf = pack(Part("Agenda", tagged(LINKED)), Part("Minutes", changed(tagged(LINKED), split)))

    with pikepdf.open(io.BytesIO(pdf)) as document:
        entries = parent_tree(document)
        second = int(document.pages[1].obj.StructParents)
        assert second > 0
        assert all(kid.Pg.objgen == document.pages[1].obj.objgen for kid in entries[second])


def test_an_untagged_part_keeps_no_key_into_the_tree():
    def stale_key(document):
        document.pages[0].obj.StructParents = 0

    pdf = pack(Part("Agenda", tagged(LINKED)), Part("Paper", changed(pdf_bytes(1), stale_key)))

    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert [str(part.T) for part in document.Root.StructTreeRoot.K[0].K] == ["Agenda"]
        assert Name.StructParents not in document.pages[1].obj


def test_a_pack_of_untagged_parts_claims_no_tags():
    pdf = pack(Part("Paper", pdf_bytes(2)))

    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert Name.StructTreeRoot not in document.Root
        assert Name.MarkInfo not in document.Root


def test_the_footer_is_a_pagination_artifact_in_an_embedded_font():
    pdf = pack(Part("Agenda", tagged(LINKED)), Part("Paper", pdf_bytes(1), band=True))

    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            operations = pikepdf.parse_content_stream(page)
            found = [str(op.operator) for op in operations]
            tf = next(
                index
                for index, op in enumerate(operations)
                if str(op.operator) == "Tf" and str(op.operands[0]).startswith("/PackFooter")
            )
            opened = max(
                index
                for index, op in enumerate(operations[:tf])
                if str(op.operator) == "BDC" and op.operands[0] == Name.Artifact
            )
            assert operations[opened].operands[1].Type == Name.Pagination
            assert "EMC" in found[tf:]
            assert "BDC" not in found[opened + 1 : tf]
            name = str(operations[tf].operands[0])
            assert embedded(page.Resources.Font[name])


def test_a_tagged_part_with_keys_that_are_not_numbers_is_still_merged():
    def garbled(document):
        document.pages[0].obj.StructParents = pikepdf.String("zero")
        document.Root.StructTreeRoot.ParentTreeNextKey = Name.Many

    pdf = pack(Part("Agenda", tagged(LINKED)), Part("Paper", changed(tagged(LINKED), garbled)))

    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert [str(part.T) for part in document.Root.StructTreeRoot.K[0].K] == ["Agenda", "Paper"]
        assert int(document.pages[0].obj.StructParents) == 0
    assert footer(2, 2) in read(pdf).pages[1].extract_text()


def test_a_tagged_part_keeps_its_language_in_the_pack():
    welsh = html_to_pdf('<html lang="cy"><title>Papur</title><h1>Papur</h1></html>', tagged=True)

    pdf = pack(Part("Agenda", tagged(LINKED)), Part("Papur", welsh))

    with pikepdf.open(io.BytesIO(pdf)) as document:
        agenda, paper = document.Root.StructTreeRoot.K[0].K
        assert str(document.Root.Lang) == "en-GB"
        assert str(agenda.Lang) == "en-GB"
        assert str(paper.Lang) == "cy"
