"""The secretary records the meeting of 2 December 2020 and its minutes, then the board
approves them at its next meeting and the public reads them. axe checks every page type."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, set_up_second_factor

pytestmark = pytest.mark.django_db(transaction=True)

DEC = "/boards/ics-board/meetings/2020-12-02/"
DISCUSSION = "The Board discussed the vaccination programme and its first clinics."
RESOLVED = "The Board endorsed the vaccination plan for the first phase."


def next_meeting():
    """The ICS Board's January meeting, its agenda published, to approve December's minutes."""
    from meetings.models import Meeting
    from meetings.services import agenda as agenda_services
    from meetings.services import publication as publication_services
    from partners.models import User

    december = Meeting.objects.get(board__slug="ics-board", date=datetime.date(2020, 12, 2))
    secretary = User.objects.get(full_name="Stephanie Betts")
    starts = timezone.make_aware(datetime.datetime(2021, 1, 13, 10))
    january = agenda_services.meeting_create(
        actor=secretary,
        board=december.board,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        location="Microsoft Teams",
    )
    publication_services.meeting_publish_agenda(
        actor=secretary, meeting=january, now=timezone.make_aware(datetime.datetime(2020, 12, 21))
    )
    return december.items.get(number=6)


def follow(page, locator):
    """Click a link or a button and wait for the page it leads to (every step here is a
    full page load: the screens work without JavaScript)."""
    with page.expect_navigation(wait_until="load"):
        locator.click()


def sign_in(page, base):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email address").fill("stephanie.betts@lsc-icp.example")
    page.get_by_label("Password").fill("a-demo-password-for-tests")
    follow(page, page.get_by_role("button", name="Sign in"))
    set_up_second_factor(page, base, "stephanie.betts@lsc-icp.example")
    page.wait_for_url(f"{base}/")


def test_secretary_records_the_meeting_and_the_board_approves_its_minutes(demo, live_server, page):
    base = live_server.url
    item = next_meeting()
    sign_in(page, base)

    # The meeting took place.
    page.goto(f"{base}{DEC}")
    follow(page, page.get_by_role("link", name="Record that the meeting was held"))
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="The meeting was held"))
    page.wait_for_url(f"{base}{DEC}")
    expect(page.get_by_text("The meeting is recorded as held.")).to_be_visible()

    # Attendance: from the board's seats, then one apology.
    follow(page, page.get_by_role("link", name="Attendance, declarations, arrivals and departures"))
    follow(page, page.get_by_role("button", name="Fill in from the board's members"))
    expect(page.get_by_role("cell", name="Kevin McGee").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Person", exact=True).select_option(label="Neil Japp")
    page.get_by_label("Apologies").check()
    follow(page, page.get_by_role("button", name="Record the attendance"))
    expect(page.get_by_role("heading", name="Apologies")).to_be_visible()

    # A declaration with the chair's ruling.
    follow(page, page.get_by_role("link", name="Record a declaration of interest"))
    assert_accessible(page)
    page.get_by_label("Who declared the interest").select_option(label="Dr Amanda Doyle")
    page.get_by_label("At item").select_option(label=f"6. {item.title}")
    page.get_by_label("Non-financial professional").check()
    page.get_by_label("Nature of the interest").fill("Clinical lead of a vaccination hub")
    page.get_by_label("Stays and may speak but not vote").check()
    follow(page, page.get_by_role("button", name="Record the declaration"))
    expect(page.get_by_text("Clinical lead of a vaccination hub").first).to_be_visible()

    # The minute of item 6, with a resolution.
    page.goto(f"{base}{DEC}minutes/")
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="Write the minute of item 6"))
    page.get_by_label("Discussion").fill(DISCUSSION)
    page.locator("#id_resolutions-0-text").fill(RESOLVED)
    page.locator("#id_resolutions-0-outcome").select_option(label="Endorsed")
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Save the minute"))
    page.wait_for_url(f"{base}{DEC}minutes/#item-6")
    expect(page.get_by_text(DISCUSSION)).to_be_visible()

    # An action raised at the item.
    page.goto(f"{base}{DEC}actions/new/")
    assert_accessible(page)
    page.get_by_label("Raised at item").select_option(label=f"6. {item.title}")
    page.get_by_label("Action", exact=True).fill("Report the uptake of the first clinics")
    page.get_by_label("Responsible lead").select_option(index=1)
    page.get_by_label("On-going").check()
    follow(page, page.get_by_role("button", name="Raise the action"))
    expect(page.get_by_text("Report the uptake of the first clinics").first).to_be_visible()
    assert_accessible(page)

    # Approval at the next meeting publishes the minutes.
    page.goto(f"{base}{DEC}minutes/")
    follow(page, page.get_by_role("link", name="Record the approval of these minutes"))
    assert_accessible(page)
    page.get_by_label("Approved at the meeting of").select_option(label="13 January 2021")
    page.get_by_label("As a true record, without amendment").check()
    follow(page, page.get_by_role("button", name="Approve the minutes"))
    page.wait_for_url(f"{base}{DEC}minutes/")
    expect(page.get_by_text("at the meeting of 13 January 2021 as a true record")).to_be_visible()

    # The public reads them.
    page.context.clear_cookies()
    page.goto(f"{base}{DEC}minutes/")
    expect(page.get_by_text(RESOLVED)).to_be_visible()
    expect(page.get_by_text("Clinical lead of a vaccination hub")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}{DEC}")
    expect(page.get_by_text("Minutes, approved 13 January 2021")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}{DEC}actions/")
    assert_accessible(page)
