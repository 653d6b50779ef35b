"""The accessibility statement has the sections of the GOV.UK model statement, in order, with
this installation's contact and dates, and anyone can read it."""

import datetime
import re

import pytest

from tests.conftest import text_of
from tests.test_deployment import in_a_clean_process

pytestmark = pytest.mark.django_db

URL = "/accessibility/"

# The model statement's sections, in its order, with the level each heading has.
SECTIONS = [
    (1, "Accessibility statement"),
    (2, "How accessible this portal is"),
    (2, "Feedback and contact information"),
    (2, "Reporting accessibility problems with this portal"),
    (2, "Enforcement procedure"),
    (2, "Technical information about this portal's accessibility"),
    (3, "Compliance status"),
    (2, "Non-accessible content"),
    (3, "Non-compliance with the accessibility regulations"),
    (3, "Disproportionate burden"),
    (3, "Content that's not within the scope of the accessibility regulations"),
    (2, "What we're doing to improve accessibility"),
    (2, "Preparation of this accessibility statement"),
]


def headings(response):
    found = re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", response.content.decode(), re.S)
    unescaped = (text.replace("&#x27;", "'").replace("&#39;", "'") for _, text in found)
    return [
        (int(level), " ".join(text.split()))
        for (level, _), text in zip(found, unescaped, strict=True)
    ]


def test_the_statement_is_public(client):
    assert client.get(URL).status_code == 200


def test_the_statement_has_the_model_sections_in_order(client):
    shown = headings(client.get(URL))
    assert [heading for heading in shown if heading in SECTIONS] == SECTIONS
    page = text_of(client.get(URL))
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2" in page
    assert "Equality and Human Rights Commission" in page
    assert "Equality Advisory and Support Service" in page
    assert "not claiming that fixing any of the content above would be a disproportionate" in page


def test_the_statement_names_what_is_not_accessible_and_the_criteria(client):
    page = text_of(client.get(URL))
    # The uploaded papers and the board pack, honestly.
    assert "may not be tagged" in page
    assert "an uploaded paper is tagged only if its authors tagged it" in page
    for criterion in ("1.3.1", "1.3.2", "2.4.2", "3.1.1", "1.1.1", "2.2.1"):
        assert criterion in page


def test_the_statement_says_how_the_portal_was_tested(client):
    page = text_of(client.get(URL))
    for check in ("axe-core", "Chromium", "keyboard", "320 CSS pixels", "text spacing"):
        assert check in page
    assert "the agenda, cover sheets, minutes and board pack" in page


def test_the_contact_and_dates_come_from_the_settings(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "access@lancashire.example.nhs.uk"
    settings.ACCESSIBILITY_CONTACT_PHONE = "01632 960 123"
    settings.ACCESSIBILITY_STATEMENT_PREPARED = datetime.date(2026, 9, 14)
    settings.ACCESSIBILITY_STATEMENT_REVIEWED = datetime.date(2027, 3, 2)
    response = client.get(URL)
    html, page = response.content.decode(), text_of(response)
    assert 'href="mailto:access@lancashire.example.nhs.uk"' in html
    assert 'href="tel:01632960123"' in html and "call 01632 960 123" in page
    assert "prepared on 14 September 2026" in page
    assert "last reviewed on 2 March 2027" in page


def settings_in_a_clean_process(**env):
    code = (
        "from django.conf import settings as s; print(s.ACCESSIBILITY_CONTACT_EMAIL, "
        "s.ACCESSIBILITY_CONTACT_PHONE, s.ACCESSIBILITY_STATEMENT_PREPARED.isoformat(), "
        "s.ACCESSIBILITY_STATEMENT_REVIEWED.isoformat(), sep='|')"
    )
    return in_a_clean_process(["-c", code], DEBUG="true", **env)


def test_the_settings_have_defaults_and_refuse_a_date_that_is_not_iso():
    defaults = settings_in_a_clean_process()
    assert defaults.returncode == 0, defaults.stderr
    email, phone, prepared, reviewed = defaults.stdout.strip().split("|")
    assert "@" in email and phone
    assert prepared == reviewed == "2026-12-01"
    refused = settings_in_a_clean_process(ACCESSIBILITY_STATEMENT_REVIEWED="1/12/2026")
    assert refused.returncode != 0
    assert "ACCESSIBILITY_STATEMENT_REVIEWED must be a date written YYYY-MM-DD" in refused.stderr
