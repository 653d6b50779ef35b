"""The minute editor shows what the secretary typed, not the HTML it is stored as; saving it
unchanged changes nothing; saving keeps each resolution (and what links to it) in place."""

import random

import pytest

from meetings.models import ItemMinute, Outcome, Resolution
from meetings.rich_text import HINT, as_typed, from_typed, sanitise
from meetings.services import actions as action_services
from meetings.services import minutes
from meetings.services.minutes import ResolutionText
from tests.as_rendered import as_rendered
from tests.conftest import text_of

# Text as a person types it, each with the HTML it is stored as.
TYPED = [
    ("One paragraph.", "<p>One paragraph.</p>"),
    ("First paragraph.\n\nSecond paragraph.", "<p>First paragraph.</p><p>Second paragraph.</p>"),
    ("A line\nand the next line", "<p>A line<br>and the next line</p>"),
    (
        "The board noted:\n\n- the costs\n- the risks",
        "<p>The board noted:</p><ul><li>the costs</li><li>the risks</li></ul>",
    ),
    ("1. First step\n2. Second step", "<ol><li>First step</li><li>Second step</li></ol>"),
    ("**Agreed** the plan", "<p><strong>Agreed</strong> the plan</p>"),
    ("The *draft* plan", "<p>The <em>draft</em> plan</p>"),
    (
        "**Bold with *italics* inside** it",
        "<p><strong>Bold with <em>italics</em> inside</strong> it</p>",
    ),
    (
        "- **Bold item**\n- *Italic item*",
        "<ul><li><strong>Bold item</strong></li><li><em>Italic item</em></li></ul>",
    ),
    ("Costs & fees < £30m > £10m", "<p>Costs &amp; fees &lt; £30m &gt; £10m</p>"),
    ("Use <b>this</b> & <p>", "<p>Use &lt;b&gt;this&lt;/b&gt; &amp; &lt;p&gt;</p>"),
    ("5*3*2 = 30, and a * b", "<p>5*3*2 = 30, and a * b</p>"),
    ("\\*not italics\\*", "<p>*not italics*</p>"),
    ("\\- not a list\n\\2. nor this", "<p>- not a list<br>2. nor this</p>"),
    (
        "Opening.\n\n- one\n- two\n\n1. first\n\nClosing *words*.",
        "<p>Opening.</p><ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>"
        "<p>Closing <em>words</em>.</p>",
    ),
    ("", ""),
]


@pytest.mark.parametrize(("typed", "stored"), TYPED)
def test_typed_text_is_stored_as_html_and_shown_as_typed(typed, stored):
    assert from_typed(typed) == stored
    assert sanitise(stored) == stored
    assert as_typed(stored) == typed  # HTML -> typed -> HTML is the identity too
    assert from_typed(as_typed(stored)) == stored


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("<p>Agreed <b>now</b></p>", "Agreed **now**"),
        ("<p>Agreed <i>now</i></p>", "Agreed *now*"),
        ("<blockquote><p>Quoted</p></blockquote>", "Quoted"),
        ("<p>*Stars* in the text</p>", "\\*Stars\\* in the text"),
        ("<p>- a dash</p>", "\\- a dash"),
    ],
)
def test_pasted_html_is_shown_in_the_editors_own_words(stored, typed):
    assert as_typed(stored) == typed
    assert plain_html(from_typed(typed)) == plain_html(stored)


def plain_html(html):
    return (
        html.replace("<b>", "<strong>")
        .replace("</b>", "</strong>")
        .replace("<i>", "<em>")
        .replace("</i>", "</em>")
        .replace("<blockquote>", "")
        .replace("</blockquote>", "")
    )


# Words with the characters that matter: &, < and >, stars inside and around words, list
# markers inside a line, double spaces, and text that looks like HTML or an entity.
WORDS = ["costs", "a&b", "<x>", "5*3", "£30m", "**bold**", "*italics*", "x > y", "-", "1."]
WORDS += ["a  b", "it's", '"q"', "&amp;", "<p>", "</b>"]
OPENING = [word for word in WORDS if word not in {"-", "1."}]


