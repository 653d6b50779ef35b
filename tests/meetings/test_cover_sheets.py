"""A board's own cover sheet: set on its settings screen (wording changed, a question not
asked, a question of its own that must be answered), then asked by the paper form, required
at publication, and shown in its wording and order on the paper page, the cover-sheet PDF
and the pack."""

import datetime
import html
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from meetings.models import (
    CoverSheetQuestion,
    Edition,
    MeetingStatus,
    Paper,
    QuestionKind,
    StandingKind,
)
from meetings.pdf import pack_parts
from meetings.services import publication as publication_services
from tests.as_rendered import as_rendered
from tests.conftest import text_of
from tests.meetings.conftest import add_item, add_paper

pytestmark = pytest.mark.django_db

URL = "/boards/ics-board/settings/cover-sheet/"
IN_GOOD_TIME = timezone.make_aware(datetime.datetime(2020, 11, 1, 9))
SENATE = "Has the clinical senate reviewed the paper?"


def row_of(data, key):
    """The prefix of the settings row for a question's key ("" for the first blank row)."""
    for name, value in data.items():
        if name.endswith("-key") and value == key:
            return name.removesuffix("key")
    raise AssertionError(f"no row for {key!r}")


def set_up_the_boards_cover_sheet(client):
    """Summary reworded, conflicts of interest not asked, the board's own question needed."""
    data = as_rendered(client.get(URL))
    data[row_of(data, "executive_summary") + "label"] = "Summary of the paper"
    conflicts = row_of(data, "conflicts_of_interest")
    del data[conflicts + "shown"]
    new = row_of(data, "")
    data |= {
        new + "label": SENATE,
        new + "hint": "Papers on service change go to the senate first.",
        new + "kind": QuestionKind.ANSWER,
        new + "required": "on",
        new + "position": "6",
    }
    response = client.post(URL, data)
    assert response.status_code == 302, text_of(response)


@pytest.fixture
def paper(meeting, secretary, client_as):
    set_up_the_boards_cover_sheet(client_as("secretary"))
    minutes = meeting.items.get(standing=StandingKind.PREVIOUS_MINUTES)
    add_paper(minutes, secretary, title="Minutes of 4 November 2020", answers={senate(): "n/a"})
    item = add_item(meeting, secretary, title="Clinical Strategy")
    return add_paper(item, secretary, title="Clinical Strategy", conflicts_of_interest="")


def senate():
    return CoverSheetQuestion.objects.get(label=SENATE)


def test_posting_the_default_cover_sheet_back_unchanged_saves_nothing(board, client_as):
    client = client_as("secretary")
    page = client.get(URL)
    assert "Executive summary (from the library)" in text_of(page)
    assert client.post(URL, as_rendered(page)).status_code == 302
    assert not CoverSheetQuestion.history.exists()


def test_the_settings_screen_saves_the_boards_cover_sheet_and_round_trips(board, client_as):
    client = client_as("secretary")
    set_up_the_boards_cover_sheet(client)
    saved = {q.library_key or q.label: q for q in CoverSheetQuestion.objects.filter(board=board)}
    assert set(saved) == {"executive_summary", "conflicts_of_interest", SENATE}
    assert saved["executive_summary"].label == "Summary of the paper"
    assert not saved["conflicts_of_interest"].shown
    assert (saved[SENATE].kind, saved[SENATE].required) == (QuestionKind.ANSWER, True)
    changes = CoverSheetQuestion.history.count()
    page = client.get(URL)
    assert client.post(URL, as_rendered(page)).status_code == 302
    assert CoverSheetQuestion.history.count() == changes


def test_a_question_not_asked_cannot_be_needed(board, client_as):
    client = client_as("secretary")
    data = as_rendered(client.get(URL))
    del data[row_of(data, "recommendations") + "shown"]
    response = client.post(URL, data)
    assert "Recommendations (from the library): A question that is not asked cannot be needed" in (
        text_of(response)
    )
    assert not CoverSheetQuestion.objects.exists()


def test_the_board_settings_link_to_the_cover_sheet(board, client_as):
    page = client_as("secretary").get("/boards/ics-board/settings/").content.decode()
    assert f'href="{URL}"' in page


def test_the_paper_form_asks_the_boards_questions_and_round_trips(paper, client_as):
    client = client_as("secretary")
    form = client.get(f"/papers/{paper.pk}/edit/")
    words = text_of(form)
    assert "Summary of the paper" in words and SENATE in words
    assert "Papers on service change go to the senate first." in words
    assert "Conflicts of interest identified" not in words
    assert words.index("Summary of the paper") < words.index(SENATE)
    history = paper.history.count()
    assert client.post(f"/papers/{paper.pk}/edit/", as_rendered(form)).status_code == 302
    paper.refresh_from_db()
    assert paper.history.count() == history and paper.version == 1
    assert not paper.cover_answers.exists()


