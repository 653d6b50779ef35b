"""The board pack as a screen reader meets it: one structure tree holding each generated part
and each tagged paper, the page-number footer an artifact in an embedded font, every font
embedded, and the contents saying which papers carry no tags. Both editions, built through
the services, read back with pypdf (the pack is written with pikepdf)."""

import datetime
import re
import time

import pytest
from django.utils import timezone
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from meetings.models import Edition, Meeting, Pack
from meetings.services import papers as paper_services
from meetings.services import publication as publication_services
from partners.pdf import html_to_pdf
from tests.meetings.conftest import add_item, add_paper, upload
from tests.meetings.test_packs import build, outline_tree, with_previous_minutes_paper

pytestmark = pytest.mark.django_db

FONT_FILES = {"/FontFile", "/FontFile2", "/FontFile3"}


def paper_pdf(tagged):
    """A paper as a word processor exports it: headings, a table, its fonts embedded."""
    rows = "".join(f"<tr><td>Quarter {n}</td><td>£{n}m</td></tr>" for n in range(1, 5))
    html = (
        '<html lang="en-GB"><head><title>Finance report</title></head><body>'
        "<h1>Finance report</h1><p>The month 7 position.</p>"
        f"<table><tr><th>Quarter</th><th>Spend</th></tr>{rows}</table>"
        "<h2>Recommendation</h2><p>Note the report.</p></body></html>"
    )
    return html_to_pdf(html, tagged=tagged)


@pytest.fixture
def tagged_meeting(meeting, secretary):
    """Papers of every kind: a tagged one with an untagged appendix, an untagged one with
    embedded fonts, and the previous minutes as a blank untagged upload."""
    with_previous_minutes_paper(meeting, secretary)
    finance = add_paper(add_item(meeting, secretary, title="Finance Report"), secretary)
    paper_services.paper_file_upload(
        actor=secretary, paper=finance, upload=upload(content=paper_pdf(tagged=True))
    )
    paper_services.paper_file_upload(
        actor=secretary, paper=finance, upload=upload(pages=2), slot=1, title="Capital plan"
    )
    strategy = add_paper(
        add_item(meeting, secretary, title="Clinical Strategy"), secretary, title="Strategy"
    )
    paper_services.paper_file_upload(
        actor=secretary, paper=strategy, upload=upload(content=paper_pdf(tagged=False))
    )
    publication_services.meeting_publish_papers(
        actor=secretary, meeting=meeting, now=timezone.make_aware(datetime.datetime(2020, 11, 1))
    )
    return meeting


@pytest.fixture
def packs(tagged_meeting):
    """Both editions of the pack, built once, as pypdf readers by edition."""
    started = time.perf_counter()
    built = build(tagged_meeting)
    assert built.error == ""
    print(f"Both editions built in {time.perf_counter() - started:.2f} s")
    return {
        edition: PdfReader(
            Pack.objects.filter(meeting=tagged_meeting, edition=edition).get().file.path
        )
        for edition in Edition.values
    }


EDITIONS = pytest.mark.parametrize("edition", Edition.values)


def resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def kids(element):
    found = resolve(element.get("/K"))
    if found is None:
        return []
    return [resolve(kid) for kid in (found if isinstance(found, ArrayObject) else [found])]


def elements(element):
    """Every structure element below `element` (marked-content references and objects left
    out)."""
    for kid in kids(element):
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            yield kid
            yield from elements(kid)


def page_numbers(reader):
    return {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}


def parts(reader):
    """The Part elements under the pack's Document element, in order."""
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    (document,) = kids(root)
    assert document["/S"] == "/Document"
    return kids(document)


def first_page(part, numbers):
    pages = [
        numbers[each.raw_get("/Pg").idnum] for each in [part, *elements(part)] if "/Pg" in each
    ]
    return min(pages)


def bookmarks(reader):
    """(title, 0-based page, parent title) of the top two levels of bookmarks, in order."""
    found = []
    for title, page, children in outline_tree(reader):
        found.append((title, page - 1, None))
        found += [(child, child_page - 1, title) for child, child_page, _ in children]
    return found


