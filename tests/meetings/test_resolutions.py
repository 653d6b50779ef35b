"""Resolutions as the minutes record them: proposer and seconder, the votes when counted,
the outcome in the board's own words, and the membership change a resolution makes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.models import (
    AttendanceKind,
    BoardSettings,
    ItemMinute,
    Outcome,
    Resolution,
)
from meetings.services import attendance as at_meeting
from meetings.services import minutes as minutes_services
from meetings.services import publication as publication_services
from meetings.services.minutes import ResolutionText
from partners.models import Role
from tests.as_rendered import as_rendered
from tests.conftest import seat, text_of
from tests.factories import BoardFactory, UserFactory
from tests.meetings.conftest import add_item

pytestmark = pytest.mark.django_db

IN_GOOD_TIME = timezone.make_aware(datetime.datetime(2020, 11, 20, 9))


@pytest.fixture
def held(meeting, secretary, member, chair):
    add_item(meeting, secretary, title="Capital plan", format="verbal")
    publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    at_meeting.attendance_prefill(actor=secretary, meeting=meeting)
    return meeting


@pytest.fixture
def plan(held):
    return held.items.get(title="Capital plan")


def url(meeting, tail):
    return f"/boards/{meeting.board.slug}/meetings/{meeting.date}/{tail}"


def minute_form(client, meeting, item):
    return url(meeting, f"items/{item.pk}/minutes/")


def posted(data, **resolution):
    """The form as rendered, with its first resolution filled in."""
    data = dict(data)
    for name, value in resolution.items():
        data[f"resolutions-0-{name}"] = value
    return data


def row(meeting, person):
    return meeting.attendance.get(person=person)


def test_a_resolution_records_who_proposed_and_seconded_it_and_the_votes(
    held, plan, secretary, member, chair, board, client_as
):
    appointed = seat(board, UserFactory(full_name="Gary Raphael"), Role.MEMBER)
    client = client_as("secretary")
    page = client.get(minute_form(client, held, plan))
    data = posted(
        as_rendered(page),
        text="The Board approved the capital plan.",
        outcome=Outcome.APPROVED,
        proposer=row(held, member).pk,
        seconder=row(held, chair).pk,
        votes_for="6",
        votes_against="1",
        abstentions="0",
        membership_change=appointed.pk,
    )
    assert client.post(minute_form(client, held, plan), data).status_code == 302
    resolution = Resolution.objects.get()
    assert (resolution.proposer.person, resolution.seconder.person) == (member, chair)
    assert (resolution.votes_for, resolution.votes_against, resolution.abstentions) == (6, 1, 0)
    assert resolution.membership_change == appointed
    minutes = text_of(client_as("member").get(url(held, "minutes/")))
    assert "Proposed by Amanda Doyle, seconded by David Flory." in minutes
    assert "Votes: 6 for, 1 against, 0 abstaining." in minutes
    assert "Membership: Gary Raphael, member from 1 April 2020." in minutes

    from tests.meetings.test_minutes_pages import pdf_text

    pdf = " ".join(pdf_text(client_as("member").get(url(held, "minutes.pdf"))).split())
    assert "Proposed by Amanda Doyle, seconded by David Flory." in pdf
    assert "6 for, 1 against, 0 abstaining" in pdf


def test_votes_not_counted_are_not_shown(held, plan, secretary):
    minutes_services.item_minutes_save(
        actor=secretary,
        item=plan,
        resolutions=[ResolutionText("The Board noted the plan.", Outcome.NOTED)],
    )
    resolution = Resolution.objects.get()
    assert resolution.votes_recorded is False
    assert resolution.proposer is None


def test_the_minute_form_posts_back_unchanged_and_changes_nothing(
    held, plan, secretary, member, chair, client_as
):
    minutes_services.item_minutes_save(
        actor=secretary,
        item=plan,
        discussion="<p>Discussed.</p>",
        resolutions=[
            ResolutionText(
                "The Board approved the capital plan.",
                Outcome.APPROVED,
                proposer=row(held, member),
                seconder=row(held, chair),
                votes_for=5,
                abstentions=2,
            )
        ],
    )
    before = Resolution.objects.values().get()
    client = client_as("secretary")
    page = client.get(minute_form(client, held, plan))
    assert client.post(minute_form(client, held, plan), as_rendered(page)).status_code == 302
    after = Resolution.objects.values().get()
    del before["id"], after["id"]  # resolutions are written afresh, with the same values
    assert after == before


def refusal(call):
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def save(held, plan, secretary, **details):
    return lambda: minutes_services.item_minutes_save(
        actor=secretary,
        item=plan,
        discussion="<p>Should not be saved.</p>",
        resolutions=[ResolutionText("The Board approved the plan.", Outcome.APPROVED, **details)],
    )


def test_a_proposer_not_in_attendance_is_refused(held, plan, secretary, member):
    absent = at_meeting.attendance_record(
        actor=secretary, meeting=held, person=member, kind=AttendanceKind.APOLOGIES
    )
    refused = refusal(save(held, plan, secretary, proposer=absent))
    assert "the proposer must be in attendance at the meeting" in refused["proposer"][0]
    assert not ItemMinute.objects.exists() and not Resolution.objects.exists()


def test_a_seconder_from_another_meeting_is_refused(held, plan, secretary, board, member):
    from tests.factories import meeting_at

    other = meeting_at(board, datetime.date(2021, 3, 3), actor=secretary)
    at_meeting.attendance_prefill(actor=secretary, meeting=other)
    elsewhere = other.attendance.get(person=member)
    refused = refusal(save(held, plan, secretary, seconder=elsewhere))
    assert "the seconder must be in attendance at the meeting" in refused["seconder"][0]


def test_the_proposer_cannot_second_their_own_resolution(held, plan, secretary, member):
    proposer = row(held, member)
    refused = refusal(save(held, plan, secretary, proposer=proposer, seconder=proposer))
    assert "the seconder must be someone other than the proposer" in refused["seconder"][0]
    assert not Resolution.objects.exists()


@pytest.mark.parametrize("field", ["votes_for", "votes_against", "abstentions"])
def test_negative_votes_are_refused(held, plan, secretary, field):
    refused = refusal(save(held, plan, secretary, **{field: -1}))
    assert "cannot be negative" in refused[field][0]
    assert not ItemMinute.objects.exists() and not Resolution.objects.exists()


def test_a_membership_of_another_board_is_refused(held, plan, secretary):
    elsewhere = seat(BoardFactory(), UserFactory(), Role.MEMBER)
    refused = refusal(save(held, plan, secretary, membership_change=elsewhere))
    assert "a membership of this board" in refused["membership_change"][0]


def test_the_page_says_what_is_wrong_and_saves_nothing(held, plan, member, client_as):
    client = client_as("secretary")
    page = client.get(minute_form(client, held, plan))
    data = posted(
        as_rendered(page),
        text="The Board approved the capital plan.",
        outcome=Outcome.APPROVED,
        proposer=row(held, member).pk,
        seconder=row(held, member).pk,
        votes_against="-2",
    )
    response = client.post(minute_form(client, held, plan), data)
    assert response.status_code == 200
    assert "the seconder must be someone other than the proposer" in text_of(response)
    assert not Resolution.objects.exists() and not ItemMinute.objects.exists()


def test_the_board_adds_outcomes_in_its_own_words(held, plan, secretary, board, client_as):
    client = client_as("secretary")
    settings_url = f"/boards/{board.slug}/settings/"
    # Posted back unchanged, the settings change nothing.
    assert client.post(settings_url, as_rendered(client.get(settings_url))).status_code == 302
    assert not BoardSettings.history.filter(board=board).exists()
    data = as_rendered(client.get(settings_url))
    data["extra_outcomes"] = "Recommended to the partners\n\nSupported in principle\n"
    assert client.post(settings_url, data).status_code == 302
    assert BoardSettings.objects.get(board=board).outcomes == [
        "Recommended to the partners",
        "Supported in principle",
    ]
    page = client.get(minute_form(client, held, plan))
    assert "Recommended to the partners" in text_of(page)
    data = posted(
        as_rendered(page),
        text="The Board recommends the plan to the partners.",
        outcome="Recommended to the partners",
    )
    assert client.post(minute_form(client, held, plan), data).status_code == 302
    assert Resolution.objects.get().get_outcome_display() == "Recommended to the partners"
    assert "Recommended to the partners" in text_of(client_as("member").get(url(held, "minutes/")))


def test_an_outcome_the_board_does_not_use_is_refused(held, plan, secretary):
    refused = refusal(
        lambda: minutes_services.item_minutes_save(
            actor=secretary,
            item=plan,
            resolutions=[ResolutionText("The Board agreed.", "Waved through")],
        )
    )
    assert "choose an outcome" in refused["resolutions"][0]
