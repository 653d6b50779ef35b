"""Keyboard only (WCAG 2.1.1, 2.4.3, 2.4.7, 1.4.11): the skip link is the first Tab stop and
takes focus to the main content; Tab reaches every control of a page, in the order it is
shown; every control shows where the focus is, checkboxes and radios too (the native box is
hidden under NHS.UK's styled one, which must show both the focus and the tick); and a
secretary signs in and records with the keyboard alone."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import set_up_second_factor

pytestmark = pytest.mark.django_db(transaction=True)

DEC = "/boards/ics-board/meetings/2020-12-02/"
SECRETARY = "stephanie.betts@lsc-icp.example"
PASSWORD = "a-demo-password-for-tests"
CHOICES = {"checkbox", "radio"}

# Every control a keyboard user should reach: shown (an NHS checkbox's input is transparent,
# not hidden), enabled, and not taken out of the Tab order. Radios of one group are one stop:
# the chosen one, or the first when none is.
CONTROLS = """() => {
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, " +
    "[tabindex]";
  return [...document.querySelectorAll(selector)].filter(element => {
    if (element.disabled || element.tabIndex < 0) return false;
    if (!element.checkVisibility({visibilityProperty: true})) return false;
    if (element.type === "radio" && element.name && element.form) {
      const group = [...element.form.elements].filter(
        other => other.type === "radio" && other.name === element.name);
      return element === (group.find(other => other.checked) || group[0]);
    }
    return true;
  }).map(element => element.dataset.stop = (element.dataset.stop || crypto.randomUUID()));
}"""

# The element with the focus, named by a mark of its own so it can be found again, with what
# shows its focus: its outline and shadow and background, or, for an NHS.UK checkbox or radio,
# those of the styled box drawn before its label.
FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  element.dataset.stop = element.dataset.stop || crypto.randomUUID();
  const styled = element.matches(".nhsuk-checkboxes__input, .nhsuk-radios__input");
  return {stop: element.dataset.stop, name: element.name || "", type: element.type || "",
          styled,
          text: (element.labels && element.labels[0] ? element.labels[0].innerText
                 : element.innerText || element.value || element.id || "").trim().slice(0, 60),
          looks: window.looksOf(element)};
}"""

LOOKS_OF = """() => { window.looksOf = element => {
  const styled = element.matches(".nhsuk-checkboxes__input, .nhsuk-radios__input");
  const target = styled ? document.querySelector(`label[for="${element.id}"]`) : element;
  const style = getComputedStyle(target, styled ? "::before" : null);
  return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow,
          style.backgroundColor, style.color, style.textDecorationLine].join(" | ");
}; }"""

UNFOCUSED = """stops => {
  document.activeElement && document.activeElement.blur();
  return stops.map(stop => {
    const element = document.querySelector(`[data-stop="${stop}"]`);
    return element ? window.looksOf(element) : "gone";
  });
}"""


# NHS.UK's header lays its menu out again (moving links in and out of "More") whenever its
# size changes, as when web fonts arrive: a link moved while it has the focus loses it. Tab
# only once every component has started, the fonts are in and two frames have been drawn.
SETTLED = """async () => {
  await document.fonts.ready;
  const started = () => [...document.querySelectorAll("[data-module]")].every(
    element => element.hasAttribute(`data-${element.dataset.module}-init`));
  for (let tries = 0; tries < 250 && !started(); tries++) {
    await new Promise(resolve => setTimeout(resolve, 20));  // five seconds at most
  }
  await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}"""


def settle(page):
    page.evaluate(SETTLED)


def tab_through(page, limit=600):
    """Press Tab until the focus leaves the page or comes back round; return each stop.

    A date or time input is one control with a stop for each of its parts (day, month,
    year): one stop here."""
    page.evaluate(LOOKS_OF)
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (stops and focused["stop"] == stops[0]["stop"]):
            return stops
        if not stops or focused["stop"] != stops[-1]["stop"]:
            stops.append(focused)
    raise AssertionError(f"{page.url}: Tab never left the page in {limit} presses")


