"""A declaration at a meeting onto the register in the browser: the secretary adds it from
the attendance screen, with a mistake first; the register of breaches and its form; the
conflict screening of 2 December 2020; the member's own declarations at meetings. axe on each
page."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_interests_journey import sign_in_as
from tests.browser.test_minutes_journey import follow, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

NOV = "/boards/ics-board/meetings/2020-11-04/"
NATURE = "Clinical adviser to a provider bidding for the pathology contract"


def a_declaration_of_amanda_doyle():
    """A declaration at 4 November 2020 (the demo's minutes record none in particular)."""
    from meetings.models import InterestType, Meeting, Ruling
    from meetings.services import attendance as attendance_services
    from partners.models import User

    secretary = User.objects.get(full_name="Stephanie Betts")
    november = Meeting.objects.get(board__slug="ics-board", date=datetime.date(2020, 11, 4))
    return attendance_services.declaration_record(
        actor=secretary,
        meeting=november,
        attendance=november.attendance.get(person__full_name="Dr Amanda Doyle"),
        interest_type=InterestType.FINANCIAL,
        nature=NATURE,
        ruling=Ruling.SPEAKS_NOT_VOTES,
    )


def test_the_secretary_adds_a_declaration_to_the_register(demo, live_server, page):
    base = live_server.url
    a_declaration_of_amanda_doyle()
    sign_in(page, base)

    page.goto(f"{base}{NOV}attendance/")
    follow(page, page.get_by_role("link", name="Add to the register"))
    expect(page.get_by_role("heading", name="Add a declaration to the register")).to_be_visible()
    expect(page.get_by_label("Description of the interest")).to_have_value(NATURE)
    expect(page.get_by_label("Financial", exact=True)).to_be_checked()
    assert_accessible(page)

    page.get_by_label("Other organisation concerned").fill("Lancashire Pathology Ltd")
    follow(page, page.get_by_role("button", name="Add it to the register"))
    assert page.title().startswith("Error: ")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter when the interest began")
    expect(page.get_by_label("Other organisation concerned")).to_have_value(
        "Lancashire Pathology Ltd"
    )
    assert_accessible(page)
    page.get_by_label("From").fill("2019")
    follow(page, page.get_by_role("button", name="Add it to the register"))
    expect(page.get_by_text("Added to the register of Dr Amanda Doyle, accepted.")).to_be_visible()
    expect(page.get_by_text("On the register").first).to_be_visible()

    page.goto(f"{base}/interests/breaches/")
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="Record a breach"))
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Record the breach"))
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    # The screening of 2 December 2020: the chair's rulings, changed and accepted again.
    page.goto(f"{base}/boards/ics-board/meetings/2020-12-02/")
    follow(page, page.get_by_role("link", name="Conflict screening"))
    expect(page.get_by_role("heading", name="Aaron Cummins")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("The chair's ruling for Mike Wedgeworth").select_option(
        label="Stays and may speak but not vote"
    )
    follow(page, page.get_by_role("button", name="Accept the ruling for Mike Wedgeworth"))
    expect(page.get_by_text("Mike Wedgeworth, item 11: accepted.")).to_be_visible()
    expect(page.get_by_label("The chair's ruling for Mike Wedgeworth")).to_have_value(
        "speaks_not_votes"
    )
    assert_accessible(page)
    # Withholding the papers from someone who takes part is refused, saying why.
    withhold = page.get_by_label("Mike Wedgeworth should not receive the papers of item 11")
    withhold.check()
    page.get_by_label("The chair's ruling for Mike Wedgeworth").select_option(
        label="Stays, speaks and votes"
    )
    follow(page, page.get_by_role("button", name="Accept the ruling for Mike Wedgeworth"))
    expect(page.get_by_text("Someone who stays, speaks and votes on the item")).to_be_visible()
    expect(withhold).not_to_be_checked()
    assert_accessible(page)

    sign_in_as(page, base, "amanda.doyle@lsc-icp.example")
    page.goto(f"{base}/my-interests/meetings/")
    expect(page.get_by_role("cell", name=NATURE)).to_contain_text(NATURE)
    expect(page.get_by_text("Yes: Lancashire Pathology Ltd, from 2019")).to_be_visible()
    assert_accessible(page)
