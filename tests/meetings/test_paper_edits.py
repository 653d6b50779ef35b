"""Changing papers: the publication checklist's wording, attached items with nothing to attach,
what a replaced PDF is logged as, and edits that would overwrite someone else's."""

import datetime
import html

import pytest
from django.utils import timezone

from meetings.models import Answer, ItemFormat, PackBuild, StandingKind
from meetings.selectors import publication as checklist
from meetings.services import papers as paper_services
from meetings.services import publication as publication_services
from tests.as_rendered import as_rendered
from tests.conftest import text_of
from tests.factories import UserFactory
from tests.meetings.conftest import add_item, add_paper, upload

pytestmark = pytest.mark.django_db

IN_GOOD_TIME = timezone.make_aware(datetime.datetime(2020, 11, 1, 9))


def problems_text(meeting):
    return [f"{problem.where}: {problem.what}" for problem in checklist.problems(meeting)]


def test_a_question_ending_with_a_question_mark_gets_no_full_stop_after_it(meeting, secretary):
    add_paper(add_item(meeting, secretary), secretary, on_risk_register="")
    [problem] = [p for p in problems_text(meeting) if "cover sheet" in p]
    assert problem.endswith("has no answer to: Are the associated risks on the risk register?")
    assert "?." not in problem


def test_the_minutes_item_marked_attached_with_no_minutes_to_attach_is_missing(meeting, secretary):
    minutes = meeting.items.get(standing=StandingKind.PREVIOUS_MINUTES)
    assert minutes.format == ItemFormat.ATTACHED
    # The board has met before, but no minutes of it are recorded: the pack has none to carry.
    assert problems_text(meeting) == [
        f"Item {minutes.reference}, {minutes.title}: marked Attached but has no paper. Add it, "
        "or mark the item 'To follow'."
    ]


def edit_url(paper):
    return f"/papers/{paper.pk}/edit/"


def reasons(meeting):
    return list(PackBuild.objects.filter(meeting=meeting).values_list("reason", flat=True))


def latest_reason(meeting):
    """What the latest pack build is for (a build still waiting takes in later reasons)."""
    return PackBuild.objects.filter(meeting=meeting).first().reason


def test_replacing_only_the_pdf_before_publication_is_no_cover_sheet_change_nor_supplement(
    meeting, secretary, client_as
):
    paper = add_paper(add_item(meeting, secretary), secretary)
    client = client_as("secretary")
    data = as_rendered(client.get(edit_url(paper))) | {"file-file": upload("v2.pdf")}
    assert client.post(edit_url(paper), data).status_code == 302
    assert paper.files.count() == 2
    assert not paper.history.filter(history_change_reason="Changed cover sheet").exists()
    assert reasons(meeting) == []


def test_replacing_the_pdf_after_publication_names_only_the_pdf(meeting, secretary, client_as):
    add_paper(meeting.items.get(standing=StandingKind.PREVIOUS_MINUTES), secretary)
    paper = add_paper(add_item(meeting, secretary), secretary)
    publication_services.meeting_publish_papers(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    client = client_as("secretary")
    data = as_rendered(client.get(edit_url(paper))) | {"file-file": upload("v2.pdf")}
    assert client.post(edit_url(paper), data).status_code == 302
    assert latest_reason(meeting) == (
        f"Papers published; Supplement: item {paper.item.reference} paper replaced"
    )
    assert not paper.history.filter(history_change_reason="Changed cover sheet").exists()


def test_a_cover_sheet_change_and_a_new_appendix_after_publication_are_both_named(
    meeting, secretary, client_as
):
    add_paper(meeting.items.get(standing=StandingKind.PREVIOUS_MINUTES), secretary)
    paper = add_paper(add_item(meeting, secretary), secretary)
    publication_services.meeting_publish_papers(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    client = client_as("secretary")
    data = as_rendered(client.get(edit_url(paper)))
    data |= {"recommendations": "Approve.", "file-slot": "1", "file-file": upload("app.pdf")}
    assert client.post(edit_url(paper), data).status_code == 302
    item = paper.item.reference
    assert latest_reason(meeting) == (
        f"Papers published; Supplement: item {item} appendix 1 added and cover sheet changed"
    )


def test_an_edit_saves_only_what_changed(meeting, secretary, client_as):
    paper = add_paper(add_item(meeting, secretary), secretary)
    client = client_as("secretary")
    data = as_rendered(client.get(edit_url(paper)))
    data["recommendations"] = "Approve the allocation."
    assert client.post(edit_url(paper), data).status_code == 302
    latest = paper.history.first()
    changed = {change.field for change in latest.diff_against(latest.prev_record).changes}
    assert changed == {"recommendations"}
    paper.refresh_from_db()
    assert paper.version == 2


def test_an_edit_made_on_a_stale_version_is_refused(meeting, secretary, client_as):
    paper = add_paper(add_item(meeting, secretary), secretary, financial_impact=Answer.NO)
    client = client_as("secretary")
    seen = as_rendered(client.get(edit_url(paper)))
    colleague = UserFactory(full_name="Gary Raphael")
    paper_services.paper_change(
        actor=colleague, paper=paper, financial_impact=Answer.YES, seen_version=paper.version
    )
    change = timezone.localtime(paper.history.first().history_date)

    seen["executive_summary"] = "A summary written on the old version."
    response = client.post(edit_url(paper), seen)
    assert response.status_code == 200
    assert (
        f"This paper was changed by Gary Raphael at {change:%H:%M on %-d %B %Y}; reload the page "
        "to see the change and make yours again."
    ) in html.unescape(text_of(response))
    paper.refresh_from_db()
    assert paper.financial_impact == Answer.YES
    assert paper.executive_summary != "A summary written on the old version."

    again = as_rendered(client.get(edit_url(paper)))
    again["executive_summary"] = "A summary written on the new version."
    assert client.post(edit_url(paper), again).status_code == 302
    paper.refresh_from_db()
    assert (paper.financial_impact, paper.version) == (Answer.YES, 3)
