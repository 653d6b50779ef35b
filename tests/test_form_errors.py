"""Every form of the portal, posted empty, says what is wrong with each field in words of its
own, NHS.UK style (WCAG 3.3.1, 3.3.3): the page's title starts "Error: ", the page has one
error summary, first in the main content, with a link to each failing field, and each
message stands beside its field. Never Django's "This field is required.", which a screen
reader would hear again and again, one link after another.

A form is posted as a browser would post it untouched but for its hidden fields (the form's
version, a formset's management form): what the secretary sent when they filled in nothing.
"""

import re

import lxml.html
import pytest

from tests.meetings.conftest import upload

NOV = "/boards/ics-board/meetings/2020-11-04/"
DEC = "/boards/ics-board/meetings/2020-12-02/"
JAN = "/boards/ics-board/meetings/2021-01-13/"

# (what the page is, who fills it in, its address, which of its forms if it has several)
FORM_PAGES = [
    ("sign in", "anonymous", "/accounts/login/", None),
    ("password reset", "anonymous", "/accounts/password-reset/", None),
    ("meeting create", "secretary", "/boards/ics-board/meetings/new/", None),
    ("meeting edit", "secretary", f"{JAN}edit/", None),
    ("meeting cancel", "secretary", f"{JAN}cancel/", None),
    ("section add", "secretary", f"{JAN}agenda/", "sections/new/"),
    ("item create", "secretary", f"{JAN}items/new/", None),
    ("item edit", "secretary", JAN + "items/{draft_item}/edit/", None),
    ("item defer", "secretary", DEC + "items/{item}/defer/", None),
    ("item withdraw", "secretary", DEC + "items/{item}/withdraw/", None),
    ("paper create", "secretary", DEC + "items/{item}/papers/new/", None),
    ("paper edit", "secretary", "/papers/{draft}/edit/", None),
    ("item minutes correction", "secretary", NOV + "items/{november_item}/minutes/", None),
    ("standing items", "secretary", "/boards/ics-board/standing-items/", None),
    ("attendance record", "secretary", f"{NOV}attendance/", None),
    ("declarations asked", "secretary", f"{DEC}attendance/", "declarations/asked/"),
    ("movement add", "secretary", f"{NOV}movements/new/", None),
    ("declaration add", "secretary", f"{NOV}declarations/new/", None),
    ("action add", "secretary", f"{NOV}actions/new/", None),
    ("action leads", "secretary", NOV + "actions/{action}/leads/", None),
    ("action due", "secretary", NOV + "actions/{action}/due/", None),
    ("board settings", "secretary", "/boards/ics-board/settings/", None),
    ("cover sheet settings", "secretary", "/boards/ics-board/settings/cover-sheet/", None),
    ("minutes approve", "secretary", f"{DEC}minutes/approve/", None),
    # Its fields are needed only when late: January's agenda, published years after.
    ("publish late", "secretary", f"{JAN}publish/", None),
    ("interest declare", "member", "/my-interests/new/", None),
    ("interest change", "member", "/my-interests/{interest}/change/", None),
    ("interest review", "secretary", "/interests/{interest}/review/", None),
    ("gift declare", "member", "/my-interests/gifts/new/", None),
    ("breach record", "secretary", "/interests/breaches/new/", None),
]
# The button pressed, on a form with several.
PRESSED = {"publish late": {"publish": "agenda"}}

DJANGOS = "This field is required."


def _page(response):
    return lxml.html.fromstring(response.content.decode())


def _text(element):
    return re.sub(r"\s+", " ", element.text_content()).strip()


def _form_of(page, url, which):
    """The form of the page that the test submits: the one posting to the page itself (or,
    for the agenda editor, the "Add a section" form)."""
    forms = list(page.xpath("//main//form[@method='post']"))
    if which:
        forms = [f for f in forms if which in (f.get("action") or "")]
    else:
        forms = [f for f in forms if (f.get("action") or "") in {"", url}]
    assert len(forms) == 1, f"{len(forms)} forms to post on {url}"
    return forms[0]


def _hidden_fields(form):
    """The form's hidden fields, as a browser posts them (with the CSRF token: a browser's
    post is never empty, so a view's `request.POST or None` sees it as sent)."""
    return {
        field.get("name"): field.get("value") or ""
        for field in form.xpath(".//input[@type='hidden']")
        if field.get("name")
    }


def _post_empty(client, url, which=None, pressed=None):
    form = _form_of(_page(client.get(url)), url, which)
    action = form.get("action") or url
    return client.post(action, _hidden_fields(form) | (pressed or {}))


