"""The generated documents downloaded on their own: a paper's cover sheet, a meeting's agenda
and its minutes, as tagged PDF/UA files, shown exactly as their pages are.

Everything is read back with pypdf, not with the WeasyPrint that writes it.
"""

import io
import re

import pytest
from pypdf import PdfReader

from meetings.models import Edition, Meeting
from meetings.pdf import pack_parts
from partners.pdf import css_string, html_to_pdf, page_footer
from tests.conftest import SECRET_PAPER, SECRET_TITLE, text_of

pytestmark = pytest.mark.django_db

NOV = "/boards/ics-board/meetings/2020-11-04/"
DEC = "/boards/ics-board/meetings/2020-12-02/"
JAN = "/boards/ics-board/meetings/2021-01-13/"


def read(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content), strict=True)


def text(reader):
    """The PDF's words with the spaces collapsed: table cells wrap titles over lines."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def assert_tagged(reader, title):
    """PDF/UA's marks: a structure tree, marked content, the language and the title shown."""
    catalogue = reader.trailer["/Root"]
    assert catalogue["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert "/StructTreeRoot" in catalogue
    assert catalogue["/StructTreeRoot"].get_object()["/K"]
    assert catalogue["/Lang"] == "en-GB"
    assert catalogue["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert reader.metadata.title == title


def test_a_cover_sheet_is_a_tagged_pdf(scene, client):
    response = client.get(f"/papers/{scene['public']}/cover-sheet.pdf")
    reader = read(response)
    assert_tagged(reader, "Cover sheet: Minutes of 4 November 2020 – ICS Board, 2 December 2020")
    words = text(reader)
    assert "Minutes of 4 November 2020" in words and "Executive summary" in words
    # Standalone, it carries its own footer (the pack stamps its own instead).
    assert "ICS Board – 2 December 2020, item" in words and "page 1 of 1" in words
    assert response["Cache-Control"] == "private"
    assert "cover sheet.pdf" in response["Content-Disposition"]


def test_the_agenda_is_a_tagged_pdf(scene, client):
    response = client.get(f"{DEC}agenda.pdf")
    reader = read(response)
    assert_tagged(reader, "Agenda – ICS Board, 2 December 2020")
    words = text(reader)
    assert "Finance Report" in words and "ICS Board – agenda of 2 December 2020" in words
    assert response["Cache-Control"] == "private"


def test_the_minutes_pdf_is_tagged(scene, client):
    reader = read(client.get(f"{NOV}minutes.pdf"))
    assert_tagged(reader, "Minutes of the ICS Board, 4 November 2020")
    pages = len(reader.pages)
    assert f"ICS Board – minutes of 4 November 2020 – page {pages} of {pages}" in text(reader)


def test_draft_minutes_say_so_at_the_foot_of_every_page(scene, client_as):
    reader = read(client_as("member").get(f"{DEC}minutes.pdf"))
    words = text(reader)
    for page in range(1, len(reader.pages) + 1):
        assert f"minutes of 2 December 2020 (draft) – page {page} of" in words


def test_the_public_agenda_shows_a_confidential_item_by_its_public_title(scene, client_as):
    for persona in ["anonymous", "outsider", "governance_admin"]:
        words = text(read(client_as(persona).get(f"{DEC}agenda.pdf")))
        assert "Strategic risks" in words and "(taken in private)" in words, persona
        assert SECRET_TITLE not in words and "Assurance Framework" not in words, persona


def test_members_get_the_real_agenda_and_no_cache_keeps_it(scene, client_as):
    for persona in ["member", "chair", "secretary"]:
        response = client_as(persona).get(f"{DEC}agenda.pdf")
        assert SECRET_TITLE in text(read(response)), persona
        assert response["Cache-Control"] == "private, no-store", persona


def test_a_confidential_papers_cover_sheet_is_for_members_only(scene, client_as):
    path = f"/papers/{scene['secret']}/cover-sheet.pdf"
    for persona in ["anonymous", "outsider", "governance_admin"]:
        assert client_as(persona).get(path).status_code == 404, persona
    response = client_as("member").get(path)
    reader = read(response)
    assert SECRET_PAPER in text(reader)
    assert reader.metadata.title.startswith(f"Cover sheet: {SECRET_PAPER}")
    assert response["Cache-Control"] == "private, no-store"


def test_an_unpublished_papers_cover_sheet_is_for_the_secretariat(scene, client_as):
    path = f"/papers/{scene['draft']}/cover-sheet.pdf"
    assert client_as("member").get(path).status_code == 404
    response = client_as("secretary").get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_a_draft_meetings_agenda_is_for_the_secretariat(scene, client_as):
    assert client_as("member").get(f"{JAN}agenda.pdf").status_code == 404
    response = client_as("secretary").get(f"{JAN}agenda.pdf")
    assert "Clinical Strategy" in text(read(response))
    assert response["Cache-Control"] == "private, no-store"


def test_the_pages_link_to_the_downloads(scene, client, client_as):
    paper = text_of(client.get(f"/papers/{scene['public']}/"))
    assert "Download the cover sheet (PDF)" in paper
    page = client.get(DEC).content.decode()
    assert f'href="{DEC}agenda.pdf">Download the agenda (PDF)' in page
    # A draft meeting's agenda is not offered for download until it is published.
    assert "agenda.pdf" not in client_as("secretary").get(JAN).content.decode()


def test_the_pack_renders_its_documents_as_before(scene):
    """Untagged, and without a footer of their own: the pack merges (which would drop the
    tags) and stamps one footer numbering all its pages."""
    december = Meeting.objects.get(board__slug="ics-board", date="2020-12-02")
    plan = pack_parts.plan(december, Edition.PUBLIC)
    generated = [part.html for part in plan.parts if part.html]
    assert generated and not any("@bottom-center" in html for html in generated)
    reader = PdfReader(io.BytesIO(html_to_pdf(generated[0])))
    assert "/StructTreeRoot" not in reader.trailer["/Root"]


def test_a_footer_cannot_break_out_of_its_stylesheet():
    name = 'St Mary\'s "Board" \\ </style><p>Injected</p> & co'
    quoted = css_string(name)
    assert quoted.count('"') == 2 and "<" not in quoted and "\\\\" not in quoted
    html = (
        f'<!DOCTYPE html><html lang="en-GB"><head><title>T</title><style>@page {{ size: A4 }}'
        f"{page_footer(name)}</style></head><body><p>Body</p></body></html>"
    )
    words = text(PdfReader(io.BytesIO(html_to_pdf(html, tagged=True))))
    assert f"{name} – page 1 of 1" in words
    assert words.count("Injected") == 1
