"""The upload check against a hostile corpus, and the ordinary papers it must let through.

Every hostile file is generated here in milliseconds; each must be refused with its own
message naming the file (and the limit, where there is one), never with a server error.
"""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings.pdf.uploads import check_pdf
from partners.pdf import render_pdf
from tests.meetings import pdf_samples as samples
from tests.meetings.pdf_samples import pdf_bytes

ENCRYPTED = "is protected by a password. Upload a copy without one."
JAVASCRIPT = "contains JavaScript"
POLYGLOT = "is a web page as well as a PDF (it holds HTML markup)"

HOSTILE = {
    "javascript on opening": (samples.javascript_on_opening, JAVASCRIPT),
    "javascript in the names tree": (samples.javascript_in_names, JAVASCRIPT),
    "javascript on a page event": (samples.javascript_on_a_page_event, JAVASCRIPT),
    "javascript in a link": (samples.javascript_in_a_link, JAVASCRIPT),
    "javascript in a form field": (samples.javascript_in_a_form_field, JAVASCRIPT),
    "javascript in an object stream": (samples.javascript_in_an_object_stream, JAVASCRIPT),
    "launch": (samples.launch_action, "contains a command that starts a program"),
    "embedded file": (samples.embedded_file, "contains embedded files"),
    "uri javascript": (
        lambda: samples.uri_link("javascript:app.alert(1)"),
        "contains a link that runs JavaScript",
    ),
    "uri javascript disguised": (
        lambda: samples.uri_link(" JavaScript\t:app.alert(1)"),
        "contains a link that runs JavaScript",
    ),
    "uri file": (
        lambda: samples.uri_link("file:///etc/passwd"),
        "contains a link to a file on the reader's computer",
    ),
    "submit form": (
        samples.submit_form,
        "contains a form that sends what is typed into it elsewhere",
    ),
    "aes-256": (lambda: samples.encrypted(R=6), ENCRYPTED),
    "aes-256 with a user password": (lambda: samples.encrypted(R=6, user="secret"), ENCRYPTED),
    "aes-128": (lambda: samples.encrypted(R=4), ENCRYPTED),
    "rc4 128-bit": (lambda: samples.encrypted(R=3), ENCRYPTED),
    "rc4 40-bit": (lambda: samples.encrypted(R=2, user="secret"), ENCRYPTED),
    "truncated": (
        lambda: samples.multi_section()[:-300],
        "is incomplete: the PDF stops before its end.",
    ),
    "html renamed": (samples.html_renamed, "is not a PDF, whatever its name says."),
    "polyglot after the end": (samples.polyglot_after_the_end, POLYGLOT),
    "polyglot in the header": (samples.polyglot_in_the_header, POLYGLOT),
    "page bomb": (
        samples.page_bomb,
        "has 100,000 pages; the largest paper allowed has 1,000. Split it",
    ),
    "page bomb that understates its pages": (
        lambda: samples.page_bomb(5_000, claimed=1),
        "has more than 1,000 pages; the largest paper allowed has 1,000.",
    ),
    "page tree that contains itself": (
        samples.page_tree_loop,
        "is damaged and cannot be read (its page tree contains itself)",
    ),
    "decompression bomb": (
        lambda: samples.decompression_bomb(210),
        "unpacks to more than 200.0 MB; the most a paper may hold once opened is 200.0 MB.",
    ),
    "object stream bomb": (
        lambda: samples.object_stream_bomb(300),
        "unpacks to more than 200.0 MB; the most a paper may hold once opened is 200.0 MB.",
    ),
}

ORDINARY = {
    "blank pages from pypdf": (lambda: pdf_bytes(5), 5),
    "multi-section with bookmarks": (samples.multi_section, 12),
    "rotated": (samples.rotated, 3),
    "form without actions": (samples.form_without_actions, 2),
    "one page bomb short of the limit": (lambda: samples.page_bomb(1_000), 1_000),
    "zeros just under the unpacked limit": (lambda: samples.decompression_bomb(190), 1),
    "a small object stream written by hand": (lambda: samples.object_stream_bomb(1), 1),
}


def checked(name, content):
    return check_pdf(SimpleUploadedFile(name, content))


def refusal(name, content):
    with pytest.raises(ValidationError) as refused:
        checked(name, content)
    return " ".join(refused.value.message_dict["file"])


@pytest.mark.parametrize(("build", "says"), HOSTILE.values(), ids=HOSTILE.keys())
def test_each_hostile_kind_is_refused_with_its_message(build, says):
    message = refusal("board paper.pdf", build())
    assert message.startswith("board paper.pdf ")
    assert says in message


@pytest.mark.parametrize(("build", "pages"), ORDINARY.values(), ids=ORDINARY.keys())
def test_ordinary_papers_are_accepted(build, pages):
    assert checked("paper.pdf", build()).page_count == pages


def test_the_demos_papers_are_accepted():
    blocks = [
        {"kind": "heading", "text": "Purpose"},
        {"kind": "paragraph", "text": "To report the allocation of growth funding. " * 40},
        {"kind": "list_item", "text": "Endorse the allocation."},
        {"kind": "table", "rows": [["Place", "£m"], ["Pennine Lancashire", "12.4"]]},
    ] * 6
    context = {"title": "Finance Report", "blocks": blocks, "footer": "ICS Board"}
    for tagged in [False, True]:
        content = render_pdf("demo/paper_body.html", context, tagged=tagged)
        assert checked("finance.pdf", content).page_count >= 2


def test_every_encrypted_pdf_gets_the_same_message():
    messages = {refusal("p.pdf", samples.encrypted(R=r)) for r in [2, 3, 4, 6]}
    assert messages == {f"p.pdf {ENCRYPTED}"}


def test_the_limits_are_settings(settings):
    settings.PAPER_MAX_PAGES = 10
    assert "has 12 pages; the largest paper allowed has 10." in refusal(
        "p.pdf", samples.multi_section()
    )
    settings.PAPER_MAX_PAGES = 1_000
    settings.PAPER_MAX_UNPACKED_BYTES = 5_000_000
    assert "unpacks to more than 5.0 MB" in refusal("p.pdf", samples.decompression_bomb(6))


def test_a_check_that_runs_out_of_time_refuses_the_file(settings):
    settings.PAPER_CHECK_SECONDS = 0
    assert "could not be checked within 0 seconds, the most the portal allows." in refusal(
        "slow.pdf", samples.multi_section()
    )