@EDITIONS
def test_the_pack_is_marked_tagged_in_british_english_under_its_title(packs, edition):
    reader = packs[edition]
    root = reader.trailer["/Root"]

    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title.startswith("ICS Board board pack, 2 December 2020")


@EDITIONS
def test_each_generated_part_and_each_tagged_paper_is_a_part_of_the_structure(packs, edition):
    reader = packs[edition]
    numbers = page_numbers(reader)
    # Uploads are the nested bookmarks; of those only the finance paper itself has tags.
    expected = [
        (title, page)
        for title, page, parent in bookmarks(reader)
        if parent is None or (title == "Paper" and parent.endswith("Finance Report"))
    ]

    found = [(str(part["/T"]), first_page(part, numbers)) for part in parts(reader)]

    assert [part["/S"] for part in parts(reader)] == ["/Part"] * len(found)
    assert found == expected
    titles = [title for title, _page in found]
    extract = "Register of interests: extract"
    assert titles[:5] == ["Cover", "Contents", "Agenda", extract, "Action log"] or titles[:6] == [
        "Cover",
        "Contents",
        "Agenda",
        "Declarations of interest: guidance",
        extract,
        "Action log",
    ]


@EDITIONS
def test_the_parts_keep_their_own_structure(packs, edition):
    by_title = {str(part["/T"]): part for part in parts(packs[edition])}

    def types(title):
        return {str(element["/S"]) for element in elements(by_title[title])}

    assert {"/H1", "/Table", "/TH", "/TD"} <= types("Contents")
    assert "/H1" in types("Agenda")
    assert {"/H1", "/H2", "/Table"} <= types("Paper")  # the tagged upload's own tree


@EDITIONS
def test_every_structure_element_is_on_a_page_of_the_pack(packs, edition):
    reader = packs[edition]
    numbers = page_numbers(reader)
    every = [element for part in parts(reader) for element in [part, *elements(part)]]

    on_pages = [element.raw_get("/Pg").idnum for element in every if "/Pg" in element]

    assert len(on_pages) > 50
    assert set(on_pages) <= set(numbers)


def marked_content_ids(page):
    return [int(n) for n in re.findall(rb"/MCID\s+(\d+)", page.get_contents().get_data())]


def mcids_of(element):
    """The marked-content ids an element holds directly: numbers, or references /MCID."""
    found = []
    for kid in kids(element):
        if isinstance(kid, int):
            found.append(int(kid))
        elif isinstance(kid, DictionaryObject) and kid.get("/Type") == "/MCR":
            found.append(int(kid["/MCID"]))
    return found


@EDITIONS
def test_the_parent_tree_leads_from_each_pages_marked_content_to_its_element(packs, edition):
    reader = packs[edition]
    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    nums = tree["/ParentTree"]["/Nums"]
    keys = [int(key) for key in nums[0::2]]
    entries = dict(zip(keys, (resolve(value) for value in nums[1::2]), strict=True))
    page_keys = [page.get("/StructParents") for page in reader.pages]
    annotation_keys = [
        resolve(annotation).get("/StructParent")
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/StructParent" in resolve(annotation)
    ]
    used = [int(key) for key in page_keys + annotation_keys if key is not None]

    assert len(keys) == len(set(keys))  # every key once
    assert len(used) == len(set(used))  # no two pages or annotations share a key
    assert set(used) <= set(keys)
    assert int(tree["/ParentTreeNextKey"]) > max(keys)
    checked = 0
    for index, page in enumerate(reader.pages):
        ids = marked_content_ids(page)
        if not ids:
            continue
        assert "/StructParents" in page, f"page {index + 1} has marked content but no key"
        elements_of_page = entries[int(page["/StructParents"])]
        for mcid in ids:
            element = resolve(elements_of_page[mcid])
            assert mcid in mcids_of(element)
            assert element.raw_get("/Pg").idnum == page.indirect_reference.idnum
            checked += 1
    assert checked > 50


@EDITIONS
def test_the_pages_of_untagged_papers_lead_into_no_tree(packs, edition):
    reader = packs[edition]
    untagged = [
        page
        for title, page, parent in bookmarks(reader)
        if title == "Paper" and parent and parent.endswith("Clinical Strategy")
    ]

    assert untagged
    for index in untagged:
        assert "/StructParents" not in reader.pages[index]


