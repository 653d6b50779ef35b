"""The secretary opens the December 2020 meeting and a minute of it in Chromium, saves each
as shown, then changes one thing: only that thing changes. axe checks the changed pages."""

import datetime

import pytest
from django.apps import apps
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_minutes_journey import follow, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DEC = "/boards/ics-board/meetings/2020-12-02/"
TYPED = "The Board **discussed** the plan.\n\n- estates\n- digital"


def december():
    from meetings.models import Meeting

    return Meeting.objects.get(board__slug="ics-board", date=datetime.date(2020, 12, 2))


def minute_with_a_resolution():
    """December's first item minuted with a list, bold and a resolution proposed and seconded
    by two members present, through the services the minutes page uses."""
    from meetings.models import Outcome
    from meetings.services import attendance as attendance_services
    from meetings.services import minutes as minutes_services
    from partners.models import User

    meeting = december()
    secretary = User.objects.get(full_name="Stephanie Betts")
    attendance_services.attendance_prefill(actor=secretary, meeting=meeting)
    proposer, seconder = meeting.attendance.order_by("pk")[:2]
    item = meeting.items.order_by("position").first()
    minutes_services.item_minutes_save(
        actor=secretary,
        item=item,
        discussion=TYPED,
        noted="Report noted.",
        resolutions=[
            minutes_services.ResolutionText(
                "The Board approved the plan.",
                Outcome.APPROVED,
                proposer=proposer,
                seconder=seconder,
                votes_for=6,
                votes_against=0,
                abstentions=1,
            )
        ],
    )
    return item


def histories():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.model_name.startswith("historical")
    }


def state(*rows):
    fresh = [type(row)._default_manager.get(pk=row.pk) for row in rows]
    # Every stored column, editable or not (model_to_dict would leave out the version).
    return [
        {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields} for row in fresh
    ]


def changed(before, after):
    """The fields whose values differ, per row."""
    return [{k for k in old if old[k] != new[k]} for old, new in zip(before, after, strict=True)]


def test_the_secretary_changes_only_what_they_change(demo, live_server, page):
    from meetings.models import ItemMinute

    base = live_server.url
    meeting = december()
    assert meeting.next_meeting_on == datetime.date(2021, 1, 13)
    item = minute_with_a_resolution()
    minute = ItemMinute.objects.get(item=item)
    resolution = item.resolutions.get()
    sign_in(page, base)

    # The meeting, saved as shown: the dates are shown, so nothing is lost or changed.
    page.goto(f"{base}{DEC}edit/")
    expect(page.get_by_label("Date", exact=True)).to_have_value("2020-12-02")
    before, recorded = state(meeting), histories()
    follow(page, page.get_by_role("button", name="Save changes"))
    page.wait_for_url(f"{base}{DEC}")
    assert state(meeting) == before
    assert histories() == recorded

    # Then the location only.
    page.goto(f"{base}{DEC}edit/")
    page.get_by_label("Location").fill("Council Chamber, County Hall, Preston")
    follow(page, page.get_by_role("button", name="Save changes"))
    page.wait_for_url(f"{base}{DEC}")
    assert changed(before, state(meeting)) == [{"location", "version"}]
    expect(page.get_by_text("Council Chamber, County Hall, Preston")).to_be_visible()
    assert_accessible(page)

    # The minute, saved as shown: the editor shows what was typed, not the stored HTML.
    editor = f"{base}{DEC}items/{item.pk}/minutes/"
    page.goto(editor)
    expect(page.get_by_label("Discussion")).to_have_value(TYPED)
    before, recorded = state(minute, resolution), histories()
    follow(page, page.get_by_role("button", name="Save the minute"))
    assert state(minute, resolution) == before
    assert histories() == recorded

    # Then one word of the discussion.
    page.goto(editor)
    page.get_by_label("Discussion").fill(TYPED.replace("the plan", "the estates plan"))
    follow(page, page.get_by_role("button", name="Save the minute"))
    assert changed(before, state(minute, resolution)) == [{"discussion"}, set()]
    expect(page.get_by_text("discussed the estates plan")).to_be_visible()
    assert_accessible(page)
    page.goto(editor)
    assert_accessible(page)
