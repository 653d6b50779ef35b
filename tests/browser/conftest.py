"""Playwright driving the system Chromium, and axe-core checking what it shows."""

import io
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import required

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Without the background-networking flags Chromium floods a closed network with lookups.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# The machine may be busy with other work: each step waits for what it needs, and waits long
# before giving up. A page load may build a board pack in its request (no broker in tests).
STEP_TIMEOUT_MS = 30_000  # actions on the page, and expect() assertions
NAVIGATION_TIMEOUT_MS = 120_000  # page loads, and waiting for one
# Anything not served by the test server: NHS.UK frontend's stylesheet asks assets.nhs.uk for
# its web fonts, and on a closed network each page load then waits for the name lookup to fail
# (1 to 5 s). Refused at once, the page falls back to the same fonts without waiting.
OUTSIDE = re.compile(r"^(?!https?://(localhost|127\.0\.0\.1)[:/])")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    missing = [str(p) for p in (Path(CHROMIUM), AXE) if not p.exists()]
    if shutil.which("node") is None:
        missing.append("node")
    if missing:
        message = f"browser tests need {', '.join(missing)}"
        if required("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # beside it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


# Every page reports what its Content-Security-Policy blocked. Playwright adds this script
# itself, so the page's own policy does not stop it.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", event => window.reportCspViolation(
  `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} on ` +
  `${event.documentURI} (${event.sourceFile || "the page"}:${event.lineNumber})`
));
"""


@pytest.fixture
def csp_violations():
    """What the Content-Security-Policy blocked while the test ran: any fails the test. A test
    that provokes one on purpose clears the list once it has seen it."""
    return []


@pytest.fixture
def page(browser, csp_violations):
    from playwright.sync_api import expect

    expect.set_options(timeout=STEP_TIMEOUT_MS)
    context = browser.new_context()
    context.set_default_timeout(STEP_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    context.route(OUTSIDE, lambda route: route.abort())
    context.expose_function("reportCspViolation", lambda text: csp_violations.append(text))
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.on("console", lambda message: report_csp_console_error(message, csp_violations))
    yield page
    context.close()
    assert not csp_violations, "Content-Security-Policy violations: " + "; ".join(csp_violations)


def report_csp_console_error(message, violations):
    if message.type == "error" and "Content Security Policy" in message.text:
        violations.append(message.text)


# Rules reported whatever their impact: `region` (all content inside a landmark) is moderate,
# and only a best practice in axe, but the portal keeps to it.
ALWAYS_REPORTED = {"region"}


def axe_violations(page):
    """Serious and critical WCAG 2.2 AA violations axe-core finds on the open page, and any
    content outside a landmark (the `region` rule).

    axe is evaluated in the page rather than added as a script tag, so the page's own strict
    Content-Security-Policy (the production headers) stays in force.
    """
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "options => axe.run(document, options)",
        {
            "runOnly": {"type": "tag", "values": WCAG_22_AA},
            "rules": {rule: {"enabled": True} for rule in ALWAYS_REPORTED},
        },
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"} or v["id"] in ALWAYS_REPORTED
    ]


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, f"{page.url}: " + "; ".join(violations)


@pytest.fixture
def demo(settings):
    """The demo data, with a password the tests know."""
    from django.core.management import call_command

    settings.DEMO_PASSWORD = "a-demo-password-for-tests"
    call_command("load_demo", stdout=io.StringIO())


def set_up_second_factor(page, base, email, check=None):
    """At the first sign-in, after the password: link an authenticator (its code computed
    here, as the phone would) and go on past the recovery codes. `check(page)` runs on each
    of the two pages."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page.wait_for_url(re.compile(r".*/accounts/second-factor/set-up/.*"))
    if check:
        check(page)
    device = TOTPDevice.objects.get(user__email=email, confirmed=False)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    page.get_by_label("Security code").fill(f"{code:06d}")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r".*/accounts/second-factor/recovery-codes/.*"))
    if check:
        check(page)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("link", name="Continue").click()