def random_typed(rng):
    """Text as the editor would show it: blocks of paragraph lines, bulleted or numbered
    items, separated by one blank line."""

    def line():
        return " ".join(
            [rng.choice(OPENING)] + [rng.choice(WORDS) for _ in range(rng.randint(0, 4))]
        )

    def block():
        kind, count = rng.choice(["p", "ul", "ol"]), rng.randint(1, 3)
        if kind == "p":
            return "\n".join(line() for _ in range(count))
        if kind == "ul":
            return "\n".join(f"- {line()}" for _ in range(count))
        return "\n".join(f"{number}. {line()}" for number in range(1, count + 1))

    return "\n\n".join(block() for _ in range(rng.randint(1, 4)))


def test_typed_and_stored_text_convert_back_and_forth_unchanged():
    rng = random.Random(2026)
    for _ in range(500):
        typed = random_typed(rng)
        stored = from_typed(typed)
        assert as_typed(stored) == typed
        assert from_typed(as_typed(stored)) == stored
        assert sanitise(stored) == stored


def test_blank_lines_and_crlf_are_read_as_one_paragraph_break():
    assert from_typed("First.\r\n\r\n\r\nSecond.\r\nline") == "<p>First.</p><p>Second.<br>line</p>"


def test_the_hint_documents_the_markup():
    assert "blank line" in HINT and "“- ”" in HINT and "“1. ”" in HINT
    assert from_typed("**two stars**") == "<p><strong>two stars</strong></p>"
    assert from_typed("*one star*") == "<p><em>one star</em></p>"


# The editor screen ------------------------------------------------------------------------

DEC = "/boards/ics-board/meetings/2020-12-02/"
RICH = (
    "Gary Raphael presented the **finance report**.\n\n"
    "The board noted:\n\n- costs & risks\n- the <5% gap"
)


def editor(scene):
    return DEC + f"items/{scene['item']}/minutes/"


def history_rows():
    return ItemMinute.history.count() + Resolution.history.count()


@pytest.mark.django_db
def test_the_editor_shows_the_minute_as_typed(scene, client_as, secretary):
    item_id = scene["item"]
    minutes.item_minutes_save(
        actor=secretary, item=ItemMinute.objects.get(item_id=item_id).item, discussion=RICH
    )
    page = client_as("secretary").get(editor(scene))
    # As a browser posts a textarea: its lines ended with CRLF.
    assert as_rendered(page)["discussion"] == RICH.replace("\n", "\r\n")
    shown = page.content.decode()
    assert "&lt;p&gt;" not in shown and "&lt;strong&gt;" not in shown
    assert HINT.split(".")[0] in text_of(page)


@pytest.mark.django_db
def test_saving_the_editor_as_rendered_changes_nothing(scene, client_as, secretary, member):
    item = ItemMinute.objects.get(item_id=scene["item"]).item
    minutes.item_minutes_save(
        actor=secretary,
        item=item,
        discussion=RICH,
        noted="Report noted.\nWith thanks.",
        resolutions=[ResolutionText("The Board approved the capital plan.", Outcome.APPROVED)],
    )
    stored = ItemMinute.objects.get(item=item).discussion
    before = history_rows()
    client = client_as("secretary")
    # as_rendered posts the textareas' line breaks as CRLF, as a browser does.
    posted = as_rendered(client.get(editor(scene)))
    assert "\r\n" in posted["discussion"]
    assert client.post(editor(scene), posted).status_code == 302
    minute = ItemMinute.objects.get(item=item)
    assert (minute.discussion, minute.noted) == (stored, "Report noted.\nWith thanks.")
    assert history_rows() == before


