"""Exempt business: the resolution to exclude the public under the board's law (the 1960 Act
for NHS bodies, Schedule 12A of the 1972 Act for council committees), worded for the items it
covers when public business follows; and urgent items with the reason for their urgency."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.utils import timezone
from pypdf import PdfReader

from meetings.models import ExemptBusinessLaw, ExemptParagraph
from meetings.services import agenda as agenda_services
from meetings.services import minutes as minutes_services
from meetings.services import publication as publication_services
from meetings.services.board_settings import board_settings_save
from tests.as_rendered import as_rendered
from tests.conftest import text_of
from tests.meetings.conftest import MEETING_DAY, add_item

pytestmark = pytest.mark.django_db

DEC = "/boards/ics-board/meetings/2020-12-02/"
NHS_ACT = "(Public Bodies (Admission to Meetings) Act 1960, section 1(2))"
COUNCIL_ACT = "under section 100A(4) of the Local Government Act 1972"


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def private_section(meeting, secretary):
    """Part 2 at the very end of the agenda, after Any Other Business."""
    section = agenda_services.section_add(actor=secretary, meeting=meeting, title="Part 2")
    agenda_services.section_move(actor=secretary, section=section, step=1)
    return section


def add_private_item(meeting, secretary, **fields):
    fields.setdefault("title", "Pathology contract award")
    fields.setdefault("public_title", "Commercial contract update")
    fields.setdefault("confidential_reason", "Commercially sensitive")
    return add_item(meeting, secretary, confidential=True, **fields)


def publish(meeting, secretary):
    publication_services.meeting_publish_agenda(
        actor=secretary, meeting=meeting, now=timezone.make_aware(datetime.datetime(2020, 11, 20))
    )


def under_the_1972_act(board, secretary):
    board_settings_save(
        actor=secretary, board=board, exempt_business_law=ExemptBusinessLaw.LOCAL_GOVERNMENT
    )


# The wording under each law -------------------------------------------------------------------


def test_an_nhs_board_cites_the_1960_act_on_the_page_and_in_the_agenda_pdf(
    meeting, secretary, client
):
    item = add_private_item(meeting, secretary, section=private_section(meeting, secretary))
    publish(meeting, secretary)
    for text in [text_of(client.get(DEC)), pdf_text(client.get(f"{DEC}agenda.pdf"))]:
        assert "Resolved: that the press and public be excluded from the meeting for the rest" in (
            text
        )
        assert NHS_ACT in text
        assert "Schedule 12A" not in text
        assert f"Item {item.reference}, Commercial contract update: Commercially sensitive" in text
        assert "Pathology contract award" not in text


def test_a_council_committee_cites_schedule_12a_and_each_items_paragraph(
    board, meeting, secretary, client
):
    under_the_1972_act(board, secretary)
    part_2 = private_section(meeting, secretary)
    contract = add_private_item(
        meeting, secretary, section=part_2, exempt_paragraph=ExemptParagraph.FINANCIAL
    )
    case = add_private_item(
        meeting,
        secretary,
        section=part_2,
        title="Complaint about a named carer",
        public_title="Individual case review",
        confidential_reason="About a named person",
        exempt_paragraph=ExemptParagraph.PERSON,
    )
    publish(meeting, secretary)
    for text in [text_of(client.get(DEC)), pdf_text(client.get(f"{DEC}agenda.pdf"))]:
        assert COUNCIL_ACT in text
        assert "for the rest of the meeting" in text
        assert "described in paragraphs 1 and 3 of Part 1 of Schedule 12A to the Act" in text
        assert "public interest in keeping the information exempt outweighs" in text
        assert "Public Bodies (Admission to Meetings) Act 1960" not in text
        contract_line = f"Item {contract.reference}, Commercial contract update: Commercially"
        assert f"{contract_line} sensitive (paragraph 3)" in text
        assert f"Item {case.reference}, Individual case review: About a named person " in text
        assert "(paragraph 1)" in text


def test_one_paragraph_is_named_in_the_singular(board, meeting, secretary, client):
    under_the_1972_act(board, secretary)
    add_private_item(
        meeting,
        secretary,
        section=private_section(meeting, secretary),
        exempt_paragraph=ExemptParagraph.LEGAL_ADVICE,
    )
    publish(meeting, secretary)
    assert "described in paragraph 5 of Part 1 of Schedule 12A" in text_of(client.get(DEC))


def test_a_meeting_held_in_private_has_no_resolution(meeting, secretary, client_as):
    add_private_item(meeting, secretary)
    agenda_services.meeting_change(actor=secretary, meeting=meeting, held_in_public=False)
    assert "Resolution to exclude the public" not in text_of(client_as("secretary").get(DEC))


# Private business that is not last (the defect) ------------------------------------------------


def test_private_business_before_public_business_is_excluded_for_its_items_only(
    meeting, secretary, client
):
    """Regression: the resolution used to exclude the public from "the remainder of this
    meeting" although public items followed the private one."""
    first = add_private_item(meeting, secretary)  # in the routine items: AOB follows it
    second = add_private_item(
        meeting,
        secretary,
        section=private_section(meeting, secretary),
        title="Estates disposal",
        public_title="Property matter",
    )
    publish(meeting, secretary)
    for text in [text_of(client.get(DEC)), pdf_text(client.get(f"{DEC}agenda.pdf"))]:
        assert (
            f"excluded from the meeting for items {first.reference} and {second.reference}, "
            in text
        )
        assert "remainder" not in text and "rest of the meeting" not in text


