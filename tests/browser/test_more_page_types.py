"""axe on the page types the journeys do not reach: "my actions" with a progress update,
recording a departure, closing an action, and the secretariat's board pack status."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import NAVIGATION_TIMEOUT_MS, assert_accessible
from tests.browser.test_minutes_journey import follow, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

NOV = "/boards/ics-board/meetings/2020-11-04/"
DEC = "/boards/ics-board/meetings/2020-12-02/"


def an_action_for_the_secretary():
    """An open action of 4 November 2020 led by the secretary, so "my actions" has one."""
    from meetings.models import Meeting
    from meetings.services import actions as action_services
    from partners.models import User

    secretary = User.objects.get(full_name="Stephanie Betts")
    november = Meeting.objects.get(board__slug="ics-board", date=datetime.date(2020, 11, 4))
    return action_services.action_raise(
        actor=secretary,
        item=november.items.get(number=8),
        title="Circulate the pathology business case timetable",
        lead=secretary,
        ongoing=True,
    )


def test_the_remaining_page_types_pass_axe(demo, live_server, page):
    base = live_server.url
    action = an_action_for_the_secretary()
    sign_in(page, base)

    page.goto(f"{base}/my-actions/")
    expect(page.get_by_text(action.title)).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}/actions/{action.pk}/update/")
    assert_accessible(page)
    page.get_by_label("Progress update").fill("Timetable drafted with the trusts.")
    follow(page, page.get_by_role("button").filter(has_text="update").first)
    expect(page.get_by_text("Timetable drafted with the trusts.").first).to_be_visible()
    assert_accessible(page)

    page.goto(f"{base}{NOV}movements/new/")
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Record it"))  # nothing chosen: errors
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{base}{DEC}actions/")
    follow(page, page.get_by_role("link").filter(has_text="Close").first)
    assert_accessible(page)

    # A build under way: its progress bar, then the status updating itself in place.
    from meetings.models import BuildStatus, Meeting, PackBuild

    december = Meeting.objects.get(board__slug="ics-board", date=datetime.date(2020, 12, 2))
    running = PackBuild.objects.create(
        meeting=december, reason="Rebuilt by hand", status=BuildStatus.RUNNING, progress=40
    )
    page.goto(f"{base}{DEC}pack/")
    expect(page.get_by_role("heading", name="Board packs")).to_be_visible()
    expect(page.get_by_label("Progress")).to_have_attribute("value", "40")
    assert_accessible(page)
    PackBuild.objects.filter(pk=running.pk).update(status=BuildStatus.DONE, progress=100)
    # The region asks the server again every few seconds: a busy machine answers late.
    expect(page.get_by_role("status")).to_contain_text("Done", timeout=NAVIGATION_TIMEOUT_MS)
    expect(page.get_by_label("Progress")).to_have_count(0)
    page.goto(f"{base}{DEC}agenda/")
    assert_accessible(page)
