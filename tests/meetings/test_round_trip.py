"""Every secretariat form, posted back exactly as a browser shows it, saves and changes nothing.

Each row of `FORMS` is one form: the record it edits (found in the shared scene) and the
address of its edit page. The test opens the page as the secretariat, posts back what the
browser would (tests/as_rendered.py: ISO dates, CRLF line endings...), and checks that the
post succeeded and that no row, history record, version or pack rebuild came of it.
"""

import datetime

import pytest
from django.apps import apps

from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceKind,
    Declaration,
    InterestType,
    ItemMinute,
    Meeting,
    MeetingAction,
    Movement,
    Outcome,
    PackBuild,
    Paper,
    QuestionKind,
    Ruling,
)
from meetings.selectors.board_settings import settings_for
from meetings.services import agenda as agenda_services
from meetings.services import attendance as attendance_services
from meetings.services import board_settings as board_settings_services
from meetings.services import minutes as minutes_services
from meetings.services.cover_sheets import cover_sheet_save
from meetings.services.minutes import ResolutionText
from partners.models import Board
from tests.as_rendered import as_rendered
from tests.conftest import SECRET_TITLE

pytestmark = pytest.mark.django_db

BOARD = "/boards/ics-board/"
NOVEMBER = datetime.date(2020, 11, 4)
DECEMBER = datetime.date(2020, 12, 2)
JANUARY = datetime.date(2021, 1, 13)


def meeting_on(day):
    return Meeting.objects.get(board__slug="ics-board", session="", date=day)


def meeting_url(meeting):
    return f"{BOARD}meetings/{meeting.date:%Y-%m-%d}/"


def december_attendance(secretary):
    """The December meeting's list, filled in from the board's seats (its minutes are not
    approved, so its records change without a correction)."""
    december = meeting_on(DECEMBER)
    if not december.attendance.exists():
        attendance_services.attendance_prefill(actor=secretary, meeting=december)
    return december


def name_only(scene, secretary):
    """A member of the public at the December meeting, recorded by name."""
    december = meeting_on(DECEMBER)
    row = attendance_services.attendance_record(
        actor=secretary,
        meeting=december,
        name="Ann Observer",
        organisation_name="Healthwatch Blackburn with Darwen",
        kind=AttendanceKind.PUBLIC,
    )
    return [row]


def december_declaration(scene, secretary):
    december = december_attendance(secretary)
    return attendance_services.declaration_record(
        actor=secretary,
        meeting=december,
        attendance=december.attendance.get(person__email="member@example.nhs.uk"),
        item=AgendaItem.objects.get(pk=scene["item"]),
        interest_type=InterestType.PROFESSIONAL,
        nature="Director of a provider in the\ncontract, since 2019.",
        ruling=Ruling.SPEAKS_NOT_VOTES,
    )


def december_movement(scene, secretary):
    december = december_attendance(secretary)
    return attendance_services.movement_record(
        actor=secretary,
        attendance=december.attendance.get(person__email="member@example.nhs.uk"),
        kind="left",
        item=AgendaItem.objects.get(pk=scene["item"]),
        note="To attend another meeting",
    )


def minute_with_resolutions(scene, secretary):
    """December's minute of an item: typed paragraphs, a list and bold, and a resolution with
    its proposer, seconder and votes."""
    december = december_attendance(secretary)
    present = list(december.attendance.order_by("pk")[:2])
    item = AgendaItem.objects.get(pk=scene["item"])
    resolution = ResolutionText(
        "The Board approved the capital plan.",
        Outcome.APPROVED,
        proposer=present[0],
        seconder=present[1],
        votes_for=5,
        votes_against=1,
        abstentions=0,
    )
    minutes_services.item_minutes_save(
        actor=secretary,
        item=item,
        discussion="The Board **discussed** the plan.\n\n- estates\n- digital",
        noted="Report noted.\nWith thanks.",
        resolutions=[resolution],
    )
    return [ItemMinute.objects.get(item=item), *item.resolutions.all()]


def standing_items(scene, secretary):
    """The board's own standing items, saved once from the portal's defaults."""
    board = Board.objects.get(slug="ics-board")
    if not board.standing_items.exists():
        from meetings.selectors.agenda import standing_items_for

        rows = [
            {"pk": None, **{name: getattr(s, name) for name in STANDING_FIELDS}}
            for s in standing_items_for(board)
        ]
        agenda_services.standing_items_save(actor=secretary, board=board, rows=rows)
    return list(board.standing_items.all())


STANDING_FIELDS = ["section_title", "title", "presenters_text", "action", "format", "position"]


def board_settings(scene, secretary):
    """Settings that differ from the defaults, with text over several lines."""
    board = Board.objects.get(slug="ics-board")
    board_settings_services.board_settings_save(
        actor=secretary,
        board=board,
        attendance_headings="ICP Leads\nPartners",
        extra_outcomes="Supported\nReferred to the council",
    )
    return [settings_for(board)]


def cover_sheet(scene, secretary):
    """A question of the board's own, with its choices over several lines, beside the
    library's (unsaved) defaults."""
    board = Board.objects.get(slug="ics-board")
    own = {"key": "", "label": "Link to the Joint Forward Plan", "kind": QuestionKind.CHOICE}
    own |= {"options": "Yes\nNo\nPartly", "shown": True, "required": False, "position": 50}
    cover_sheet_save(actor=secretary, board=board, rows=[own])
    return list(board.cover_sheet_questions.all())