def test_publication_needs_the_boards_own_question_answered(paper, meeting, secretary, client_as):
    publish = "/boards/ics-board/meetings/2020-12-02/publish/"
    response = client_as("secretary").post(publish, {"publish": "papers", "late_reason": "x"})
    refused = html.unescape(text_of(response))
    assert f"the cover sheet of 'Clinical Strategy' has no answer to: {SENATE}" in refused
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT

    client = client_as("secretary")
    data = as_rendered(client.get(f"/papers/{paper.pk}/edit/"))
    data[f"question_{senate().pk}"] = "yes"
    assert client.post(f"/papers/{paper.pk}/edit/", data).status_code == 302
    assert paper.cover_answers.get().value == "yes"
    publication_services.meeting_publish_papers(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PAPERS_PUBLISHED


def test_publication_asks_only_what_the_board_needs(paper, meeting, secretary):
    from meetings.services import cover_sheets, papers

    papers.paper_change(actor=secretary, paper=paper, recommendations="", answers={senate(): "no"})
    rows = [{"key": "recommendations", "label": "Recommendations", "required": False}]
    cover_sheets.cover_sheet_save(actor=secretary, board=meeting.board, rows=rows)
    publication_services.meeting_publish_papers(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    assert Paper.objects.get(pk=paper.pk).published_at is not None


def answered(paper, secretary):
    from meetings.services import papers

    papers.paper_change(actor=secretary, paper=paper, authors="", answers={senate(): "yes"})


def test_the_paper_page_shows_the_boards_questions_in_its_order(paper, secretary, client_as):
    answered(paper, secretary)
    words = text_of(client_as("secretary").get(f"/papers/{paper.pk}/"))
    assert f"{SENATE} Yes" in words
    assert words.index("Summary of the paper") < words.index(SENATE)
    assert "Conflicts of interest identified" not in words
    # Not stated: printed as nothing.
    assert "Author(s) Contributors" in words
    assert "None" not in words and "Not given" not in words
    assert "No other forums" not in words


def pdf_text(response):
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_cover_sheet_pdf_shows_the_boards_questions(paper, secretary, client_as):
    answered(paper, secretary)
    words = pdf_text(client_as("secretary").get(f"/papers/{paper.pk}/cover-sheet.pdf"))
    assert f"{SENATE} Yes" in words
    assert words.index("Summary of the paper") < words.index(SENATE)
    assert "Conflicts of interest identified" not in words
    assert "None" not in words and "Not given" not in words


def test_the_pack_shows_the_boards_questions(paper, meeting, secretary):
    answered(paper, secretary)
    publication_services.meeting_publish_papers(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    parts = {spec.key: spec for spec in pack_parts.plan(meeting, Edition.MEMBERS).parts}
    sheet = parts[f"paper-{paper.pk}"].html
    assert "Summary of the paper" in sheet and SENATE in sheet
    assert sheet.index("Summary of the paper") < sheet.index(SENATE)
    assert "Conflicts of interest identified" not in sheet


def test_a_board_that_set_nothing_keeps_todays_cover_sheet(meeting, secretary, client_as):
    item = add_item(meeting, secretary)
    paper = add_paper(item, secretary)
    words = text_of(client_as("secretary").get(f"/papers/{paper.pk}/"))
    for label in [
        "Purpose Approve",
        "Executive summary",
        "Other forums that have discussed this paper",
        "Conflicts of interest identified",
        "Are the associated risks on the risk register? No",
    ]:
        assert label in words
    assert "Level of assurance offered" not in words


def test_a_paper_with_forums_posted_back_unchanged_changes_nothing(meeting, secretary, client_as):
    from meetings.models import ForumDiscussion

    item = add_item(meeting, secretary)
    paper = add_paper(item, secretary, forums=[("SLE", "18 November 2020", "Endorsed")])
    client = client_as("secretary")
    form = client.get(f"/papers/{paper.pk}/edit/")
    assert 'type="checkbox" name="purposes" value="approve"' in form.content.decode()
    history = (paper.history.count(), ForumDiscussion.history.count())
    assert client.post(f"/papers/{paper.pk}/edit/", as_rendered(form)).status_code == 302
    assert (paper.history.count(), ForumDiscussion.history.count()) == history


def test_the_board_lists_its_strategic_objectives_and_papers_link_to_them(
    meeting, secretary, client_as
):
    client = client_as("secretary")
    data = as_rendered(client.get(URL))
    objectives = row_of(data, "strategic_objectives")
    data[objectives + "shown"] = "on"
    data[objectives + "options"] = "Safe, effective services\nSustainable workforce"
    assert client.post(URL, data).status_code == 302
    paper = add_paper(add_item(meeting, secretary), secretary)
    form = as_rendered(client.get(f"/papers/{paper.pk}/edit/"))
    form["strategic_objectives"] = "Sustainable workforce"
    form["purposes"] = ["approve", "assurance"]
    assert client.post(f"/papers/{paper.pk}/edit/", form).status_code == 302
    words = text_of(client.get(f"/papers/{paper.pk}/"))
    assert "Links to the board's strategic objectives Sustainable workforce" in html.unescape(words)
    assert "Purpose Approve, Assurance" in words
