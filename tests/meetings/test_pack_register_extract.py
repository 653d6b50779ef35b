"""The register's extract in a board pack, after the declarations guidance: the board's
members and those attending, each with their entries current on the meeting's day and public;
a fixed number of queries."""

import datetime

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import AttendanceKind, Edition
from meetings.pdf.pack_parts import REGISTER_EXTRACT, plan
from meetings.selectors.declarations import register_extract
from meetings.services import attendance as at_meeting
from partners.models import Precision, Role
from tests.conftest import seat
from tests.factories import UserFactory
from tests.partners.test_public_register import declared

pytestmark = pytest.mark.django_db


def extract_rows(meeting, edition):
    """(name, interest) rows of the extract part of one edition of the pack."""
    (part,) = [spec for spec in plan(meeting, edition).parts if spec.title == REGISTER_EXTRACT]
    page = lxml.html.fromstring(part.html)
    rows = []
    for row in page.xpath("//tbody/tr"):
        who, *rest = [" ".join(" ".join(cell.itertext()).split()) for cell in row.xpath("td")]
        rows.append((who, " ".join(rest)))
    return rows


@pytest.mark.parametrize("edition", [Edition.PUBLIC, Edition.MEMBERS])
def test_the_extract_holds_current_public_entries_of_members_and_attendees(
    held, member, chair, secretary, board, edition
):
    day = held.date
    declared(member, "Director of a supplier", action_agreed="Leaves for supplier items")
    declared(member, "Waiting for review", accept=False)
    declared(member, "A relative at risk", withheld_reason="A real risk of harm.")
    declared(member, "Ended before", ends_on=day - datetime.timedelta(days=1), ends_precision="day")
    declared(
        chair,
        "Begins after",
        starts_on=day + datetime.timedelta(days=1),
        starts_precision=Precision.DAY,
    )
    guest = UserFactory(full_name="Gwen Guest")
    at_meeting.attendance_record(
        actor=secretary, meeting=held, person=guest, kind=AttendanceKind.IN_ATTENDANCE
    )
    declared(guest, "Adviser to a bidder")
    away = UserFactory(full_name="Alan Away")
    at_meeting.attendance_record(
        actor=secretary, meeting=held, person=away, kind=AttendanceKind.APOLOGIES
    )
    declared(away, "Away's shares")

    rows = extract_rows(held, edition)

    said = {}
    for who, text in rows:
        said.setdefault(who, []).append(text)
    assert list(said)[:2] == [f"{member.full_name} Member", f"{chair.full_name} Chair"]
    (entry,) = said[f"{member.full_name} Member"]  # accepted, public and current only
    assert entry == (
        "Financial Director of a supplier Lancashire Pathology Ltd, from 2020 to ongoing "
        "Leaves for supplier items"
    )
    assert said[f"{chair.full_name} Chair"] == ["No interests on the register"]
    # Someone attending is named with their job title on the day.
    assert said["Gwen Guest Director"][0].startswith("Financial Adviser to a bidder")
    assert not any(who.startswith("Alan Away") for who in said)  # sent apologies


def test_the_extract_comes_after_the_guidance(held, board):
    board.declarations_guidance = "Declare any interest in an item."
    board.save(update_fields=["declarations_guidance"])
    keys = [spec.key for spec in plan(held, Edition.PUBLIC).parts]
    assert keys[:3] == ["agenda", "guidance", "register"]


def test_the_extract_costs_the_same_for_three_people_or_thirteen(held, board):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            rows = register_extract(held)
        return len(captured), len(rows)

    few, counted = queries()
    for _ in range(10):
        person = UserFactory()
        seat(board, person, Role.MEMBER)
        declared(
            person, "Shares", starts_on=datetime.date(2019, 1, 1), starts_precision=Precision.YEAR
        )
    assert queries() == (few, counted + 10)