def test_one_private_item_before_public_business_is_named_alone(meeting, secretary, client):
    item = add_private_item(meeting, secretary)
    publish(meeting, secretary)
    assert f"excluded from the meeting for item {item.reference}, because" in text_of(
        client.get(DEC)
    )


def test_the_secretariat_is_warned_when_private_business_is_not_last(meeting, secretary, client_as):
    item = add_private_item(meeting, secretary)
    later = list(meeting.items.filter(number__gt=item.number).order_by("number"))
    client = client_as("secretary")
    warning = (
        f"Private business is not last: public business (items {later[0].reference} and "
        f"{later[1].reference}) follows private business, so the resolution excludes the "
        f"public only for item {item.reference}."
    )
    assert warning in text_of(client.get(f"{DEC}agenda/"))
    assert warning in text_of(client.get(f"{DEC}publish/"))
    # Moved to the end, the warning goes.
    part_2 = private_section(meeting, secretary)
    agenda_services.item_change(actor=secretary, item=item, section=part_2)
    assert "Private business is not last" not in text_of(client.get(f"{DEC}agenda/"))
    assert "Private business is not last" not in text_of(client.get(f"{DEC}publish/"))


def test_the_warning_is_for_the_secretariat_only(meeting, secretary, client_as):
    add_private_item(meeting, secretary)
    publish(meeting, secretary)
    for persona in ["anonymous", "member"]:
        assert "Private business is not last" not in text_of(client_as(persona).get(DEC))


# Schedule 12A paragraphs: required under the 1972 Act ------------------------------------------


def test_a_confidential_item_under_the_1972_act_must_name_its_paragraph(board, meeting, secretary):
    under_the_1972_act(board, secretary)
    with pytest.raises(ValidationError) as refused:
        add_private_item(meeting, secretary)
    message = refused.value.message_dict["exempt_paragraph"][0]
    assert "paragraph of Schedule 12A" in message and "Local Government Act 1972" in message
    assert not meeting.items.filter(confidential=True).exists()


def test_an_nhs_board_needs_no_paragraph_and_its_item_form_does_not_ask(
    meeting, secretary, client_as
):
    add_private_item(meeting, secretary)
    page = client_as("secretary").get(f"{DEC}items/new/")
    assert 'name="exempt_paragraph"' not in page.content.decode()


def test_the_item_form_refuses_a_confidential_item_without_its_paragraph(
    board, meeting, secretary, client_as
):
    under_the_1972_act(board, secretary)
    client = client_as("secretary")
    data = as_rendered(client.get(f"{DEC}items/new/"))
    data.update(
        title="Pathology contract award",
        action="approve",
        format="verbal",
        confidential="on",
        public_title="Commercial contract update",
        confidential_reason="Commercially sensitive",
        exempt_paragraph="",
    )
    page = text_of(client.post(f"{DEC}items/new/", data))
    assert "Choose the paragraph of Schedule 12A that makes the item exempt" in page
    assert not meeting.items.filter(title="Pathology contract award").exists()
    data["exempt_paragraph"] = str(ExemptParagraph.FINANCIAL.value)
    assert client.post(f"{DEC}items/new/", data).status_code == 302
    assert meeting.items.get(title="Pathology contract award").exempt_paragraph == 3


