"""Names that make sense on their own (WCAG 2.4.2, 2.4.4): page titles that say which board
and meeting a secretariat screen is about, links to papers that say whose item they belong
to, an expired reset link's page titled as it reads, and back links inside a landmark."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from meetings.models import Meeting, Paper

pytestmark = pytest.mark.django_db
DEC = "/boards/ics-board/meetings/2020-12-02/"


def title_of(response):
    assert response.status_code == 200, response.status_code
    return unescape(re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)[1])


def link_texts(response):
    """Each link's text as a screen reader reads it: visually hidden text included."""
    html = response.content.decode()
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", "", inner)).split())
        for inner in re.findall(r"<a\b[^>]*>(.*?)</a>", html, re.S)
    ]


def test_the_secretariat_pages_name_the_board_and_the_meeting_in_their_titles(scene, client_as):
    client = client_as("secretary")
    december = Meeting.objects.get(board__slug="ics-board", date=datetime.date(2020, 12, 2))
    item = december.items.get(title="Finance Report")
    paper = Paper.objects.get(pk=scene["public"])
    meeting = f"{december.board.name}, 2 December 2020"
    titles = {
        f"{DEC}items/{item.pk}/edit/": f"Change item {item.reference} – {meeting}",
        f"{DEC}items/new/": f"Add an item – {meeting}",
        f"{DEC}items/{item.pk}/defer/": f"Defer this item (item {item.reference}) – {meeting}",
        f"{DEC}items/{item.pk}/papers/new/": f"Add a paper for item {item.reference} – {meeting}",
        f"/papers/{paper.pk}/edit/": f"Change the paper for item {paper.item.reference} – "
        f"{meeting}",
        f"{DEC}edit/": f"Change the meeting – {meeting}",
        f"{DEC}pack/": f"Board packs – {meeting}",
        f"{DEC}agenda/": f"Agenda – {meeting}",
        f"{DEC}publish/": f"Publish – {meeting}",
    }
    for url, title in titles.items():
        assert title_of(client.get(url)).startswith(f"{title} – "), url


@pytest.mark.parametrize("persona", ["anonymous", "secretary"])
def test_every_paper_link_on_the_meeting_page_names_its_item(scene, client_as, persona):
    december = Meeting.objects.get(board__slug="ics-board", date=datetime.date(2020, 12, 2))
    minutes = Paper.objects.get(pk=scene["public"]).item
    texts = link_texts(client_as(persona).get(DEC))
    papers = [text for text in texts if text.startswith("Paper")]
    assert f"Paper for item {minutes.reference}, {minutes.title}" in papers
    if persona == "secretary":  # who sees the confidential item's paper too
        finance = december.items.get(title="Finance Report")
        assert f"Paper for item {finance.reference}, Finance Report" in papers
    # Read out of context, in a list of the page's links, no two are the same.
    assert len(set(papers)) == len(papers), papers
    sheets = [text for text in texts if text.startswith("Cover sheet")]
    assert all(re.search(r", item [\w.]+$", text) for text in sheets), sheets


def test_the_expired_password_reset_page_is_titled_as_it_reads(client):
    response = client.get(reverse("password_reset_confirm", args=["MQ", "no-such-token"]))
    assert "This link has expired" in response.content.decode()
    assert title_of(response).startswith("This link has expired – ")


def test_the_sign_in_page_leaves_focus_at_the_top_for_the_skip_link(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'name="username"' in html
    assert "autofocus" not in html


def test_the_back_link_sits_in_a_landmark(scene, client_as):
    html = client_as("secretary").get(f"{DEC}agenda/").content.decode()
    assert re.search(
        r'<nav class="nhsuk-back-link" aria-label="Back">\s*<a class="nhsuk-back-link__link"',
        html,
    )
