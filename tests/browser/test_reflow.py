"""Reflow (WCAG 1.4.10) and text spacing (1.4.12): at 320 CSS px wide every page type fits the
screen without scrolling sideways, also with the text spacing WCAG asks pages to bear. Wide
tables scroll inside their own box. axe checks each page too."""

import datetime
import re

import pytest

from tests.browser.conftest import assert_accessible, set_up_second_factor
from tests.browser.test_minutes_journey import follow, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

NARROW = {"width": 320, "height": 640}
BOARD = "/boards/ics-board/"
NOV = "/boards/ics-board/meetings/2020-11-04/"
DEC = "/boards/ics-board/meetings/2020-12-02/"

# The text spacing bookmarklet of WCAG 1.4.12, set on each element through the CSS object
# model (the page's Content-Security-Policy refuses added style sheets, rightly).
TEXT_SPACING = """() => {
  for (const element of document.querySelectorAll("*")) {
    element.style.setProperty("line-height", "1.5", "important");
    element.style.setProperty("letter-spacing", "0.12em", "important");
    element.style.setProperty("word-spacing", "0.16em", "important");
  }
  for (const paragraph of document.querySelectorAll("p")) {
    paragraph.style.setProperty("margin-bottom", "2em", "important");
  }
}"""

# What sticks out past the right edge, to say which element pushes the page sideways.
TOO_WIDE = """width => [...document.querySelectorAll("body *")]
  .filter(element => element.getBoundingClientRect().right > width + 0.5)
  .filter(element => !element.closest(".app-table-scroll, .nhsuk-table-container"))
  .slice(0, 5)
  .map(element => `${element.tagName.toLowerCase()}.${element.className} ` +
    `(${Math.round(element.getBoundingClientRect().right)} px)`)"""


def assert_fits(page, how):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], (
        f"{page.url} {how} is {width} px wide: {page.evaluate(TOO_WIDE, NARROW['width'])}"
    )


def assert_reflows(page, url):
    """The page at `url`, 320 px wide: accessible, and no sideways scrolling, with and
    without the text spacing."""
    page.goto(url)
    assert_accessible(page)
    assert_fits(page, "at 320 px")
    page.evaluate(TEXT_SPACING)
    assert_fits(page, "at 320 px with text spacing")


def a_paper_of_december():
    from meetings.models import Paper

    return (
        Paper.objects.filter(item__meeting__date=datetime.date(2020, 12, 2))
        .order_by("item__number", "pk")
        .first()
    )


def test_public_pages_reflow_at_320_px(demo, live_server, page):
    base = live_server.url
    page.set_viewport_size(NARROW)
    paper = a_paper_of_december()
    for path in [
        "/",
        BOARD,
        f"{BOARD}meetings/",
        DEC,
        NOV,
        f"{NOV}minutes/",
        f"{DEC}actions/",
        paper.get_absolute_url(),
        "/accessibility/",
        "/accounts/login/",
        "/interests/",
        "/interests/no-declaration/",
    ]:
        assert_reflows(page, f"{base}{path}")


def sign_in_as_member(page, base):
    from partners.models import User

    email = User.objects.get(full_name="Dr Amanda Doyle").email
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("a-demo-password-for-tests")
    follow(page, page.get_by_role("button", name="Sign in"))
    if re.search(r"/second-factor/set-up/", page.url):
        set_up_second_factor(page, base, email)
    page.wait_for_url(f"{base}/")


def test_member_pages_reflow_at_320_px(demo, live_server, page):
    base = live_server.url
    page.set_viewport_size(NARROW)
    sign_in_as_member(page, base)
    for path in [
        DEC,
        NOV,
        f"{NOV}minutes/",
        "/my-actions/",
        "/my-interests/",
        "/my-interests/new/",
        "/my-interests/meetings/",
    ]:
        assert_reflows(page, f"{base}{path}")


def test_secretariat_pages_reflow_at_320_px(demo, live_server, page):
    base = live_server.url
    paper = a_paper_of_december()
    sign_in(page, base)
    page.set_viewport_size(NARROW)
    for path in [
        DEC,
        f"{DEC}agenda/",
        f"{NOV}attendance/",
        f"{BOARD}standing-items/",
        f"/papers/{paper.pk}/edit/",
        f"{DEC}publish/",
        "/interests/review/",
        "/interests/returns/",
        "/interests/breaches/",
        f"{DEC}screening/",
    ]:
        assert_reflows(page, f"{base}{path}")
