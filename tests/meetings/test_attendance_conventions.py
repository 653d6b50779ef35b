"""Attendance as minutes record it: people without an account, titles as they were on the
day, presence for part of the meeting, the quorum at the opening and at each item, whether
declarations were asked for, and correcting declarations and comings and goings."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import (
    Attendance,
    AttendanceKind,
    Correction,
    Declaration,
    DeclarationsAsked,
    InterestType,
    Meeting,
    Movement,
    MovementKind,
    Ruling,
)
from meetings.services import agenda as agenda_services
from meetings.services import attendance as at_meeting
from meetings.services import minutes as minutes_services
from meetings.services import publication as publication_services
from partners.models import OrganisationKind, QuorumRequirement, Role
from tests.as_rendered import as_rendered
from tests.conftest import seat, text_of
from tests.factories import UserFactory, meeting_at
from tests.meetings.conftest import add_item

pytestmark = pytest.mark.django_db

IN_GOOD_TIME = timezone.make_aware(datetime.datetime(2020, 11, 20, 9))
NOV = "/boards/ics-board/meetings/2020-11-04/"
TITLES = ["Finance Report", "Clinical Strategy", "Pathology Collaborative"]


def refusal(call, field):
    with pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.message_dict[field])


@pytest.fixture
def held(meeting, secretary, member, chair):
    for title in TITLES:
        add_item(meeting, secretary, title=title, format="verbal")
    publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    at_meeting.attendance_prefill(actor=secretary, meeting=meeting)
    # A draft minute, so that the board can read the minutes.
    minutes_services.item_minutes_save(
        actor=secretary, item=item(meeting, TITLES[0]), discussion="Discussed."
    )
    return meeting


def item(meeting, title):
    return meeting.items.get(title=title)


def url(meeting, tail=""):
    return f"/boards/{meeting.board.slug}/meetings/{meeting.date}/{tail}"


@pytest.fixture
def four_voting(held, board, secretary):
    """Four voting members (the member and chair, and two more); a quorum of three including
    one from an NHS trust."""
    board.quorum_voting_members = 3
    board.save()
    QuorumRequirement.objects.create(
        board=board, organisation_kind=OrganisationKind.NHS_TRUST, minimum=1
    )
    people = []
    for name in ["Gary Raphael", "Talib Yaseen"]:
        person = UserFactory(full_name=name)
        seat(board, person, Role.MEMBER)
        people.append(person)
    at_meeting.attendance_prefill(actor=secretary, meeting=held)
    return people


def test_presence_for_part_of_the_meeting_and_the_quorum_at_each_item(
    held, four_voting, secretary, member, client_as
):
    gary, talib = four_voting
    strategy, pathology = (item(held, title) for title in TITLES[1:])
    at_meeting.attendance_record(
        actor=secretary,
        meeting=held,
        person=gary,
        kind=AttendanceKind.PRESENT,
        until_item=strategy,
    )
    at_meeting.attendance_record(
        actor=secretary,
        meeting=held,
        person=talib,
        kind=AttendanceKind.PRESENT,
        from_item=strategy,
        until_item=strategy,
    )
    row = held.attendance.get(person=member)
    at_meeting.movement_record(
        actor=secretary, attendance=row, kind=MovementKind.LEFT, item=pathology
    )
    # Part-meeting presence invents no arrival or departure.
    assert Movement.objects.filter(attendance__person__in=[gary, talib]).count() == 0

    page = text_of(client_as("secretary").get(url(held, "minutes/")))
    assert f"Talib Yaseen (for item {strategy.reference} only)" in page
    assert f"Gary Raphael (until item {strategy.reference})" in page
    rule = "the quorum is 3 voting members including at least 1 from NHS trust."
    assert f"At the opening: Quorate: 3 voting members present; {rule}" in page
    assert f"Quorate: 4 voting members present; {rule}" in page  # at the strategy item
    # At the pathology item the member has left and Gary's and Talib's parts are over.
    assert f"Not quorate: 1 voting member present; {rule}" in page
    screen = text_of(client_as("secretary").get(url(held, "attendance/")))
    assert f"Item {pathology.reference}. Pathology Collaborative" in screen
    assert "Not quorate: 1 voting member present" in screen


def test_a_member_who_may_not_vote_on_an_item_does_not_count_towards_its_quorum(
    held, four_voting, secretary, member, client_as
):
    strategy = item(held, "Clinical Strategy")
    at_meeting.declaration_record(
        actor=secretary,
        meeting=held,
        attendance=held.attendance.get(person=member),
        item=strategy,
        interest_type=InterestType.FINANCIAL,
        nature="Director of a bidder",
        ruling=Ruling.SPEAKS_NOT_VOTES,
    )
    page = text_of(client_as("secretary").get(url(held, "minutes/")))
    assert "Quorate: 3 voting members present" in page  # at the strategy item
    assert "Quorate: 4 voting members present" in page  # elsewhere


def test_the_quorum_names_a_missing_kind_of_organisation(held, board, secretary, client_as):
    QuorumRequirement.objects.create(
        board=board, organisation_kind=OrganisationKind.COUNTY_COUNCIL, minimum=1
    )
    board.quorum_voting_members = 1
    board.save()
    page = text_of(client_as("secretary").get(url(held, "minutes/")))
    assert "Not quorate: 2 voting members present (0 from county council)" in page


def test_someone_without_an_account_is_recorded_by_name_and_organisation(
    held, secretary, client_as
):
    client = client_as("secretary")
    data = {
        "person": "",
        "name": "Jo Bloggs",
        "organisation_name": "Healthwatch Lancashire",
        "job_title": "",
        "kind": AttendanceKind.PUBLIC,
        "on_behalf_of": "",
        "group": "",
        "from_item": "",
        "until_item": "",
    }
    assert client.post(url(held, "attendance/"), data).status_code == 302
    row = held.attendance.get(name="Jo Bloggs")
    assert row.person is None and row.voting is False
    assert row.organisation_name == "Healthwatch Lancashire"
    at_meeting.declaration_record(
        actor=secretary,
        meeting=held,
        attendance=row,
        interest_type=InterestType.PERSONAL,
        nature="Carer of a patient of the service",
        ruling=Ruling.TAKES_PART,
    )
    page = text_of(client_as("member").get(url(held, "minutes/")))
    assert "Members of the public Name Job title Organisation Jo Bloggs" in page
    assert "Healthwatch Lancashire" in page
    assert "Jo Bloggs declared a non-financial personal interest" in page


def test_nobody_and_no_name_is_refused_and_nothing_is_saved(held, secretary, client_as):
    before = Attendance.objects.count()
    message = refusal(
        lambda: at_meeting.attendance_record(
            actor=secretary, meeting=held, kind=AttendanceKind.OBSERVER
        ),
        "name",
    )
    assert "give the name of someone without an account" in message
    response = client_as("secretary").post(url(held, "attendance/"), {"kind": "observer"})
    assert "give the name of someone without an account" in text_of(response)
    assert Attendance.objects.count() == before


def test_minutes_keep_the_title_a_person_had_on_the_day(held, member, client_as):
    member.job_title = "Chief Executive"
    member.save()
    page = text_of(client_as("member").get(url(held, "minutes/")))
    assert "Director" in page and "Chief Executive" not in page


def test_the_title_on_the_day_can_be_corrected_on_the_row(held, secretary, member, client_as):
    row = held.attendance.get(person=member)
    client = client_as("secretary")
    data = as_rendered(client.get(url(held, f"attendance/{row.pk}/edit/")))
    data["job_title"] = "Acting Chief Officer"
    assert client.post(url(held, f"attendance/{row.pk}/edit/"), data).status_code == 302
    row.refresh_from_db()
    assert row.job_title == "Acting Chief Officer"
    assert member.job_title == "Director"


def test_part_meeting_presence_must_name_items_of_this_meeting(held, board, secretary, member):
    other = meeting_at(board, datetime.date(2021, 2, 3), actor=secretary)
    elsewhere = add_item(other, secretary, title="Elsewhere")
    row = held.attendance.get(person=member)
    message = refusal(
        lambda: at_meeting.attendance_record(
            actor=secretary,
            meeting=held,
            person=member,
            kind=AttendanceKind.PRESENT,
            from_item=elsewhere,
        ),
        "from_item",
    )
    assert "on the agenda of another meeting" in message
    strategy, finance = item(held, "Clinical Strategy"), item(held, "Finance Report")
    message = refusal(
        lambda: at_meeting.attendance_record(
            actor=secretary,
            meeting=held,
            person=member,
            kind=AttendanceKind.PRESENT,
            from_item=strategy,
            until_item=finance,
        ),
        "until_item",
    )
    assert "comes before" in message
    row.refresh_from_db()
    assert row.from_item is None and row.until_item is None
    assert row.history.count() == 1


def test_the_attendance_forms_post_back_unchanged_and_change_nothing(
    held, secretary, member, client_as
):
    client = client_as("secretary")
    row = held.attendance.get(person=member)
    declaration = at_meeting.declaration_record(
        actor=secretary,
        meeting=held,
        attendance=row,
        item=item(held, "Finance Report"),
        interest_type=InterestType.FINANCIAL,
        nature="Shares in a supplier.",
        ruling=Ruling.LEAVES,
    )
    movement = row.movements.first()
    forms = [
        (f"attendance/{row.pk}/edit/", row),
        (f"declarations/{declaration.pk}/edit/", declaration),
        (f"movements/{movement.pk}/edit/", movement),
    ]
    for tail, record in forms:
        histories = record.history.count()
        page = client.get(url(held, tail))
        assert client.post(url(held, tail), as_rendered(page)).status_code == 302, tail
        assert record.history.count() in {histories, histories + 1}, tail
        changed = type(record).objects.get(pk=record.pk)
        fields = [f.attname for f in record._meta.concrete_fields]
        assert [getattr(changed, f) for f in fields] == [getattr(record, f) for f in fields]


def test_declarations_and_movements_are_changed_or_removed_before_approval(
    held, secretary, member, client_as
):
    client = client_as("secretary")
    row = held.attendance.get(person=member)
    declaration = at_meeting.declaration_record(
        actor=secretary,
        meeting=held,
        attendance=row,
        item=item(held, "Finance Report"),
        interest_type=InterestType.FINANCIAL,
        nature="Shares in a supplier",
        ruling=Ruling.TAKES_PART,
    )
    data = as_rendered(client.get(url(held, f"declarations/{declaration.pk}/edit/")))
    data["interest_type"] = InterestType.INDIRECT
    assert "reason" not in data
    assert client.post(url(held, f"declarations/{declaration.pk}/edit/"), data).status_code == 302
    declaration.refresh_from_db()
    assert declaration.interest_type == InterestType.INDIRECT
    moved = at_meeting.movement_record(
        actor=secretary,
        attendance=row,
        kind=MovementKind.ARRIVED,
        item=item(held, "Clinical Strategy"),
    )
    page = client.get(url(held, f"movements/{moved.pk}/remove/"))
    assert "Remove it" in text_of(page)
    assert Movement.objects.filter(pk=moved.pk).exists()  # asked first
    assert client.post(url(held, f"movements/{moved.pk}/remove/")).status_code == 302
    assert not Movement.objects.filter(pk=moved.pk).exists()
    assert client.post(url(held, f"declarations/{declaration.pk}/remove/")).status_code == 302
    assert not Declaration.objects.filter(pk=declaration.pk).exists()
    # The history keeps what was removed, and who removed it.
    removed = Declaration.history.filter(id=declaration.pk, history_type="-").get()
    assert removed.history_user == secretary
    assert Correction.objects.count() == 0


def test_after_approval_a_change_is_a_correction_with_its_reason(scene, client_as, secretary):
    client = client_as("secretary")
    path = NOV + f"declarations/{scene['declaration']}/edit/"
    data = as_rendered(client.get(path))
    data["nature"] = "Clinical lead for two of the six core areas"
    del data["reason"]
    response = client.post(path, data)
    assert "Give the reason for the correction" in text_of(response)
    assert Declaration.objects.get().nature == "Clinical lead for one of the six core areas"
    data["reason"] = "The member leads two areas, not one"
    assert client.post(path, data).status_code == 302
    correction = Correction.objects.get()
    assert "one of the six" in correction.before and "two of the six" in correction.after
    page = text_of(client_as("member").get(f"{NOV}minutes/"))
    assert "The member leads two areas, not one" in page
    assert "Clinical lead for two of the six core areas." in page

    remove = NOV + f"movements/{scene['movement']}/remove/"
    assert "Give the reason" in text_of(client.post(remove, {}))
    assert Movement.objects.filter(pk=scene["movement"]).exists()
    assert client.post(remove, {"reason": "She stayed in the room"}).status_code == 302
    assert not Movement.objects.filter(pk=scene["movement"]).exists()
    assert Correction.objects.get(reason="She stayed in the room").after == "(removed)"
    assert "She stayed in the room" in text_of(client_as("member").get(f"{NOV}minutes/"))


def test_a_nature_ending_with_a_full_stop_gets_only_one(held, secretary, member, client_as):
    at_meeting.declaration_record(
        actor=secretary,
        meeting=held,
        attendance=held.attendance.get(person=member),
        item=item(held, "Finance Report"),
        interest_type=InterestType.FINANCIAL,
        nature="Shares in a supplier.",
        ruling=Ruling.TAKES_PART,
    )
    page = client_as("member").get(url(held, "minutes/")).content.decode()
    assert "Shares in a supplier. Ruling" in page
    assert ".." not in page.replace("...", "")


def test_no_interests_declared_is_recorded_apart_from_not_asked(held, secretary, member, client_as):
    client = client_as("secretary")
    asked = url(held, "declarations/asked/")
    assert client.post(asked, {"declarations_asked": "asked"}).status_code == 302
    page = text_of(client_as("member").get(url(held, "minutes/")))
    assert "no interests were declared" in page
    client.post(asked, {"declarations_asked": "not_asked"})
    page = text_of(client_as("member").get(url(held, "minutes/")))
    assert "Declarations of interest were not asked for." in page
    assert "no interests were declared" not in page
    at_meeting.declaration_record(
        actor=secretary,
        meeting=held,
        attendance=held.attendance.get(person=member),
        interest_type=InterestType.FINANCIAL,
        nature="Shares in a supplier",
        ruling=Ruling.TAKES_PART,
    )
    message = refusal(
        lambda: at_meeting.declarations_asked_record(
            actor=secretary, meeting=held, asked=DeclarationsAsked.NOT_ASKED
        ),
        "declarations_asked",
    )
    assert "Interests were declared at this meeting" in message


def test_the_minutes_pdf_shows_the_attendance_as_recorded(held, four_voting, secretary, client_as):
    at_meeting.attendance_record(
        actor=secretary,
        meeting=held,
        name="Jo Bloggs",
        organisation_name="Healthwatch Lancashire",
        kind=AttendanceKind.OBSERVER,
        from_item=item(held, "Clinical Strategy"),
    )
    from tests.meetings.test_minutes_pages import pdf_text

    text = " ".join(pdf_text(client_as("member").get(url(held, "minutes.pdf"))).split())
    assert "Observers" in text and "Jo Bloggs" in text and "Healthwatch Lancashire" in text
    assert "from item" in text
    assert "Quorate: 4 voting members present" in text


def busy_meeting(board, secretary, day, people):
    """A held meeting with `people` extra attendees, each with a declaration and a movement."""
    meeting = meeting_at(board, day, actor=secretary)
    items = [add_item(meeting, secretary, title=f"Item {n}", format="verbal") for n in range(3)]
    weeks_before = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    publication_services.meeting_publish_agenda(
        actor=secretary, meeting=meeting, now=weeks_before - datetime.timedelta(weeks=3)
    )
    at_meeting.attendance_prefill(actor=secretary, meeting=meeting)
    for n in range(people):
        row = at_meeting.attendance_record(
            actor=secretary,
            meeting=meeting,
            person=UserFactory(),
            kind=AttendanceKind.IN_ATTENDANCE,
            until_item=items[1],
        )
        at_meeting.attendance_record(
            actor=secretary, meeting=meeting, name=f"Guest {n}", kind=AttendanceKind.PUBLIC
        )
        at_meeting.declaration_record(
            actor=secretary,
            meeting=meeting,
            attendance=row,
            item=items[0],
            interest_type=InterestType.FINANCIAL,
            nature="Shares",
            ruling=Ruling.LEAVES,
        )
    agenda_services.meeting_mark_held(actor=secretary, meeting=meeting)
    minutes_services.item_minutes_save(actor=secretary, item=items[0], discussion="Discussed.")
    return Meeting.objects.get(pk=meeting.pk)


def queries_for(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["attendance/", "minutes/"])
def test_the_pages_cost_the_same_queries_whatever_the_attendance(board, secretary, client_as, page):
    small = busy_meeting(board, secretary, datetime.date(2020, 6, 3), 1)
    large = busy_meeting(board, secretary, datetime.date(2020, 7, 1), 6)
    client = client_as("secretary")
    assert queries_for(client, url(small, page)) == queries_for(client, url(large, page))


def test_the_board_chooses_its_attendance_headings_and_their_order(
    held, board, secretary, client_as
):
    client = client_as("secretary")
    settings_url = f"/boards/{board.slug}/settings/"
    at_meeting.attendance_record(
        actor=secretary,
        meeting=held,
        name="Jo Bloggs",
        kind=AttendanceKind.GOVERNOR,
    )
    at_meeting.attendance_record(
        actor=secretary,
        meeting=held,
        name="Sam Smith",
        kind=AttendanceKind.IN_ATTENDANCE,
        group="Partner representatives",
    )
    page = text_of(client_as("member").get(url(held, "minutes/")))
    # By default: in attendance before governors, and no heading of the board's own.
    assert page.index("In attendance Name") < page.index("Governors Name")
    assert "Partner representatives" not in page
    data = as_rendered(client.get(settings_url))
    data["attendance_headings"] = "Governors\nPartner representatives\nIn attendance"
    assert client.post(settings_url, data).status_code == 302
    page = text_of(client_as("member").get(url(held, "minutes/")))
    governors = page.index("Governors Name")
    partners = page.index("Partner representatives Name Job title Organisation Sam Smith")
    assert governors < partners < page.index("In attendance Name")
    form = text_of(client.get(url(held, "attendance/")))
    assert "headings: Governors, Partner representatives, In attendance." in form
