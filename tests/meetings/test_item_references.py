"""Item references in the board's own scheme: each scheme across two meetings of a year,
sub-items, minute references, stability once published, refusals of a scheme that would give a
reference twice, and the references where people read them."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from meetings.models import (
    AgendaItem,
    BoardSettings,
    ItemReferenceScheme,
    MinuteReferenceScheme,
    SubItemStyle,
)
from meetings.services import actions as action_services
from meetings.services import agenda as agenda_services
from meetings.services import minutes as minutes_services
from meetings.services import publication as publication_services
from meetings.services.board_settings import board_settings_save
from tests.as_rendered import as_rendered
from tests.conftest import text_of
from tests.factories import meeting_at, previous_minutes_to_follow
from tests.meetings.conftest import add_item, add_paper
from tests.meetings.test_packs import build, current, outline, read

pytestmark = pytest.mark.django_db

MARCH, JUNE = datetime.date(2022, 3, 2), datetime.date(2022, 6, 1)


def references(meeting):
    return [i.reference for i in meeting.items.order_by("number")]


def minute_references(meeting):
    return [i.minute_reference for i in meeting.items.order_by("number")]


def publish(meeting, secretary):
    a_month_before = timezone.make_aware(
        datetime.datetime.combine(meeting.date - datetime.timedelta(days=30), datetime.time(9))
    )
    publication_services.meeting_publish_agenda(
        actor=secretary, meeting=meeting, now=a_month_before
    )
    meeting.refresh_from_db()


def scheme(board, secretary, **settings):
    return board_settings_save(actor=secretary, board=board, **settings)


def two_meetings(board, secretary, first=MARCH, second=JUNE):
    return meeting_at(board, first, actor=secretary), meeting_at(board, second, actor=secretary)


def test_by_default_each_meeting_numbers_its_items_1_2_3(board, secretary):
    march, june = two_meetings(board, secretary)
    assert references(march) == references(june) == ["1", "2", "3", "4", "5", "6"]
    assert minute_references(march) == references(march)


def test_a_yearly_sequence_continues_at_the_next_meeting_of_the_year(board, secretary):
    scheme(board, secretary, item_reference_scheme=ItemReferenceScheme.YEARLY)
    march, june = two_meetings(board, secretary)
    assert references(march) == [f"{n}/22" for n in range(1, 7)]
    assert references(june) == [f"{n}/22" for n in range(7, 13)]
    # An item added to the earlier draft agenda moves the later one's numbers on.
    add_item(march, secretary)
    assert references(june) == [f"{n}/22" for n in range(8, 14)]
    next_year = meeting_at(board, datetime.date(2023, 1, 11), actor=secretary)
    assert references(next_year)[0] == "1/23"


def test_a_financial_year_scheme_runs_from_april_with_the_prefix(board, secretary):
    scheme(
        board,
        secretary,
        item_reference_scheme=ItemReferenceScheme.FINANCIAL_YEAR,
        item_reference_prefix="GBP",
    )
    may, july = two_meetings(board, secretary, datetime.date(2019, 5, 1), datetime.date(2019, 7, 3))
    assert references(may) == [f"GBP/1920/{n:02d}" for n in range(1, 7)]
    assert references(july) == [f"GBP/1920/{n:02d}" for n in range(7, 13)]
    march = meeting_at(board, datetime.date(2020, 3, 4), actor=secretary)
    assert references(march)[0] == "GBP/1920/13"
    april = meeting_at(board, datetime.date(2020, 4, 1), actor=secretary)
    assert references(april)[0] == "GBP/2021/01"


def test_a_meeting_code_scheme_with_decimal_sub_items(board, secretary):
    scheme(
        board,
        secretary,
        item_reference_scheme=ItemReferenceScheme.MEETING_CODE,
        item_reference_prefix="PUB",
    )
    july, september = two_meetings(
        board, secretary, datetime.date(2025, 7, 2), datetime.date(2025, 9, 3)
    )
    assert references(july)[:2] == ["PUB25/07/1", "PUB25/07/2"]
    assert references(september)[:2] == ["PUB25/09/1", "PUB25/09/2"]
    strategy = add_item(july, secretary, title="Strategy")
    for title in ["Plan", "Budget", "Workforce", "Estates"]:
        add_item(july, secretary, title=title, parent=strategy)
    estates = july.items.get(title="Estates")
    assert estates.reference == "PUB25/07/5.4"
    # The meeting form's own code wins over the one made from the prefix.
    agenda_services.meeting_change(actor=secretary, meeting=september, code="EXTRA25")
    assert references(september)[0] == "EXTRA25/1"


def test_lettered_sub_items_of_a_yearly_item(board, secretary):
    scheme(
        board,
        secretary,
        item_reference_scheme=ItemReferenceScheme.YEARLY,
        sub_item_style=SubItemStyle.LETTER,
    )
    _march, june = two_meetings(board, secretary)
    parent = june.items.get(number=3)
    subs = [add_item(june, secretary, title=t, parent=parent) for t in ["One", "Two", "Three"]]
    assert [s.reference for s in subs] == ["9/22 a", "9/22 b", "9/22 c"]
    # Sub-items follow their item, and do not take a number of the running sequence.
    assert references(june)[2:6] == ["9/22", "9/22 a", "9/22 b", "9/22 c"]
    assert references(june)[6] == "10/22"


def test_minutes_can_run_their_own_yearly_numbers(board, secretary):
    scheme(
        board,
        secretary,
        minute_reference_scheme=MinuteReferenceScheme.YEARLY,
        minute_reference_prefix="ICPB",
    )
    jan, feb = two_meetings(board, secretary, datetime.date(2021, 1, 6), datetime.date(2021, 2, 3))
    assert references(jan) == ["1", "2", "3", "4", "5", "6"]
    assert minute_references(jan)[:2] == ["ICPB 21/01", "ICPB 21/02"]
    assert minute_references(feb)[0] == "ICPB 21/07"


def test_references_stay_once_the_agenda_is_published(board, secretary):
    scheme(board, secretary, item_reference_scheme=ItemReferenceScheme.YEARLY)
    march, june = two_meetings(board, secretary)
    publish(march, secretary)
    before = {i.pk: i.reference for i in march.items.all()}
    fourth = march.items.get(number=4)
    agenda_services.item_move(actor=secretary, item=fourth, step=-1)
    fourth.refresh_from_db()
    assert fourth.number == 3 and fourth.reference == "4/22"
    late = add_item(march, secretary, title="Late item")
    assert {i.pk: i.reference for i in march.items.exclude(pk=late.pk)} == before
    # The next number free: June's agenda (not published) moves on to make room.
    assert late.reference == "7/22"
    assert references(june)[0] == "8/22"
    # A changed scheme leaves a published agenda as it was.
    scheme(board, secretary, item_reference_scheme=ItemReferenceScheme.MEETING)
    assert march.items.get(pk=late.pk).reference == "7/22"
    assert references(june)[0] == "1"


def test_a_scheme_with_no_prefix_is_refused_and_nothing_saved(board, secretary):
    meeting = meeting_at(board, MARCH, actor=secretary)
    with pytest.raises(ValidationError) as refused:
        scheme(board, secretary, item_reference_scheme=ItemReferenceScheme.FINANCIAL_YEAR)
    assert "prefix" in " ".join(refused.value.message_dict["item_reference_prefix"])
    assert not BoardSettings.objects.filter(board=board).exists()
    assert references(meeting)[0] == "1"


def test_a_scheme_that_gives_a_reference_twice_is_refused_naming_it(board, secretary):
    two_meetings(board, secretary, datetime.date(2025, 7, 2), datetime.date(2025, 7, 16))
    with pytest.raises(ValidationError) as refused:
        scheme(
            board,
            secretary,
            item_reference_scheme=ItemReferenceScheme.MEETING_CODE,
            item_reference_prefix="PUB",
        )
    message = " ".join(refused.value.message_dict["item_reference_scheme"])
    assert "PUB25/07/1 twice" in message
    assert not BoardSettings.objects.filter(board=board).exists()
    assert set(AgendaItem.objects.values_list("reference", flat=True)) == {
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
    }


def test_a_meeting_code_already_used_is_refused_on_the_code(board, secretary):
    scheme(
        board,
        secretary,
        item_reference_scheme=ItemReferenceScheme.MEETING_CODE,
        item_reference_prefix="PUB",
    )
    _july, september = two_meetings(
        board, secretary, datetime.date(2025, 7, 2), datetime.date(2025, 9, 3)
    )
    with pytest.raises(ValidationError) as refused:
        agenda_services.meeting_change(actor=secretary, meeting=september, code="PUB25/07")
    assert "twice" in " ".join(refused.value.message_dict["code"])
    september.refresh_from_db()
    assert september.code == "" and references(september)[0] == "PUB25/09/1"


# Where people read them -----------------------------------------------------------------------


@pytest.fixture
def yearly_june(board, secretary):
    """A published June meeting numbered 7/22 onwards, with a paper on 9/22."""
    scheme(board, secretary, item_reference_scheme=ItemReferenceScheme.YEARLY)
    _march, june = two_meetings(board, secretary)
    report = add_item(june, secretary, title="Finance Report")
    add_paper(report, secretary, title="Finance Report")
    # March was never held, so there are no minutes for the pack to attach.
    previous_minutes_to_follow(june, secretary)
    publication_services.meeting_publish_papers(
        actor=secretary, meeting=june, now=timezone.make_aware(datetime.datetime(2022, 5, 1))
    )
    june.refresh_from_db()
    return june


def test_references_on_the_meeting_page_and_the_agenda_screen(yearly_june, client_as):
    day = "/boards/ics-board/meetings/2022-06-01/"
    page = text_of(client_as("member").get(day))
    assert "11/22. Finance Report" in page
    agenda = text_of(client_as("secretary").get(f"{day}agenda/"))
    assert "11/22. Finance Report" in agenda


def test_references_in_the_agenda_pdf(yearly_june, client_as):
    response = client_as("member").get("/boards/ics-board/meetings/2022-06-01/agenda.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "11/22" in text and "7/22" in text


def test_references_in_the_pack_contents_and_bookmarks(yearly_june):
    build(yearly_june)
    reader = read(current(yearly_june, "members"))
    assert "11/22. Finance Report" in [title for title, _ in outline(reader)]
    assert "11/22." in reader.pages[1].extract_text()


def test_references_in_the_minutes_and_the_action_log(yearly_june, secretary, client_as):
    item = yearly_june.items.get(title="Finance Report")
    minutes_services.item_minutes_save(actor=secretary, item=item, discussion="<p>Noted.</p>")
    action_services.action_raise(
        actor=secretary, item=item, title="Report back", lead=secretary, ongoing=True
    )
    day = "/boards/ics-board/meetings/2022-06-01/"
    minutes = text_of(client_as("secretary").get(f"{day}minutes/"))
    assert "11/22. Finance Report" in minutes
    response = client_as("secretary").get(f"{day}minutes.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "11/22." in text
    log = text_of(client_as("secretary").get(f"{day}actions/"))
    assert "Raised at item 11/22, Finance Report" in log


SETTINGS = "/boards/ics-board/settings/"


def test_the_settings_screen_changes_the_numbering_of_draft_agendas(board, client_as):
    client = client_as("secretary")
    meeting = meeting_at(board, MARCH, actor=None)
    data = as_rendered(client.get(SETTINGS))
    assert data["item_reference_scheme"] == ItemReferenceScheme.MEETING
    assert data["minute_reference_scheme"] == MinuteReferenceScheme.SAME
    assert data["sub_item_style"] == SubItemStyle.DECIMAL
    data.update(
        item_reference_scheme=ItemReferenceScheme.FINANCIAL_YEAR,
        item_reference_prefix="GBP",
        sub_item_style=SubItemStyle.LETTER,
        minute_reference_scheme=MinuteReferenceScheme.YEARLY,
        minute_reference_prefix="ICPB",
    )
    assert client.post(SETTINGS, data).status_code == 302
    assert references(meeting)[0] == "GBP/2122/01"
    assert minute_references(meeting)[0] == "ICPB 22/01"
    sub = add_item(meeting, None, title="Part one", parent=meeting.items.get(number=1))
    assert sub.reference == "GBP/2122/01 a"
    page = client.get(SETTINGS)
    history = BoardSettings.history.count()
    assert client.post(SETTINGS, as_rendered(page)).status_code == 302
    assert BoardSettings.history.count() == history


def test_the_settings_screen_shows_a_refusal_on_the_setting(board, client_as):
    client = client_as("secretary")
    data = as_rendered(client.get(SETTINGS))
    data["minute_reference_scheme"] = MinuteReferenceScheme.YEARLY
    page = text_of(client.post(SETTINGS, data))
    assert "There is a problem" in page
    assert "Give a prefix of minute references" in page
    assert not BoardSettings.objects.filter(board=board).exists()