def assert_keyboard_reaches_everything(page, url):
    """From the top of the page: the skip link first, every control reached once, each with
    a visible change when it has the focus."""
    page.goto(url)
    settle(page)
    controls = page.evaluate(CONTROLS)
    stops = tab_through(page)

    assert stops[0]["text"] == "Skip to main content", f"{url}: first stop {stops[0]}"
    reached = [stop["stop"] for stop in stops]
    missed = set(controls) - set(reached)
    assert not missed, f"{url}: Tab never reaches {len(missed)} of {len(controls)} controls"
    assert len(reached) == len(set(reached)), f"{url}: a control is reached twice"
    unfocused = page.evaluate(UNFOCUSED, reached)
    unseen = [stop for stop, looks in zip(stops, unfocused, strict=True) if stop["looks"] == looks]
    assert not unseen, f"{url}: no visible focus on {[stop['text'] for stop in unseen]}"
    # A native box left in NHS.UK's markup sits hidden under the styled one: its own focus
    # ring changes, but nobody sees it.
    native = [stop["text"] for stop in stops if stop["type"] in CHOICES and not stop["styled"]]
    assert not native, f"{url}: checkboxes or radios not styled as NHS.UK's: {native}"
    return stops


def skip_to_main(page):
    """The skip link, the first stop, takes the focus to the main content: the next Tab is
    the first control inside it, past the header's links."""
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to main content")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'maincontent'", timeout=5000)
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')")


def tab_to(page, name, limit=60):
    """Tab on until the control labelled `name` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        label = page.evaluate(
            "() => { const e = document.activeElement;"
            " return (e.labels && e.labels[0] ? e.labels[0].innerText : e.innerText || '')"
            ".trim(); }"
        )
        if label.startswith(name):
            return
    raise AssertionError(f"Tab never reached {name!r} on {page.url}")


def sign_in_by_keyboard(page, base):
    page.goto(f"{base}/accounts/login/")
    # Nothing has the focus when the page opens: the skip link is still the first stop.
    assert page.evaluate("() => document.activeElement === document.body")
    skip_to_main(page)
    page.goto(f"{base}/accounts/login/")
    tab_to(page, "Email address")
    page.keyboard.type(SECRETARY)
    tab_to(page, "Password")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    set_up_second_factor(page, base, SECRETARY)
    page.wait_for_url(f"{base}/")


def test_the_public_pages_by_keyboard(demo, live_server, page):
    base = live_server.url
    for path in ["/", DEC, f"{DEC}minutes/", "/accessibility/", "/interests/"]:
        assert_keyboard_reaches_everything(page, f"{base}{path}")
    page.goto(f"{base}{DEC}")
    skip_to_main(page)


def test_the_secretary_works_by_keyboard_alone(demo, live_server, page):
    base = live_server.url
    sign_in_by_keyboard(page, base)

    # Standing items: every Delete checkbox is reached and shows its focus.
    stops = assert_keyboard_reaches_everything(page, f"{base}/boards/ics-board/standing-items/")
    assert sum(stop["type"] == "checkbox" for stop in stops) >= 2

    # Attendance: each group of radios is one stop, and the arrow keys choose within it.
    stops = assert_keyboard_reaches_everything(page, f"{base}{DEC}attendance/")
    radios = [stop for stop in stops if stop["type"] == "radio"]
    assert len(radios) >= 2
    page.goto(f"{base}{DEC}attendance/")
    tab_to(page, radios[0]["text"])
    name = radios[0]["name"]
    before = page.evaluate("() => document.activeElement.id")
    page.keyboard.press("ArrowDown")
    # The arrow key chooses the next radio of the same person, which keeps the focus.
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("name", name)
    expect(focused).to_be_checked()
    assert focused.get_attribute("id") != before

    # The agenda editor and a form: every control reached, the order as shown.
    assert_keyboard_reaches_everything(page, f"{base}{DEC}agenda/")
    assert_keyboard_reaches_everything(page, f"{base}{DEC}edit/")

    # Ticking a Delete checkbox with the space bar shows the tick on the styled box.
    page.goto(f"{base}/boards/ics-board/standing-items/")
    tab_to(page, "Delete")
    box = page.locator(":focus")
    label = page.locator(f"label[for='{box.get_attribute('id')}']")
    tick = "label => getComputedStyle(label, '::after').opacity"
    assert label.evaluate(tick) == "0"
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    assert label.evaluate(tick) == "1"
