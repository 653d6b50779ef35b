"""The minutes parser against the minutes of 4 November 2020 in the ICS Board pack (seed 003).

Every expected value below was checked by reading the seed file. No database is needed.
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings

from icp_portal.demo.data.november import NOVEMBER_TITLES
from icp_portal.demo.seeds.minutes import ItemNote, SeedMinutes, raised_on, read_minutes
from meetings.models import Outcome

SEED = Path(settings.SEEDS_DIR) / "003_66cc8fc6162838c4.txt"

if not SEED.exists():
    pytest.skip(f"seed board pack {SEED} is not available", allow_module_level=True)


@pytest.fixture(scope="module")
def minutes() -> SeedMinutes:
    return read_minutes(SEED, NOVEMBER_TITLES)


def note(minutes: SeedMinutes, number: int) -> ItemNote:
    return minutes.items[number]


def words(item: ItemNote) -> str:
    return " ".join(p.text or " ".join(p.items) for p in item.discussion)


# Attendance ----------------------------------------------------------------------------------


def test_attendance_rows_keep_their_headings_across_the_page_break(minutes):
    rows = {row.name: row for row in minutes.attendance}
    assert len(minutes.attendance) == 30
    assert (rows["David Flory"].heading, rows["David Flory"].job_title) == ("", "Independent Chair")
    assert rows["Dr Amanda Doyle"].heading == ""
    assert rows["Gary Raphael"].heading == "ICS Executive Directors"
    assert rows["Graham Burgess"].heading == "ICP Leads"
    assert rows["Isla Wilson"].heading == "ICS Non-Executive Lay Members"
    assert rows["Peter Armer"].heading == "VCFS Representatives"
    # Shaun Turner's row is on the next page, under the heading at the foot of the last one.
    assert rows["Shaun Turner"].heading == "Local Authority Councillor Representatives"
    assert rows["Professor Ebrahim Adia"].heading == "In Attendance"
    assert "ICS BOARD" not in rows


def test_headings_count_what_the_table_lists(minutes):
    headings = [row.heading for row in minutes.attendance]
    assert headings.count("In Attendance") == 9
    assert len(headings) - headings.count("In Attendance") == 21


def test_deputies_are_read_with_the_member_they_attend_for(minutes):
    deputies = {row.name: row.on_behalf_of for row in minutes.attendance if row.on_behalf_of}
    assert deputies == {"Jerry Hawker": "Sue Smith", "John Bannister": "Jacqui Hanson"}
    hawker = next(row for row in minutes.attendance if row.name == "Jerry Hawker")
    assert hawker.organisation == "University Hospitals of Morecambe Bay NHS Foundation Trust"


def test_apologies_come_from_the_welcome_item(minutes):
    assert minutes.apologies == ["Jacqui Hanson", "Sue Smith", "Neil Japp"]


# Item notes ----------------------------------------------------------------------------------


def test_fifteen_items_each_titled_as_the_agenda_has_them(minutes):
    assert sorted(minutes.items) == list(range(1, 16))
    for number, title in NOVEMBER_TITLES.items():
        assert note(minutes, number).title.startswith(title), number


def test_titles_run_into_the_first_sentence_are_split_off(minutes):
    welcome = note(minutes, 1)
    assert welcome.title == "Welcome, Introductions and Apologies"
    assert welcome.discussion[0].text == "David Flory welcomed everyone to the meeting."
    assert note(minutes, 3).title == (
        "Minutes from Previous Meeting and Matters Arising – 4 November 2020"
    )
    assert note(minutes, 3).discussion[0].text.startswith("The minutes of the previous meeting")
    assert note(minutes, 12).title == "Provider Collaboration Board"
    assert words(note(minutes, 12)) == "No items to note"
    cell_logs = note(minutes, 14)
    assert cell_logs.title == "COVID-19 Cell Logs a. Hospital b. Out of Hospital c. Joint Cell Logs"
    assert words(cell_logs).startswith("COVID-19 logs were shared")
    aob = note(minutes, 15)
    assert aob.title == "Any Other Business (AOB)"
    assert words(aob) == "There were no other items of business."


def test_a_title_paragraph_is_kept_whole(minutes):
    assert note(minutes, 7).title.endswith(
        "within the Lancashire and South Cumbria Integrated Care System"
    )
    assert note(minutes, 10).title == "Finance Reports a) Finance b) Capital"
    assert note(minutes, 4).title == "Key Updates/Messages"


def test_without_agenda_titles_a_short_first_paragraph_is_the_title():
    minutes = read_minutes(SEED)
    assert minutes.items[6].title == "Clinical Strategy"
    assert minutes.items[1].title == ""  # run into its first sentence: nothing to split on
    assert minutes.items[1].discussion[0].text.startswith("Welcome, Introductions")


def test_notes_cut_by_page_breaks_are_joined_back(minutes):
    key_messages = note(minutes, 4).discussion
    assert len(key_messages) == 4
    assert "the ICS Clinical Strategy. The oversight" in key_messages[0].text
    assert any("the system has performed to date" in p.text for p in note(minutes, 5).discussion)
    # Item 11's title row and the note on the next page stay apart.
    assert note(minutes, 11).title == "Health Equality Project"
    assert note(minutes, 11).discussion == []


def test_lists_keep_their_entries(minutes):
    lists = [p for p in note(minutes, 7).discussion if p.kind == "list"]
    assert len(lists) == 1
    assert len(lists[0].items) == 3
    assert lists[0].items[0].startswith("Formal approval is now sought")


def test_resolved_paragraphs_become_resolutions_with_their_outcome(minutes):
    strategy = note(minutes, 6).resolutions
    assert [line.outcome for line in strategy] == [Outcome.ENDORSED]
    assert strategy[0].text.startswith("The Board endorsed all the recommendations")
    assert strategy[0].text.endswith("will not align with every individual clinical priority.")
    assert not any(p.text.startswith("Resolved") for p in note(minutes, 6).discussion)


def test_a_resolution_of_several_decisions_is_split_one_per_decision(minutes):
    narrative = note(minutes, 7).resolutions
    assert [line.outcome for line in narrative] == [
        Outcome.NOT_APPROVED,
        Outcome.APPROVED,
        Outcome.APPROVED,
    ]
    assert "does not approve the strategic narrative as it stands." in narrative[0].text
    assert narrative[1].text == "The Board approves the move to step 2."


def test_the_deferred_item_resolves_to_defer(minutes):
    governance = note(minutes, 9)
    assert governance.title == "ICS Governance"
    assert [line.outcome for line in governance.resolutions] == [Outcome.DEFERRED]
    assert governance.discussion == []


def test_what_was_noted(minutes):
    assert note(minutes, 11).noted == [
        "Paper noted with option to bring back to future meeting if required."
    ]
    assert note(minutes, 13).noted == note(minutes, 11).noted
    assert note(minutes, 14).noted[0].startswith("Papers were noted")
    phase3 = note(minutes, 5).noted
    assert phase3[0] == "The ICS Board noted:"
    assert len(phase3) == 4 and all(line.startswith("• ") for line in phase3[1:])
    assert note(minutes, 8).noted[0].startswith("The ICS Board noted the paper")
    assert note(minutes, 3).noted[-1].endswith("(NOTED)")
    # A remark reported in the discussion is not something the board noted.
    assert any("It was noted that" in p.text for p in note(minutes, 7).discussion)
    assert note(minutes, 7).noted == []


def test_every_outcome_is_one_the_minutes_know(minutes):
    outcomes = {line.outcome for item in minutes.items.values() for line in item.resolutions}
    assert outcomes <= set(Outcome.values)


# The matters arising log ---------------------------------------------------------------------


def test_five_actions_with_codes_leads_and_statuses(minutes):
    assert [(a.code, a.lead, a.status) for a in minutes.actions] == [
        ("ICSB200304-02", "Talib Yaseen", "In progress"),
        ("ICSB200304-04", "Talib Yaseen", "In progress"),
        ("ICSB200902-01", "Kevin McGee", "In progress"),
        ("ICSB2200915", "Talib Yaseen", "In progress"),
        ("ICSB2200916", "Mark Hindle", "In progress"),
    ]


def test_due_dates_are_read(minutes):
    dues = {a.code: (a.due_on, a.due_month, a.ongoing) for a in minutes.actions}
    assert dues["ICSB200304-02"] == (None, datetime.date(2021, 1, 1), False)
    assert dues["ICSB200304-04"] == (datetime.date(2021, 1, 13), None, False)
    assert dues["ICSB200902-01"] == (datetime.date(2020, 12, 2), None, False)
    assert dues["ICSB2200915"] == (None, None, True)


def test_progress_updates_leave_out_the_repeated_title(minutes):
    progress = {a.code: a.progress for a in minutes.actions}
    assert len(progress["ICSB200304-02"]) == 1
    assert progress["ICSB200304-02"][0].startswith("The strategy delivery plan needs to align")
    assert progress["ICSB200304-04"] == [
        "In progress. – Review of Governance arrangements ongoing."
    ]
    assert progress["ICSB200902-01"] == ["In progress"]
    assert progress["ICSB2200916"] == []


def test_codes_name_the_meeting_they_were_raised_at():
    assert raised_on("ICSB200304-02") == datetime.date(2020, 3, 4)
    assert raised_on("ICSB200902-01") == datetime.date(2020, 9, 2)
    assert raised_on("ICSB2200915") is None
    assert raised_on("ICSB201332-01") is None


def test_a_pack_without_minutes_is_refused(tmp_path):
    empty = tmp_path / "pack.txt"
    empty.write_text("Formal ICS Board Agenda\n", encoding="utf-8")
    with pytest.raises(ValueError):
        read_minutes(empty)
