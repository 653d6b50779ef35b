"""An uploaded paper's own footer and the pack's: the pack numbers an uploaded page in a band
added below it, never over the paper's own text. Read back with pypdf."""

import datetime
import io

import pikepdf
import pytest
from pikepdf import Dictionary, Name
from pypdf import PdfReader

from meetings.models import Edition, Pack, PackBuild, StandingKind
from meetings.pdf.pack_assembly import BAND, Part, assemble
from meetings.services import packs as pack_services
from meetings.services import papers as paper_services
from meetings.services import publication as publication_services
from tests.meetings.conftest import add_item, add_paper, upload
from tests.meetings.test_pack_pdf import A4, footer_as_displayed, rendered, rotated

IN_GOOD_TIME = datetime.datetime(2020, 11, 1, 9, tzinfo=datetime.UTC)
FOOTER = "ICS Board – 2 December 2020"
OWN_FOOTER = "Finance Report, p. 1/1"


def paper_with_footer(rotate=0):
    """An A4 paper whose own footer sits 4 pt above its bottom edge, in 8 pt Helvetica."""
    document = pikepdf.new()
    document.add_blank_page(page_size=A4)
    page = document.pages[0]
    helvetica = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    page.obj.Resources = Dictionary(Font=Dictionary({"/F1": helvetica}))
    page.obj.Contents = document.make_stream(
        b"BT /F1 12 Tf 72 700 Td (Finance Report) Tj ET\n"
        + f"BT /F1 8 Tf 240 4 Td ({OWN_FOOTER}) Tj ET".encode()
    )
    if rotate:
        page.obj.Rotate = rotate
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def texts_with_positions(page):
    """Each piece of text on the page with its baseline's y in the page's own space."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text.strip(), tm[5] * cm[3] + tm[4] * cm[1] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


def test_the_packs_footer_goes_in_a_band_below_an_uploaded_page():
    """Regression: the pack's footer was stamped 14 pt above the bottom of the paper's own
    page, over the footer the paper carries there."""
    pdf = assemble(
        [
            Part("Cover sheet", rendered("<h1>Cover</h1>")),
            Part("Paper", paper_with_footer(), 1, True),
        ],
        title="Pack",
        footer=FOOTER,
    )
    page = PdfReader(io.BytesIO(pdf)).pages[1]
    assert [float(v) for v in page.mediabox] == [0, -BAND, A4[0], A4[1]]
    assert [float(v) for v in page.cropbox] == [0, -BAND, A4[0], A4[1]]
    found = dict(texts_with_positions(page))
    # The paper keeps its text where it was.
    assert found["Finance Report"] == pytest.approx(700)
    assert found[OWN_FOOTER] == pytest.approx(4)
    # The pack's footer is in the band: below the paper's page, inside the enlarged one.
    [stamp] = [y for text, y in found.items() if text.startswith(FOOTER)]
    assert -BAND < stamp < 0
    assert stamp + 8 < 0  # its 8 pt letters end below the paper's bottom edge
    assert f"{FOOTER} – page 2 of 2" in page.extract_text()


def test_the_portals_own_pages_keep_their_size():
    pdf = assemble([Part("Cover sheet", rendered("<h1>Cover</h1>"))], title="Pack", footer=FOOTER)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert float(page.mediabox.bottom) == 0
    assert 0 < texts_with_positions(page)[-1][1] < 20


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_a_turned_page_gets_its_band_at_the_bottom_as_displayed(degrees):
    pdf = assemble(
        [Part("Paper", paper_with_footer(rotate=degrees), band=True)], title="Pack", footer=FOOTER
    )
    footer = footer_as_displayed(pdf, 0)
    assert footer["direction"] == (1, 0)  # upright as the reader sees the page
    assert footer["y"] == pytest.approx(14)  # in the band: BAND below the paper
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    width, height = float(page.cropbox.width), float(page.cropbox.height)
    assert (width, height) == ((A4[0] + BAND, A4[1]) if degrees != 180 else (A4[0], A4[1] + BAND))


def test_the_band_is_not_added_twice_to_the_rotated_sample():
    pdf = assemble([Part("Paper", rotated(90), band=True)], title="Pack", footer=FOOTER)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert float(page.cropbox.width) + float(page.cropbox.height) == pytest.approx(
        sum(A4) + BAND, abs=1
    )


@pytest.mark.django_db
def test_a_built_pack_puts_the_band_under_uploaded_papers_only(meeting, secretary):
    add_paper(meeting.items.get(standing=StandingKind.PREVIOUS_MINUTES), secretary)
    paper = add_paper(add_item(meeting, secretary, title="Finance Report"), secretary)
    paper_services.paper_file_upload(
        actor=secretary, paper=paper, upload=upload("finance.pdf", paper_with_footer())
    )
    publication_services.meeting_publish_papers(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    build = PackBuild.objects.get(meeting=meeting)
    pack_services.pack_build_run(build.pk)
    pack = Pack.objects.get(meeting=meeting, edition=Edition.PUBLIC)
    reader = PdfReader(pack.file.path)
    banded = [i for i, page in enumerate(reader.pages) if float(page.mediabox.bottom) < 0]
    # The two uploaded files' pages (3 of the minutes' paper, 1 of the finance report), not
    # the cover, contents, agenda, action log or cover sheets.
    assert len(banded) == 4
    found = dict(texts_with_positions(reader.pages[banded[-1]]))
    assert found[OWN_FOOTER] == pytest.approx(4)
    [stamp] = [y for text, y in found.items() if text.startswith("ICS Board")]
    assert -BAND < stamp < 0
