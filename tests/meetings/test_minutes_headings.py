"""The minutes have an outline: each section a heading, each item a heading below it, on the
page and in the PDF (its tags and its bookmarks), so a reader can move from item to item."""

import datetime
import io
import itertools
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from meetings.models import BuildStatus, Edition, Meeting
from tests.meetings.test_packs import build, current, outline_tree, read

pytestmark = pytest.mark.django_db

NOV = "/boards/ics-board/meetings/2020-11-04/"


class _Headings(HTMLParser):
    """The page's headings in order, as (level, text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self._open = [int(tag[1]), ""]

    def handle_endtag(self, tag):
        if self._open and tag == f"h{self._open[0]}":
            self.headings.append((self._open[0], " ".join(self._open[1].split())))
            self._open = None

    def handle_data(self, data):
        if self._open:
            self._open[1] += data


def headings_of(response):
    assert response.status_code == 200
    parser = _Headings()
    parser.feed(response.content.decode())
    return parser.headings


def assert_no_skipped_levels(headings):
    levels = [level for level, _ in headings]
    assert levels[0] == 1, headings
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"h{before} then h{after} in {headings}"


def november():
    return Meeting.objects.get(date=datetime.date(2020, 11, 4))


def expected_outline(meeting, *, public):
    """Each section with items, then its items as "reference. title" (the public title of a
    confidential item for the public)."""
    outline = []
    for section in meeting.sections.all():
        items = list(section.items.all())
        if items:
            titles = [
                f"{item.minute_reference}. "
                f"{item.public_title if public and item.confidential else item.title}"
                for item in items
            ]
            outline.append((section.title, titles))
    return outline


def assert_outline(headings, outline):
    """Each section an h2 and, after it and before the next section, its items as h3s."""
    for section, items in outline:
        assert (2, section) in headings, f"{section!r} is not an h2 in {headings}"
        after = headings[headings.index((2, section)) + 1 :]
        below = [text for level, text in after[: len(items)] if level == 3]
        assert below == items, f"{section!r}: {below} are not its items {items}"


@pytest.mark.parametrize("reader", ["anonymous", "member"])
def test_each_section_and_item_of_the_minutes_is_a_heading(scene, client, client_as, reader):
    browser = client if reader == "anonymous" else client_as("member")
    headings = headings_of(browser.get(f"{NOV}minutes/"))
    assert_no_skipped_levels(headings)
    assert headings[0] == (1, "Minutes of the meeting of 4 November 2020")
    assert (2, "Attendance") in headings
    outline = expected_outline(november(), public=reader == "anonymous")
    assert len(outline) >= 2 and all(items for _, items in outline)
    assert_outline(headings, outline)
    if reader == "anonymous":
        assert not any("Pathology contract award" in text for _, text in headings)
    else:
        assert any(text.endswith(". Pathology contract award") for _, text in headings)


def structure_types(reader):
    """The /S names of every element of the PDF's structure tree."""
    found, stack = [], [reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(kid.get_object() for kid in node)
            continue
        if not hasattr(node, "get"):
            continue  # a marked-content id: the leaves of the tree
        if "/S" in node:
            found.append(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            kids = kids.get_object()
            stack.extend(kids if isinstance(kids, list) else [kids])
    return found


def outline_titles(outline):
    """pypdf's outline as [(title, [children's titles...]), ...]."""
    tree = []
    for entry in outline:
        if isinstance(entry, list):
            tree[-1] = (tree[-1][0], outline_titles(entry))
        else:
            tree.append((" ".join(entry.title.split()), []))
    return tree


def test_the_minutes_pdf_has_the_same_outline_in_its_bookmarks_and_tags(scene, client_as):
    response = client_as("member").get(f"{NOV}minutes.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    outline = expected_outline(november(), public=False)
    bookmarks = outline_titles(reader.outline)
    # Attendance, then each section with its items nested below it.
    assert bookmarks[0] == ("Attendance", [])
    assert bookmarks[1:] == [
        (section, [(item, []) for item in items]) for section, items in outline
    ]
    types = structure_types(reader)
    assert types.count("/H1") == 1
    assert types.count("/H2") == 1 + len(outline)
    assert types.count("/H3") == sum(len(items) for _, items in outline)


@pytest.mark.parametrize("edition", Edition.values)
def test_the_packs_minutes_bookmarks_follow_their_headings(scene, edition):
    december = Meeting.objects.get(date=datetime.date(2020, 12, 2))
    done = build(december)
    assert done.status == BuildStatus.DONE, done.error
    reader = read(current(december, edition))
    part = "Minutes of the meeting of 4 November 2020"
    (children,) = [kids for title, _, kids in outline_tree(reader) if title == part]

    nested = [(title, [item for item, _, _ in items]) for title, _, items in children]

    outline = expected_outline(november(), public=edition == Edition.PUBLIC)
    assert nested == [("Attendance", []), *outline]
    # Each bookmark leads to the page its heading is on, in order, within the part.
    pages = [page for _, page, items in children for page in [page, *(p for _, p, _ in items)]]
    assert pages == sorted(pages)
    for title, page, _ in children[1:]:
        assert title in " ".join(reader.pages[page - 1].extract_text().split())
