"""The board pack parser against the real ICS Board pack of 2 December 2020 (seed 003).

Every expected value below was checked by reading the seed file. No database is needed.
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings

from icp_portal.demo.seeds.pack import BoardPack, CoverSheet, read_board_pack

SEED = Path(settings.SEEDS_DIR) / "003_66cc8fc6162838c4.txt"

if not SEED.exists():
    pytest.skip(f"seed board pack {SEED} is not available", allow_module_level=True)


@pytest.fixture(scope="module")
def pack() -> BoardPack:
    return read_board_pack(SEED)


def sheet_for(pack: BoardPack, number: int) -> CoverSheet:
    return next(sheet for sheet in pack.cover_sheets if sheet.agenda_item == number)


# The meeting ---------------------------------------------------------------------------------


def test_meeting_details(pack):
    assert pack.board_name == "ICS Board"
    assert pack.meeting_date == datetime.date(2020, 12, 2)
    assert pack.starts_at == datetime.time(10, 0)
    assert pack.ends_at == datetime.time(12, 0)
    assert pack.location == "MS Teams Teleconference"


def test_next_meeting(pack):
    assert pack.next_meeting_date == datetime.date(2021, 1, 13)
    assert pack.next_meeting_text == "13 January 2021 – 10.00-12.00 noon, MS Teams Teleconference"


def test_reads_a_path_given_as_a_string():
    assert read_board_pack(str(SEED)).meeting_date == datetime.date(2020, 12, 2)


# The agenda ----------------------------------------------------------------------------------


def test_agenda_sections_in_order(pack):
    assert [(s.title, [i.number for i in s.items]) for s in pack.sections] == [
        ("Routine Items of Business", [1, 2, 3, 4]),
        ("Sustainability", [5, 6]),
        ("Building the Future System", [7, 8, 9]),
        ("Performance and Outcomes", [10]),
        ("For Information", [11, 12, 13]),
        ("Any Other Business", [14, 15]),
    ]


def test_agenda_has_fifteen_items_numbered_in_order(pack):
    numbers = [item.number for section in pack.sections for item in section.items]
    assert numbers == list(range(1, 16))


def test_agenda_line_as_written(pack):
    items = {item.number: item for section in pack.sections for item in section.items}
    core_narrative = items[8]
    assert core_narrative.title == "ICP Core Narrative"
    assert core_narrative.owner == "Geoff Joliffe"
    assert core_narrative.action == "Approve"
    assert core_narrative.format == "To follow"
    assert items[1].title == "Welcome, Introductions and Apologies"
    assert items[1].owner == "Chair"
    assert items[5].owner == "Gary Raphael/Carl Ashworth"
    assert items[6].format == "Presentation"
    assert items[14].owner == "All"


def test_agenda_formats_and_actions_are_the_written_words(pack):
    items = [item for section in pack.sections for item in section.items]
    assert {item.format for item in items} == {"Verbal", "Attached", "Presentation", "To follow"}
    assert {item.action for item in items} == {"Note", "Approve"}


# Cover sheets: which there are ---------------------------------------------------------------


def test_cover_sheets_found_in_file_order(pack):
    assert [sheet.agenda_item for sheet in pack.cover_sheets] == [5, 7, 8, 9, 10, 12]


def test_confidential_flags(pack):
    assert {s.agenda_item: s.confidential for s in pack.cover_sheets} == {
        5: False,
        7: False,
        8: False,
        9: True,
        10: False,
        12: True,
    }


def test_every_sheet_has_title_presenter_and_body(pack):
    for sheet in pack.cover_sheets:
        assert sheet.title, sheet
        assert sheet.presented_by, sheet
        assert len(sheet.body) >= 5, sheet.title


def test_only_the_headerless_sheet_takes_details_from_the_agenda(pack):
    assert [s.agenda_item for s in pack.cover_sheets if s.details_from_agenda] == [8]


# Cover sheets: their fields ------------------------------------------------------------------


def test_item_5_sheet(pack):
    sheet = sheet_for(pack, 5)
    assert sheet.date_text == "2nd December 2020"
    assert sheet.title == "Conclusion of the phase 3 planning process"
    assert sheet.presented_by == "Gary Raphael"
    assert sheet.authors == "Gary Raphael"
    assert sheet.contributors == ""
    assert sheet.confidential is False
    assert sheet.purpose.startswith("To apprise the Board")
    assert sheet.executive_summary.startswith("The paper reports on the conclusion")
    assert sheet.recommendations.startswith("The ICS Board is asked to endorse")
    assert sheet.conflicts_of_interest == "None identified."


def test_item_5_forum_row_is_kept_glued_as_written(pack):
    [forum] = sheet_for(pack, 5).forums
    assert forum.meeting == "FAC SLE"
    assert forum.date == "13/11/20 18/11/20"
    assert forum.outcome.startswith("Approach agreed for reporting to SLE")


def test_item_5_checkboxes(pack):
    sheet = sheet_for(pack, 5)
    assert sheet.quality_impact == "n/a"
    assert sheet.equality_impact == "n/a"
    assert sheet.privacy_impact == "n/a"
    assert sheet.financial_impact == "yes"
    # Both Yes and N/A are ticked in the file; the first ticked box wins.
    assert sheet.associated_risks == "yes"
    assert sheet.on_risk_register == "no"
    # The box holds only the form's instruction text.
    assert sheet.risk_description == ""


def test_item_7_sheet_with_three_column_table(pack):
    sheet = sheet_for(pack, 7)
    assert sheet.title == "Clinical Strategy - Update"
    assert sheet.date_text == "02.12.2020"
    assert sheet.presented_by == "Andy Curran, ICS Exec Medical Director"
    assert sheet.purpose == "For information"
    assert sheet.recommendations.startswith("For the Board to; 1. note the progress made,")
    # Its Meeting/Date/Outcome rows are all blank and its conflicts box is empty.
    assert sheet.forums == []
    assert sheet.conflicts_of_interest == ""
    assert sheet.quality_impact == "no"
    assert sheet.financial_impact == "no"
    assert sheet.on_risk_register == "n/a"


def test_item_8_sheet_written_as_plain_lines(pack):
    sheet = sheet_for(pack, 8)
    assert sheet.title == "ICP Core Narrative"
    assert sheet.presented_by == "Geoff Joliffe"
    assert sheet.date_text == ""
    assert sheet.executive_summary.startswith("Closer working between the NHS")
    assert "Step 1 – Common ICP Strategic Narrative" in sheet.executive_summary
    assert sheet.recommendations.startswith("The ICS Board is asked to: Approve the common ICP")
    assert [f.meeting for f in sheet.forums] == [
        "ICS Board",
        "System Leadership Executive",
        "ICP Development Advisory Group",
        "Various groups within individual ICPs and across sectors within the ICS",
    ]
    assert sheet.forums[0].date == "04.11.20"
    assert sheet.conflicts_of_interest.startswith("All partner organisations have an interest")
    assert sheet.quality_impact == sheet.associated_risks == sheet.on_risk_register == "n/a"
    assert sheet.risk_description == ""


def test_item_9_sheet(pack):
    sheet = sheet_for(pack, 9)
    assert sheet.confidential is True
    assert sheet.date_text == "December 2020"
    assert sheet.title.startswith("Lancashire & South Cumbria ICS System Assurance Framework")
    assert sheet.authors == "Emily Kruger Collier"
    assert sheet.contributors == "Ann Highton"
    assert sheet.purpose == "For discussion and endorsement"
    assert sheet.recommendations.startswith("1. For the ICS Board to support and engage")
    assert [(f.meeting, f.date) for f in sheet.forums] == [("ICS Executive Team", "09/11/20")]
    assert sheet.conflicts_of_interest == "NA"
    assert sheet.on_risk_register == "no"


def test_item_10_sheet_keeps_a_real_risk_description(pack):
    sheet = sheet_for(pack, 10)
    assert sheet.title == "ICS Finance Report"
    assert sheet.authors == "Elaine Collier, ICS Head of Finance"
    assert sheet.purpose == "For noting."
    # "None" in the Meeting column means no forum, not a forum called None.
    assert sheet.forums == []
    assert sheet.conflicts_of_interest == "Not applicable"
    assert (sheet.financial_impact, sheet.associated_risks) == ("yes", "yes")
    assert sheet.risk_description == "They are detailed in this report"


def test_item_12_sheet_split_across_a_page_break(pack):
    sheet = sheet_for(pack, 12)
    assert sheet.confidential is True
    assert sheet.date_text == "2 nd December 2020"
    assert sheet.title == "ICS Programme Executive Summary Report"
    assert sheet.presented_by == "Talib Yaseen – ICS Executive Director of Transformation"
    assert sheet.recommendations == "None but to note the current position."
    assert [(f.meeting, f.date) for f in sheet.forums] == [("SLE", "Nov-2020")]
    assert sheet.conflicts_of_interest == ""
    # "Financial Impact Assessment" ends one table; "Completed" and the rest start the next.
    assert sheet.financial_impact == "n/a"
    assert sheet.associated_risks == "n/a"
    assert sheet.on_risk_register == "n/a"


# Text is plain -------------------------------------------------------------------------------


def test_sheet_text_has_no_markup(pack):
    for sheet in pack.cover_sheets:
        for value in (sheet.purpose, sheet.executive_summary, sheet.recommendations):
            assert "<" not in value and "**" not in value, sheet.title
            assert value == " ".join(value.split()), sheet.title


# Bodies --------------------------------------------------------------------------------------


def test_bodies_start_with_the_paper_not_the_cover_sheet(pack):
    first = {s.agenda_item: s.body[0] for s in pack.cover_sheets}
    assert first[5].text == "Conclusion of phase 3 planning process"
    assert first[7].text == "Clinical Strategy Update"
    assert (
        first[8].text == "Developing Integrated Care Partnerships in Lancashire and South Cumbria"
    )
    assert first[10].text == "Financial Report"
    assert all(block.kind == "heading" for block in first.values())


def test_bodies_never_hold_cover_sheet_rows(pack):
    for sheet in pack.cover_sheets:
        for block in sheet.body:
            texts = [block.text, *(cell for row in block.rows for cell in row)]
            assert not any("checkbox" in text or text == "Title of Paper" for text in texts)
            assert not any(text.startswith("Quality Impact Assessment") for text in texts)


def test_a_body_ends_before_the_next_sheet_and_its_page_header(pack):
    item_5, item_7 = sheet_for(pack, 5), sheet_for(pack, 7)
    assert [b.text for b in item_5.body[-3:]] == [
        "Gary Raphael",
        "ICS Finance Lead",
        "24th November 2020",
    ]
    # The headerless item 8 sheet starts after item 7's sign-off.
    assert [b.text for b in item_7.body[-2:]] == ["Andy Curran", "24th November 2020"]


def test_the_last_body_runs_to_the_end_of_the_file(pack):
    glossary = sheet_for(pack, 12).body[-1]
    assert glossary.kind == "table"
    assert glossary.rows[0] == ["BAME", "Black, Asian and Minority Ethnic"]
    assert glossary.rows[-1] == ["VCFE", "Voluntary, Community & Faith Sector"]


def test_body_tables_have_header_first_and_no_separators(pack):
    table = next(b for b in sheet_for(pack, 5).body if b.kind == "table")
    assert table.rows[0] == ["ORGANISATION", "£m"]
    assert table.rows[1] == ["Blackpool Teaching Hospital", "(20.6)"]
    assert table.rows[-1] == ["TOTAL", "(90.8)"]
    assert len(table.rows) == 18
    assert not any(set(cell) <= {"-", ":"} and cell for row in table.rows for cell in row)


def test_some_body_has_a_table_of_more_than_two_rows(pack):
    tables = [b for s in pack.cover_sheets for b in s.body if b.kind == "table"]
    assert any(len(table.rows) > 2 for table in tables)


def test_body_block_kinds_and_text(pack):
    body = sheet_for(pack, 7).body
    kinds = {block.kind for block in body}
    assert kinds <= {"heading", "paragraph", "list_item", "table"}
    assert {"heading", "paragraph", "list_item"} <= kinds
    assert "1 Background" in [b.text for b in body if b.kind == "heading"]
    # List markers are stripped; the list item keeps its own numbering.
    first_item = next(b for b in body if b.kind == "list_item")
    assert first_item.text.startswith("1.1 At the previous Board Meeting")
    for block in body:
        if block.kind != "table":
            assert block.text and "**" not in block.text and not block.text.startswith("- ")


def test_bold_heading_loses_its_markers(pack):
    headings = [b.text for b in sheet_for(pack, 7).body if b.kind == "heading"]
    assert "5. Conclusions" in headings


def test_sentence_cut_by_a_page_break_is_one_paragraph(pack):
    paragraph = next(b for b in sheet_for(pack, 5).body if b.text.startswith("5. SLE noted"))
    assert "best option for the system, given that CCG overspends" in paragraph.text