def one(model, key):
    return lambda scene, secretary: [model.objects.get(pk=scene[key])]


def first_of(model, **lookups):
    return lambda scene, secretary: [model.objects.filter(**lookups).order_by("pk").first()]


def january(scene, secretary):
    return [meeting_on(JANUARY)]


def november(scene, secretary):
    return [meeting_on(NOVEMBER)]


def december(scene, secretary):
    return [meeting_on(DECEMBER)]


def item_url(item):
    return f"{meeting_url(item.meeting)}items/{item.pk}/edit/"


def record_url(kind):
    return lambda row: f"{meeting_url(row.meeting)}{kind}/{row.pk}/edit/"


def action_url(page):
    return lambda action: f"{meeting_url(action.raised_at.meeting)}actions/{action.pk}/{page}/"


# One row per secretariat form: (name, the rows it edits, the address of its page from the
# first of them). Left out: the publishing form, whose every post publishes something.
FORMS = [
    ("meeting, draft", january, lambda m: f"{meeting_url(m)}edit/"),
    ("meeting, published", december, lambda m: f"{meeting_url(m)}edit/"),
    ("meeting, held", november, lambda m: f"{meeting_url(m)}edit/"),
    ("agenda item, draft", one(AgendaItem, "draft_item"), item_url),
    ("agenda item, published", one(AgendaItem, "item"), item_url),
    ("agenda item, held", one(AgendaItem, "november_item"), item_url),
    ("agenda item, confidential", first_of(AgendaItem, title=SECRET_TITLE), item_url),
    ("standing items", standing_items, lambda s: f"{BOARD}standing-items/"),
    ("paper, draft", one(Paper, "draft"), lambda p: f"/papers/{p.pk}/edit/"),
    ("paper, published", one(Paper, "public"), lambda p: f"/papers/{p.pk}/edit/"),
    (
        "attendance",
        lambda scene, secretary: [december_attendance(secretary).attendance.order_by("pk")[0]],
        record_url("attendance"),
    ),
    ("attendance, minutes approved", one(Attendance, "attendance"), record_url("attendance")),
    ("attendance, someone without an account", name_only, record_url("attendance")),
    (
        "declaration",
        lambda scene, secretary: [december_declaration(scene, secretary)],
        record_url("declarations"),
    ),
    (
        "movement",
        lambda scene, secretary: [december_movement(scene, secretary)],
        lambda m: f"{meeting_url(m.attendance.meeting)}movements/{m.pk}/edit/",
    ),
    ("declaration, minutes approved", one(Declaration, "declaration"), record_url("declarations")),
    (
        "movement, minutes approved",
        one(Movement, "movement"),
        lambda m: f"{meeting_url(m.attendance.meeting)}movements/{m.pk}/edit/",
    ),
    ("action leads", one(MeetingAction, "action"), action_url("leads")),
    ("action due date", one(MeetingAction, "action"), action_url("due")),
    (
        "minute with a resolution",
        minute_with_resolutions,
        lambda m: f"{meeting_url(m.item.meeting)}items/{m.item_id}/minutes/",
    ),
    ("board settings", board_settings, lambda s: f"{BOARD}settings/"),
    ("cover-sheet settings", cover_sheet, lambda q: f"{BOARD}settings/cover-sheet/"),
]


def histories():
    """How many history records each audited model has."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.model_name.startswith("historical")
    }


def state(rows):
    fresh = [type(row)._default_manager.get(pk=row.pk) for row in rows]
    # Every stored column, editable or not (model_to_dict would leave out the version).
    return [
        {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields} for row in fresh
    ]


@pytest.mark.parametrize(("name", "rows_of", "url_of"), FORMS, ids=[row[0] for row in FORMS])
def test_a_form_posted_back_as_shown_changes_nothing(
    scene, secretary, client_as, name, rows_of, url_of
):
    rows = rows_of(scene, secretary)
    url = url_of(rows[0])
    client = client_as("secretary")
    page = client.get(url)
    assert page.status_code == 200
    before = (state(rows), histories(), PackBuild.objects.count())

    response = client.post(url, as_rendered(page))

    form = response.context and response.context.get("form")
    assert response.status_code == 302, getattr(form, "errors", response.content[:3000])
    assert state(rows) == before[0]
    assert histories() == before[1]
    assert PackBuild.objects.count() == before[2]


def test_saving_the_meeting_after_entering_its_date_again_keeps_the_next_meeting(scene, client_as):
    meeting = meeting_on(JANUARY)
    meeting.next_meeting_on = datetime.date(2021, 2, 10)
    meeting.save()
    client = client_as("secretary")
    url = f"{meeting_url(meeting)}edit/"
    data = as_rendered(client.get(url))
    assert data["day"] == "2021-01-13" and data["next_meeting_on"] == "2021-02-10"
    data["day"] = "2021-01-13"  # typed again, as someone would who saw it empty

    response = client.post(url, data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.next_meeting_on == datetime.date(2021, 2, 10)
    assert meeting.date == JANUARY
