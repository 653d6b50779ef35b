"""The register of interests in the browser: a member declares an interest from "My
interests", with a mistake first, then a nil return refused while it is current; the
governance team accepts it; the public finds it on the
register. axe on each page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, set_up_second_factor
from tests.browser.test_minutes_journey import follow

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-demo-password-for-tests"


def sign_in_as(page, base, email):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    follow(page, page.get_by_role("button", name="Sign in"))
    set_up_second_factor(page, base, email)
    page.wait_for_url(f"{base}/")


def test_a_member_declares_an_interest_and_the_governance_team_accepts_it(demo, live_server, page):
    base = live_server.url
    sign_in_as(page, base, "amanda.doyle@lsc-icp.example")

    follow(page, page.get_by_role("link", name="My interests"))
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="Declare an interest"))
    assert_accessible(page)

    page.get_by_label("Non-financial professional").check()
    page.get_by_label("Description of the interest").fill("Trustee of a local hospice")
    page.get_by_label("Other organisation concerned").fill("St Catherine's Hospice")
    page.get_by_label("From").fill("2021-14")  # no 14th month
    follow(page, page.get_by_role("button", name="Declare the interest"))
    assert page.title().startswith("Error: ")
    assert_accessible(page)
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("From must be")
    # What was typed is still there; the choice too.
    expect(page.get_by_label("Description of the interest")).to_have_value(
        "Trustee of a local hospice"
    )
    expect(page.get_by_label("Non-financial professional")).to_be_checked()
    page.get_by_label("From").fill("2021-04")
    follow(page, page.get_by_role("button", name="Declare the interest"))
    expect(page.get_by_text("Your interest is declared.")).to_be_visible()
    expect(page.get_by_text("From April 2021 to ongoing")).to_be_visible()
    expect(page.get_by_text("Waiting for review")).to_be_visible()
    assert_accessible(page)

    # A nil return, refused while the interest is current.
    page.get_by_label("Nil return").check()
    follow(page, page.get_by_role("button", name="Make my return"))
    assert page.title().startswith("Error: ")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "You cannot make a nil return while an interest of yours is current"
    )
    assert_accessible(page)

    # Hospitality offered: the form says the rule before anything is saved.
    follow(page, page.get_by_role("link", name="Declare a gift or hospitality"))
    assert_accessible(page)
    page.get_by_label("Hospitality").check()
    page.get_by_label("Who offered it").fill("Acme Supplies Ltd")
    page.get_by_label("What it was").fill("Dinner at a conference")
    page.get_by_label("Value in pounds").fill("120")
    page.get_by_label("Date offered").fill("2024-05-01")
    page.get_by_label("Declined").check()
    follow(page, page.get_by_role("button", name="Check which rule applies"))
    expect(page.locator("#rule")).to_contain_text("Hospitality over £75 is refused")
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Declare it"))
    expect(page.get_by_text("The hospitality is declared.")).to_be_visible()
    expect(page.get_by_role("cell", name="Dinner at a conference")).to_be_visible()

    sign_in_as(page, base, "stephanie.betts@lsc-icp.example")
    page.goto(f"{base}/interests/returns/")
    expect(page.get_by_role("row", name="Geoff Jolliffe")).to_contain_text("Overdue")
    assert_accessible(page)
    page.goto(f"{base}/interests/review/")
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="Dr Amanda Doyle"))
    assert_accessible(page)
    page.get_by_label("Accept the entry").check()
    follow(page, page.get_by_role("button", name="Save the review"))
    expect(page.get_by_text("Dr Amanda Doyle's interest is accepted.")).to_be_visible()
    expect(page.get_by_text("No interests are waiting for review.")).to_be_visible()

    # Now on the public register, for anyone.
    page.context.clear_cookies()
    page.goto(f"{base}/interests/")
    assert_accessible(page)
    expect(page.get_by_text("Trustee of a local hospice")).to_be_visible()
    page.get_by_label("Name").fill("Doyle")
    follow(page, page.get_by_role("button", name="Search the register"))
    expect(page.get_by_role("heading", name="Dr Amanda Doyle")).to_be_visible()
    expect(page.get_by_role("heading", name="Kevin McGee")).to_have_count(0)
    assert_accessible(page)

    # Last year's list of those who made no declaration: the one who made no return.
    follow(page, page.get_by_role("link", name="the decision-makers who made no declaration"))
    expect(page.get_by_role("row", name="Geoff Jolliffe")).to_be_visible()
    assert_accessible(page)