def test_the_checklist_warns_of_items_left_without_a_paragraph_when_the_law_changes(
    board, meeting, secretary, client_as
):
    item = add_private_item(meeting, secretary)
    under_the_1972_act(board, secretary)
    page = text_of(client_as("secretary").get(f"{DEC}publish/"))
    assert f"Item {item.reference}: choose the paragraph of Schedule 12A" in page


# Urgent business ------------------------------------------------------------------------------


def test_an_urgent_item_needs_its_reason(meeting, secretary):
    with pytest.raises(ValidationError) as refused:
        add_item(meeting, secretary, title="Winter pressures", urgent=True)
    assert "Say why the item is urgent" in refused.value.message_dict["urgency_reason"][0]
    assert not meeting.items.filter(title="Winter pressures").exists()


URGENCY = "Funding offer must be accepted before 4 December"


def test_an_urgent_item_shows_its_reason_everywhere(meeting, secretary, client, client_as):
    item = add_item(
        meeting, secretary, title="Winter pressures funding", urgent=True, urgency_reason=URGENCY
    )
    publish(meeting, secretary)
    shown = f"Urgent business Why it is urgent: {URGENCY}"
    assert shown in text_of(client.get(DEC))
    assert shown in text_of(client_as("secretary").get(f"{DEC}agenda/"))
    assert f"Urgent business: {URGENCY}" in pdf_text(client.get(f"{DEC}agenda.pdf"))
    agenda_services.meeting_mark_held(
        actor=secretary,
        meeting=meeting,
        now=timezone.make_aware(datetime.datetime.combine(MEETING_DAY, datetime.time(13))),
    )
    minutes_services.item_minutes_save(actor=secretary, item=item, discussion="Accepted.")
    minutes = text_of(client_as("member").get(f"{DEC}minutes/"))
    assert shown in minutes


def test_the_public_sees_that_a_private_item_is_urgent_but_not_why(meeting, secretary, client):
    add_private_item(meeting, secretary, urgent=True, urgency_reason="Bid closes on Friday")
    publish(meeting, secretary)
    page = text_of(client.get(DEC))
    assert "Urgent business" in page and "Bid closes on Friday" not in page


def test_the_item_form_posted_back_unchanged_changes_nothing(board, meeting, secretary, client_as):
    under_the_1972_act(board, secretary)
    item = add_private_item(
        meeting,
        secretary,
        exempt_paragraph=ExemptParagraph.FINANCIAL,
        urgent=True,
        urgency_reason=URGENCY,
    )
    client = client_as("secretary")
    url = f"{DEC}items/{item.pk}/edit/"
    before = model_to_dict(item)
    assert client.post(url, as_rendered(client.get(url))).status_code == 302
    item.refresh_from_db()
    assert model_to_dict(item) == before
    assert (item.exempt_paragraph, item.urgent, item.urgency_reason) == (3, True, URGENCY)


# Cost ----------------------------------------------------------------------------------------


def test_the_resolution_costs_the_same_for_one_or_five_private_items(
    board, meeting, secretary, client_as, django_assert_max_num_queries
):
    under_the_1972_act(board, secretary)
    part_2 = private_section(meeting, secretary)
    client = client_as("secretary")
    counts = []
    for n in range(5):
        add_private_item(
            meeting,
            secretary,
            section=part_2,
            title=f"Contract {n}",
            exempt_paragraph=ExemptParagraph.FINANCIAL,
        )
        if n in (0, 4):
            with django_assert_max_num_queries(30) as captured:
                assert client.get(DEC).status_code == 200
            counts.append(len(captured))
    assert counts[0] == counts[1]


def test_items_left_without_a_paragraph_still_read_as_a_sentence(board, meeting, secretary, client):
    add_private_item(meeting, secretary, section=private_section(meeting, secretary))
    under_the_1972_act(board, secretary)  # after the item was added under the 1960 Act
    publish(meeting, secretary)
    assert "of the kind described in Part 1 of Schedule 12A to the Act" in text_of(client.get(DEC))
