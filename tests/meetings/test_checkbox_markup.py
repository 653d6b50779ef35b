"""Checkboxes and radios whose state can be seen (WCAG 1.4.11, 2.4.7): every one on the
secretariat's forms, formsets included, has NHS.UK frontend's input class and a label of its
own, so the styled box shows it ticked and focused rather than hiding the native one."""

import datetime
from html.parser import HTMLParser

import pytest

from meetings.models import Meeting, Paper

pytestmark = pytest.mark.django_db
NOV = "/boards/ics-board/meetings/2020-11-04/"
DEC = "/boards/ics-board/meetings/2020-12-02/"
KINDS = {"checkbox": "nhsuk-checkboxes", "radio": "nhsuk-radios"}


class Boxes(HTMLParser):
    """The page's checkboxes and radios (their class, and the item they sit in) and the class
    of each label, by the input it is for."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inputs = []
        self.labels = {}
        self._open = []  # the classes of the open divs

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div":
            self._open.append(attrs.get("class") or "")
        elif tag == "input" and attrs.get("type") in KINDS:
            self.inputs.append((attrs, self._open[-1] if self._open else ""))
        elif tag == "label" and attrs.get("for"):
            self.labels[attrs["for"]] = attrs.get("class") or ""

    def handle_endtag(self, tag):
        if tag == "div" and self._open:
            self._open.pop()


def badly_marked(html):
    page = Boxes()
    page.feed(html)
    wrong = []
    for attrs, around in page.inputs:
        kind = KINDS[attrs["type"]]
        name = attrs.get("name")
        if f"{kind}__input" not in (attrs.get("class") or "").split():
            wrong.append(f"{name}: no {kind}__input class")
        if f"{kind}__item" not in around.split():
            wrong.append(f"{name}: not in a {kind}__item")
        if f"{kind}__label" not in page.labels.get(attrs.get("id"), "").split():
            wrong.append(f"{name}: no {kind}__label for it")
    return len(page.inputs), wrong


def test_the_standing_items_delete_boxes_show_their_state(scene, client_as):
    html = client_as("secretary").get("/boards/ics-board/standing-items/").content.decode()
    count, wrong = badly_marked(html)
    assert "standing-0-DELETE" in html
    assert count and not wrong, wrong


def test_every_checkbox_and_radio_on_the_secretariat_forms_is_nhs_uk_markup(scene, client_as):
    client = client_as("secretary")
    december = Meeting.objects.get(board__slug="ics-board", date=datetime.date(2020, 12, 2))
    item = december.items.get(title="Finance Report")
    november = Meeting.objects.get(board__slug="ics-board", date=datetime.date(2020, 11, 4))
    held_item = november.items.order_by("number").first()
    paper = Paper.objects.get(pk=scene["public"])
    urls = [
        "/boards/ics-board/settings/",
        "/boards/ics-board/settings/cover-sheet/",
        "/boards/ics-board/meetings/new/",
        f"{DEC}edit/",
        f"{DEC}items/new/",
        f"{DEC}items/{item.pk}/edit/",
        f"{DEC}items/{item.pk}/papers/new/",
        f"/papers/{paper.pk}/edit/",
        f"{DEC}publish/",
        f"{NOV}attendance/",
        f"{NOV}items/{held_item.pk}/minutes/",
        f"{NOV}declarations/new/",
        f"{NOV}movements/new/",
    ]
    boxes = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        count, wrong = badly_marked(response.content.decode())
        boxes += count
        assert not wrong, f"{url}: {wrong}"
    assert boxes > 10  # the forms were there to check
