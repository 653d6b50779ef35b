"""A form sent with mistakes, in the browser: the page comes back with "Error: " in its
title and one error summary, which has the focus (NHS.UK frontend's error summary moves it
there when the page loads), so a screen reader starts at "There is a problem". axe checks
each error page. The screens where focus went elsewhere: the standing items (a summary per
row, focus on the last, far down), the attendance (posted to #record, focus on the body)
and the agenda editor's "Add a section" (a notice, no summary)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_minutes_journey import follow, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DEC = "/boards/ics-board/meetings/2020-12-02/"
FOCUSED_SUMMARY = (
    "() => document.activeElement !== null"
    " && document.activeElement.classList.contains('nhsuk-error-summary')"
)


def assert_the_summary_has_the_focus(page):
    assert page.title().startswith("Error: "), page.title()
    expect(page.locator(".nhsuk-error-summary")).to_have_count(1)
    page.wait_for_function(FOCUSED_SUMMARY, timeout=5000)
    assert_accessible(page)


def test_the_error_summary_takes_the_focus(demo, live_server, page):
    base = live_server.url
    sign_in(page, base)

    # The standing items, two rows left without a title.
    page.goto(f"{base}/boards/ics-board/standing-items/")
    page.locator("#id_standing-0-title").fill("")
    page.locator("#id_standing-2-title").fill("")
    follow(page, page.get_by_role("button", name="Save the standing items"))
    assert_the_summary_has_the_focus(page)
    summary = page.locator(".nhsuk-error-summary")
    expect(summary.get_by_role("link")).to_have_count(2)
    expect(summary.get_by_role("link").first).to_have_attribute("href", "#id_standing-0-title")
    # What was typed in the other rows is still there.
    assert page.locator("#id_standing-1-title").input_value()

    # The attendance, recorded with nothing chosen.
    page.goto(f"{base}{DEC}attendance/")
    follow(page, page.get_by_role("button", name="Record the attendance"))
    assert "#" not in page.url
    assert_the_summary_has_the_focus(page)

    # A section without a title.
    page.goto(f"{base}{DEC}agenda/")
    follow(page, page.get_by_role("button", name="Add the section"))
    assert_the_summary_has_the_focus(page)
    expect(page.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    # The summary's link takes the reader to the field.
    page.locator(".nhsuk-error-summary a").click()
    page.wait_for_function("() => document.activeElement.id === 'id_title'", timeout=5000)
