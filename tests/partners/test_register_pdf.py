"""The public register as a tagged PDF at /interests/register.pdf: the page's entries and
search, dated, with each person a heading of the document's outline."""

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from partners.models import Role
from partners.models.returns import ReturnKind
from partners.services import returns as return_services
from tests.conftest import make_outsider, seat, text_of
from tests.factories import BoardFactory, UserFactory
from tests.meetings.test_documents import assert_tagged, text
from tests.partners.test_public_register import declared, on_the_day

pytestmark = pytest.mark.django_db

PDF = "/interests/register.pdf"
DAY = datetime.date(2026, 5, 12)


def register(client, query=None):
    response = client.get(PDF, query or {})
    assert response["Content-Type"] == "application/pdf"
    return response, PdfReader(io.BytesIO(response.content))


def test_the_register_is_a_tagged_pdf_dated_the_day_it_was_taken(member, client, monkeypatch):
    on_the_day(monkeypatch, DAY)
    declared(member, "Director of a supplier")
    response, reader = register(client)
    assert_tagged(reader, "Register of interests, 12 May 2026")
    assert 'filename="register-of-interests-2026-05-12.pdf"' in response["Content-Disposition"]
    words = text(reader)
    assert "As published on 12 May 2026." in words
    assert "Register of interests, 12 May 2026 – page 1 of 1" in words
    # Each person is a heading the reader's outline follows.
    assert [item.title for item in reader.outline] == [member.full_name]


def test_the_pdf_publishes_what_the_page_does_and_nothing_more(member, secretary, client):
    declared(member, "Director of a supplier")
    declared(member, "Spouse's shares", accept=False)
    declared(member, "A relative at risk", withheld_reason="A real risk of harm to a relative.")
    declared(secretary, "The secretary's own shares")  # the secretariat does not decide
    declared(make_outsider(), "Not on any board")

    words = text(register(client)[1])
    assert f"{member.full_name} Member, " in words
    assert "Director of a supplier" in words and "Director of a supplier" in text_of(
        client.get("/interests/")
    )
    for hidden in ["Spouse's shares", "A relative at risk", "secretary's own", "Not on any"]:
        assert hidden not in words


def test_the_pdf_of_a_search_holds_its_entries_and_says_what_was_searched(
    member, chair, board, client
):
    declared(member, "Director of a supplier")
    declared(chair, "Trustee of a charity")
    someone = UserFactory(full_name="Fay Fylde")
    seat(BoardFactory(name="Fylde Coast ICP Board", slug="fylde-coast"), someone, Role.MEMBER)
    declared(someone, "Adviser to a supplier")

    page = text_of(client.get("/interests/", {"board": board.slug}))
    assert f'href="{PDF}?board={board.slug}"' in client.get(
        "/interests/", {"board": board.slug}
    ).content.decode().replace("&amp;", "&")
    assert "Download these entries (PDF)" in page

    _response, reader = register(client, {"board": board.slug})
    words = text(reader)
    assert f"the entries on the {board.name}." in words
    assert sorted(item.title for item in reader.outline) == sorted(
        [member.full_name, chair.full_name]
    )
    assert "Fay Fylde" not in words and "Adviser to a supplier" not in words
    nobody = text(register(client, {"name": "nobody of that name"})[1])
    assert "the entries of people named “nobody of that name”" in nobody
    assert "No entries match your search." in nobody


def test_a_nil_return_is_in_the_pdf_and_an_empty_register_says_so(member, client):
    assert "The register has no entries yet." in text(register(client)[1])
    made_on = timezone.localdate() - datetime.timedelta(days=3)
    return_services.return_make(actor=member, person=member, kind=ReturnKind.NIL, on=made_on)
    words = text(register(client)[1])
    assert f"Nil return: no interests to declare (made on {made_on:%-d %B %Y})." in words
