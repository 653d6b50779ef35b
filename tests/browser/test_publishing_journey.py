"""The secretary plans, builds and publishes a meeting; a member of the public reads it.

axe checks every page type on the way, the public meeting and paper pages included.
"""

import datetime

import pytest
from django.utils import timezone

from meetings.models.publication import is_working_day
from tests.browser.conftest import assert_accessible
from tests.browser.test_minutes_journey import follow, sign_in
from tests.meetings.pdf_samples import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def a_working_day_weeks_ahead():
    day = timezone.localdate() + datetime.timedelta(days=40)
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def test_secretary_builds_and_publishes_an_agenda_the_public_then_reads(demo, live_server, page):
    base = live_server.url
    day = a_working_day_weeks_ahead()
    meeting_url = f"{base}/boards/ics-board/meetings/{day.isoformat()}/"

    sign_in(page, base)

    # Plan the meeting.
    page.goto(f"{base}/boards/ics-board/meetings/")
    follow(page, page.get_by_role("link", name="Plan a meeting"))
    assert_accessible(page)
    page.get_by_label("Date", exact=True).fill(day.isoformat())
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("12:00")
    page.get_by_label("Location").fill("County Hall, Preston")
    page.get_by_role("button", name="Plan the meeting").click()
    page.wait_for_url(f"{meeting_url}agenda/")
    assert_accessible(page)

    # A section and an item with a paper.
    page.get_by_label("Section title").fill("Sustainability")
    follow(page, page.get_by_role("button", name="Add the section"))
    follow(page, page.get_by_role("link", name="Add an item to Sustainability"))
    page.get_by_label("Title", exact=True).fill("Current Financial and Operational Overview")
    page.get_by_label("Action asked").select_option(label="Note")
    page.get_by_label("Format").select_option(label="Attached")
    page.get_by_label("Gary Raphael").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save the item").click()
    page.wait_for_url(f"{meeting_url}agenda/")
    assert page.get_by_text("Current Financial and Operational Overview", exact=True).is_visible()

    follow(page, page.get_by_role("link", name="Add a paper to item 5"))
    page.get_by_label("PDF file").set_input_files(
        files=[{"name": "overview.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(5)}]
    )
    page.get_by_label("Title of paper").fill("Conclusion of the phase 3 planning process")
    page.get_by_label("Presented by").fill("Gary Raphael")
    page.get_by_label("Approve", exact=True).check()
    page.get_by_label("Executive summary").fill("How growth funding is allocated.")
    page.get_by_label("Recommendations").fill("Endorse the allocation.")
    for label, answer in [
        ("Quality impact assessment completed", "N/A"),
        ("Equality impact assessment completed", "N/A"),
        ("Privacy impact assessment completed", "N/A"),
        ("Financial impact assessment completed", "Yes"),
        ("Associated risks", "Yes"),
        ("Are the associated risks on the risk register?", "No"),
    ]:
        page.get_by_label(label, exact=True).select_option(label=answer)
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Save the paper"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Conclusion of the phase 3 planning process"
    )

    # An item whose paper is still to come.
    page.goto(f"{meeting_url}agenda/")
    follow(page, page.get_by_role("link", name="Add an item to Sustainability"))
    page.get_by_label("Title", exact=True).fill("Health Equality Project")
    page.get_by_label("Action asked").select_option(label="Note")
    page.get_by_label("Format").select_option(label="Attached")
    page.get_by_role("button", name="Save the item").click()
    page.wait_for_url(f"{meeting_url}agenda/")

    # The checklist stops publication until the papers still missing are marked to follow:
    # the new item's, and the previous minutes, since the board's last meeting (December
    # 2020, which went ahead) has no minutes yet for the pack to attach.
    page.goto(f"{meeting_url}publish/")
    assert page.get_by_text("Health Equality Project: marked Attached").is_visible()
    assert page.get_by_text("Minutes of Previous Meeting and Actions: marked Attached").is_visible()
    assert_accessible(page)
    while page.get_by_role("link", name="Change the item").count():
        follow(page, page.get_by_role("link", name="Change the item").first)
        page.get_by_label("Format").select_option(label="To follow")
        follow(page, page.get_by_role("button", name="Save the item"))
        page.goto(f"{meeting_url}publish/")
    assert page.get_by_text("Nothing is missing").is_visible()
    page.get_by_role("button", name="Publish the agenda and papers").click()
    page.wait_for_url(meeting_url)
    assert page.get_by_text("The agenda and papers are published.").is_visible()

    # A member of the public.
    follow(page, page.get_by_role("button", name="Sign out"))
    page.goto(meeting_url)
    assert page.get_by_text("Current Financial and Operational Overview", exact=True).is_visible()
    assert page.get_by_text("Presented by Gary Raphael").is_visible()
    assert page.get_by_text("5 pages").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Cover sheet: Conclusion of the phase 3 planning process").click()
    # is_visible() does not wait: wait for the cover sheet page to have loaded.
    page.wait_for_url("**/papers/*/", wait_until="load")
    assert page.get_by_text("Financial impact assessment completed").is_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="The paper").click(modifiers=["Alt"])
    assert download.value.suggested_filename.endswith(".pdf")