@EDITIONS
def test_the_page_number_footer_is_a_pagination_artifact_on_every_page(packs, edition):
    reader = packs[edition]
    artifact = re.compile(
        rb"/Artifact\s*<<[^>]*/Type\s*/Pagination[^>]*>>\s*BDC(.*?)EMC", re.DOTALL
    )

    for index, page in enumerate(reader.pages):
        content = page.get_contents().get_data()
        footers = [found for found in artifact.findall(content) if b"/PackFooter" in found]
        assert len(footers) == 1, f"page {index + 1}"
        assert re.search(rb"/PackFooter\d*\s+[\d.]+\s+Tf", footers[0])
        # No footer text outside the artifact.
        assert len(re.findall(rb"/PackFooter\d*\s+[\d.]+\s+Tf", content)) == 1
        assert f"page {index + 1} of {len(reader.pages)}" in page.extract_text()


def fonts_of(resources, seen):
    """Every font of a resources dictionary and of the forms it draws, each once."""
    resources = resolve(resources) or {}
    for name, font in (resolve(resources.get("/Font")) or {}).items():
        font = resolve(font)
        if id(font) not in seen:
            seen.add(id(font))
            yield name, font
    for form in (resolve(resources.get("/XObject")) or {}).values():
        form = resolve(form)
        if form.get("/Subtype") == "/Form" and "/Resources" in form:
            yield from fonts_of(form["/Resources"], seen)


def embedded(font):
    for each in [font, *(resolve(f) for f in resolve(font.get("/DescendantFonts", [])))]:
        descriptor = resolve(each.get("/FontDescriptor"))
        if descriptor is not None and FONT_FILES & set(descriptor):
            return True
    return False


@EDITIONS
def test_every_font_in_the_pack_is_embedded(packs, edition):
    reader = packs[edition]
    checked = 0

    for index, page in enumerate(reader.pages):
        for name, font in fonts_of(page.get("/Resources"), set()):
            assert embedded(font), f"{name} ({font.get('/BaseFont')}) on page {index + 1}"
            checked += 1

    assert checked >= 2 * len(reader.pages)


def contents_text(reader):
    """The contents page's text, with the table's line breaks and spacing flattened."""
    return re.sub(r"\s+", " ", reader.pages[1].extract_text())


@EDITIONS
def test_the_contents_say_which_papers_are_not_tagged(packs, edition):
    text = contents_text(packs[edition])

    assert "Strategy (this paper is not tagged)" in text
    assert "Minutes of the previous meeting (this paper is not tagged)" in text
    # The finance paper has tags; only its appendix does not.
    assert "Conclusion of the phase 3 planning process (Capital plan is not tagged)" in text
    assert text.count("not tagged") == 3


# The demo's pack: 74 and 98 pages of real papers ------------------------------------------


@pytest.fixture
def demo_packs(demo_loaded):
    meeting = Meeting.objects.get(board__slug="ics-board", date=datetime.date(2020, 12, 2))
    started = time.perf_counter()
    built = build(meeting)
    assert built.error == ""
    print(f"The demo pack's two editions built in {time.perf_counter() - started:.2f} s")
    return {
        edition: PdfReader(Pack.objects.filter(meeting=meeting, edition=edition).get().file.path)
        for edition in Edition.values
    }


def test_the_demo_packs_are_tagged_throughout(demo_packs):
    for edition, reader in demo_packs.items():
        numbers = page_numbers(reader)
        titles = [str(part["/T"]) for part in parts(reader)]
        assert titles[:3] == ["Cover", "Contents", "Agenda"], edition
        every = [element for part in parts(reader) for element in [part, *elements(part)]]
        assert {element.raw_get("/Pg").idnum for element in every if "/Pg" in element} <= set(
            numbers
        )
        for index, page in enumerate(reader.pages):
            for name, font in fonts_of(page.get("/Resources"), set()):
                assert embedded(font), f"{edition}: {name} on page {index + 1}"
