"""A secretary signs in and opens the ICS Board; axe checks every page type on the way."""

import pytest

from tests.browser.conftest import assert_accessible, axe_violations, set_up_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


def test_secretary_signs_in_and_opens_the_ics_board(demo, live_server, page):
    base = live_server.url

    page.goto(f"{base}/accounts/login/")
    assert_accessible(page)

    page.get_by_label("Email address").fill("stephanie.betts@lsc-icp.example")
    page.get_by_label("Password").fill("a-demo-password-for-tests")
    page.get_by_role("button", name="Sign in").click()
    set_up_second_factor(page, base, "stephanie.betts@lsc-icp.example", check=assert_accessible)
    page.wait_for_url(f"{base}/")
    assert page.get_by_text("Stephanie Betts").is_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Boards").click()
    page.wait_for_url(f"{base}/boards/")
    assert_accessible(page)

    page.get_by_role("link", name="ICS Board", exact=True).first.click()
    page.wait_for_url(f"{base}/boards/ics-board/")
    assert page.get_by_role("heading", level=1).inner_text() == "ICS Board"
    assert page.get_by_role("cell", name="David Flory").is_visible()
    assert page.get_by_role("cell", name="Kevin McGee").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="History of changes to this board").click()
    page.wait_for_url(f"{base}/boards/ics-board/history/")
    assert page.get_by_text("Started membership as chair").first.is_visible()
    assert_accessible(page)

    page.goto(f"{base}/boards/ics-board/")
    page.get_by_role("link", name="East Lancashire Hospitals NHS Trust").first.click()
    page.wait_for_url(f"{base}/partners/elht/")
    assert_accessible(page)

    page.goto(f"{base}/partners/")
    assert_accessible(page)


def test_the_pages_carry_a_strict_content_security_policy(demo, live_server, page):
    response = page.goto(f"{live_server.url}/boards/ics-board/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    # The base template's inline script runs with the nonce.
    assert page.evaluate("document.body.classList.contains('js-enabled')")
    for path in ["/accounts/login/", "/admin/login/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert "unsafe-inline" not in response.headers["content-security-policy"]


def test_a_blocked_inline_script_fails_the_test(demo, live_server, page, csp_violations):
    # Guards the listener every browser test has: a violation is seen, and reported.
    page.goto(f"{live_server.url}/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
        }"""
    )
    for _ in range(100):
        if csp_violations:
            break
        page.wait_for_timeout(50)
    assert page.evaluate("window.injected") is None
    assert any("script-src" in violation for violation in csp_violations), csp_violations
    csp_violations.clear()


def test_the_skip_link_moves_to_the_main_content(demo, live_server, page):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#maincontent"


def test_axe_catches_a_page_that_breaks_the_rules(demo, live_server, page):
    # Guards the checks above against an axe that silently runs nothing.
    page.goto(f"{live_server.url}/")
    page.evaluate("document.documentElement.removeAttribute('lang')")
    assert "html-has-lang" in " ".join(axe_violations(page))