def _check_error_page(response):
    """The checks of this module on one page answering an empty form."""
    assert response.status_code == 200
    page = _page(response)
    title = _text(page.xpath("//title")[0])
    assert title.startswith("Error: "), title
    summaries = page.xpath("//*[contains(concat(' ', @class, ' '), ' nhsuk-error-summary ')]")
    assert len(summaries) == 1, f"{len(summaries)} error summaries"
    summary = summaries[0]
    # First in the main content: before the page's heading and its forms.
    in_order = list(page.xpath("//main")[0].iter())
    assert in_order[1] is summary, "the error summary is not first in the main content"

    links = summary.xpath(".//a")
    messages = [_text(a) for a in links]
    assert messages, "the summary links to no field"
    assert DJANGOS not in _text(page)
    assert len(set(messages)) == len(messages), f"the same message twice: {messages}"

    failing = page.xpath("//*[contains(@class, 'nhsuk-form-group--error')]")
    linked_groups = []
    for link, message in zip(links, messages, strict=True):
        target = page.get_element_by_id(link.get("href").removeprefix("#"), None)
        assert target is not None, f"{message!r} links to nothing"
        group = target.xpath("ancestor::*[contains(@class, 'nhsuk-form-group--error')][1]")
        assert group, f"{message!r}: its field is not shown as failing"
        beside = [
            said.strip()
            for e in group[0].xpath(".//*[contains(@class, 'nhsuk-error-message')]")
            for said in _text(e).split("Error:")
        ]
        assert any(said and message.endswith(said) for said in beside), (message, beside)
        if target.tag in {"input", "select", "textarea"}:
            assert target.get("aria-invalid") == "true", f"{message!r}: not aria-invalid"
        linked_groups.append(group[0])
    # One link for each failing field, and no failing field without its link.
    assert set(failing) == set(linked_groups)
    return messages


@pytest.mark.parametrize(
    ("page_name", "persona", "url", "which"), FORM_PAGES, ids=[p[0] for p in FORM_PAGES]
)
def test_a_form_posted_empty_says_what_each_field_needs(
    page_name, persona, url, which, scene, client_as
):
    client = client_as(persona)

    response = _post_empty(client, url.format(**scene), which, PRESSED.get(page_name))

    _check_error_page(response)


def test_the_agenda_editor_shows_an_empty_section_title_as_an_error_of_its_field(scene, client_as):
    response = _post_empty(client_as("secretary"), f"{JAN}agenda/", which="sections/new/")

    messages = _check_error_page(response)
    assert messages == ["Enter a title for the section."]
    assert b"Information" not in response.content


def test_the_standing_items_summarise_every_row_once(scene, client_as):
    client = client_as("secretary")
    response = _post_empty(client, "/boards/ics-board/standing-items/")

    messages = _check_error_page(response)
    assert len(messages) > 1
    assert all(re.match(r"Standing item \d+: ", m) for m in messages), messages


def test_the_attendance_form_posts_to_its_page_so_the_summary_takes_focus(scene, client_as):
    client = client_as("secretary")
    page = _page(client.get(f"{NOV}attendance/"))

    form = _form_of(page, f"{NOV}attendance/", None)
    assert "#" not in (form.get("action") or "")


def test_what_was_typed_is_kept_and_a_file_must_be_chosen_again(scene, client_as):
    client = client_as("secretary")
    url = "/papers/{draft}/edit/".format(**scene)
    form = _form_of(_page(client.get(url)), url, None)
    title = "A title " + "x" * 300  # 308 characters
    data = _hidden_fields(form) | {"title": title, "presented_by": "The chief executive"}
    data |= {"file-slot": "0", "file-file": upload("new-version.pdf")}

    response = client.post(url, data)

    messages = _check_error_page(response)
    page = _page(response)
    assert page.get_element_by_id("id_title").get("value") == title
    assert page.get_element_by_id("id_presented_by").get("value") == "The chief executive"
    assert "Title of paper must be 300 characters or fewer." in messages
    assert "Choose the PDF file again: a page with errors cannot keep it." in messages


def test_too_long_and_not_a_date_say_which_field_and_what_is_wrong(scene, client_as):
    client = client_as("secretary")
    url = "/boards/ics-board/meetings/new/"
    form = _form_of(_page(client.get(url)), url, None)
    location = "x" * 1000
    data = _hidden_fields(form) | {"day": "2021-02-31", "start_time": "25:00"}
    data |= {"location": location}

    response = client.post(url, data)

    messages = _check_error_page(response)
    assert "Date must be a real date." in messages
    assert "Start time must be a real time, like 14:00." in messages
    assert "Location must be 200 characters or fewer." in messages
    page = _page(response)
    assert page.get_element_by_id("id_location").get("value") == location
    assert page.get_element_by_id("id_day").get("value") == "2021-02-31"


def test_a_section_title_too_long_is_refused_with_the_rule(scene, client_as):
    client = client_as("secretary")
    response = client.post(f"{JAN}sections/new/", {"title": "x" * 201})

    assert _check_error_page(response) == ["Section title must be 200 characters or fewer."]


def test_choosing_a_new_password_sent_empty_asks_for_each_field(scene, member, client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(member.pk))
    link = f"/accounts/password-reset/{uid}/{default_token_generator.make_token(member)}/"
    url = client.get(link)["Location"]

    response = _post_empty(client, url)

    assert _check_error_page(response) == ["Enter a new password.", "Enter the new password again."]