@pytest.mark.django_db
def test_pasted_html_kept_as_it_is_when_saved_unchanged(scene, client_as, secretary):
    item = ItemMinute.objects.get(item_id=scene["item"]).item
    pasted = "<p>Agreed <b>now</b> with <u>emphasis</u></p><blockquote><p>Quoted</p></blockquote>"
    minutes.item_minutes_save(actor=secretary, item=item, discussion=pasted)
    stored = ItemMinute.objects.get(item=item).discussion
    client = client_as("secretary")
    before = history_rows()
    assert client.post(editor(scene), as_rendered(client.get(editor(scene)))).status_code == 302
    assert ItemMinute.objects.get(item=item).discussion == stored
    assert history_rows() == before


@pytest.mark.django_db
def test_an_edit_in_the_editor_is_saved_as_typed(scene, client_as):
    client = client_as("secretary")
    posted = as_rendered(client.get(editor(scene)))
    posted["discussion"] = "Line one\r\n\r\n- *first*\r\n- **second**"
    assert client.post(editor(scene), posted).status_code == 302
    assert ItemMinute.objects.get(item_id=scene["item"]).discussion == (
        "<p>Line one</p><ul><li><em>first</em></li><li><strong>second</strong></li></ul>"
    )
    again = as_rendered(client.get(editor(scene)))
    assert again["discussion"] == "Line one\r\n\r\n- *first*\r\n- **second**"


# Resolutions keep their identity ------------------------------------------------------------

FIRST = ResolutionText("The Board approved the capital plan.", Outcome.APPROVED)
SECOND = ResolutionText("The Board noted the risks.", Outcome.NOTED)


@pytest.mark.django_db
def test_saving_the_minute_again_keeps_the_action_a_resolution_created(scene, secretary, member):
    item = ItemMinute.objects.get(item_id=scene["item"]).item
    minutes.item_minutes_save(
        actor=secretary, item=item, discussion="Discussed.", resolutions=[FIRST, SECOND]
    )
    resolution = item.resolutions.get(position=1)
    action = action_services.action_raise(
        actor=secretary,
        item=item,
        title="Report the risks to the next meeting",
        lead=member,
        ongoing=True,
        resolution=resolution,
    )
    minutes.item_minutes_save(
        actor=secretary,
        item=item,
        discussion="Discussed at length.",
        resolutions=[FIRST, ResolutionText("The Board noted the risks and the plan.", "noted")],
    )
    action.refresh_from_db()
    assert action.raised_by_resolution_id == resolution.pk
    assert action.raised_by_resolution.text == "The Board noted the risks and the plan."


@pytest.mark.django_db
def test_the_editor_keeps_a_resolution_when_the_one_before_it_is_removed(
    scene, client_as, secretary, member
):
    item = ItemMinute.objects.get(item_id=scene["item"]).item
    minutes.item_minutes_save(
        actor=secretary, item=item, discussion="Discussed.", resolutions=[FIRST, SECOND]
    )
    second = item.resolutions.get(position=1)
    action = action_services.action_raise(
        actor=secretary,
        item=item,
        title="Report the risks",
        lead=member,
        ongoing=True,
        resolution=second,
    )
    client = client_as("secretary")
    posted = as_rendered(client.get(editor(scene)))
    posted["resolutions-0-DELETE"] = "on"
    assert client.post(editor(scene), posted).status_code == 302
    assert list(item.resolutions.values_list("pk", "position")) == [(second.pk, 0)]
    action.refresh_from_db()
    assert action.raised_by_resolution_id == second.pk


@pytest.mark.django_db
def test_saving_unchanged_resolutions_records_no_history(scene, secretary):
    item = ItemMinute.objects.get(item_id=scene["item"]).item
    minutes.item_minutes_save(
        actor=secretary, item=item, discussion="Discussed.", resolutions=[FIRST, SECOND]
    )
    before = history_rows()
    minutes.item_minutes_save(
        actor=secretary, item=item, discussion="Discussed.", resolutions=[FIRST, SECOND]
    )
    assert history_rows() == before
    minutes.item_minutes_save(
        actor=secretary, item=item, discussion="Discussed.", resolutions=[FIRST]
    )
    assert item.resolutions.count() == 1
    assert history_rows() == before + 1
