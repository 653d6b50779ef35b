"""A ruling that a member should not receive an item's papers: the papers leave that member's
meeting page, paper page, downloads and pack (an edition of their own), and nobody else's."""

import io

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from meetings.models import ConflictFlag, Edition, Pack, PackBuild, Ruling, StandingKind
from meetings.selectors.agenda import WITHHELD_FROM_YOU
from meetings.services import publication as publication_services
from meetings.services import screening as services
from tests.conftest import signed_in_client, text_of
from tests.factories import UserFactory
from tests.meetings.conftest import IN_GOOD_TIME, add_item, add_paper
from tests.meetings.test_packs import build
from tests.partners.test_public_register import declared

pytestmark = pytest.mark.django_db

CONTRACT = "Pathology contract award"


@pytest.fixture
def contract(meeting, secretary, member, organisation):
    """An item presented from the member's own trust, its paper published, the member's
    directorship there found by the screening."""
    add_paper(meeting.items.get(standing=StandingKind.PREVIOUS_MINUTES), secretary)
    presenter = UserFactory(full_name="Petra Presenter", organisation=organisation)
    item = add_item(meeting, secretary, title="Pathology contract", presenters=[presenter])
    paper = add_paper(item, secretary, title=CONTRACT)
    strategy = add_item(meeting, secretary, title="Clinical Strategy")
    add_paper(strategy, secretary, title="Clinical strategy refresh")
    publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    publication_services.meeting_publish_papers(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    declared(member, "Director", organisation=organisation, organisation_name="")
    services.screening_run(actor=secretary, meeting=meeting)
    return paper


def withhold(chair, ruling=Ruling.LEAVES, withhold_papers=True):
    flag = ConflictFlag.objects.get()
    return services.flag_decide(
        actor=chair, flag=flag, accept=True, ruling=ruling, withhold_papers=withhold_papers
    )


def pack_text(client, meeting):
    response = client.get(f"{meeting.get_absolute_url()}pack.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    # Words as a reader meets them, whatever the lines they wrap over.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split()).lower()


def test_a_withheld_paper_leaves_the_members_page_downloads_and_pack_and_no_one_elses(
    contract, meeting, member, chair, secretary
):
    withhold(chair)
    assert build(meeting).status == "done"
    conflicted, other = signed_in_client(member), signed_in_client(chair)
    paper_url = f"/papers/{contract.pk}/"
    file_url = f"/papers/{contract.pk}/files/{contract.files.get().pk}/"

    page = text_of(conflicted.get(meeting.get_absolute_url()))
    assert CONTRACT not in page and WITHHELD_FROM_YOU in page
    assert "Clinical strategy refresh" in page  # only the item ruled on
    assert conflicted.get(paper_url).status_code == 404
    assert conflicted.get(file_url).status_code == 404
    mine = pack_text(conflicted, meeting)
    assert f"prepared for {member.full_name}".lower() in mine
    assert CONTRACT.lower() not in mine and WITHHELD_FROM_YOU.lower() in mine
    assert "clinical strategy refresh" in mine

    page = text_of(other.get(meeting.get_absolute_url()))
    assert CONTRACT in page and WITHHELD_FROM_YOU not in page
    assert other.get(paper_url).status_code == 200
    assert other.get(file_url).status_code == 200
    theirs = pack_text(other, meeting)
    assert CONTRACT.lower() in theirs and "prepared for" not in theirs
    # One edition of its own, for the member with the ruling only; the rest share theirs.
    assert list(Pack.objects.exclude(person=None).values_list("person", "edition")) == [
        (member.pk, Edition.MEMBERS)
    ]
    assert secretary.pk not in Pack.objects.values_list("person", flat=True)


def test_a_change_of_ruling_rebuilds_the_packs_and_the_member_shares_the_edition_again(
    contract, meeting, member, chair
):
    assert build(meeting).status == "done"
    withhold(chair)
    requested = PackBuild.objects.latest("requested_at")
    item = contract.item
    assert requested.reason == f"Papers of item {item.reference} withheld from {member.full_name}"
    build(meeting)
    assert Pack.objects.filter(person=member).count() == 1

    withhold(chair, ruling=Ruling.SPEAKS_NOT_VOTES, withhold_papers=False)
    assert "no longer withheld" in PackBuild.objects.latest("requested_at").reason
    build(meeting)
    client = signed_in_client(member)
    assert CONTRACT.lower() in pack_text(client, meeting)
    assert CONTRACT in text_of(client.get(meeting.get_absolute_url()))
    # Accepting the same ruling again asks for no build.
    builds = PackBuild.objects.count()
    withhold(chair, ruling=Ruling.SPEAKS_NOT_VOTES, withhold_papers=False)
    assert PackBuild.objects.count() == builds


def test_a_member_who_takes_part_receives_the_papers(contract, chair):
    with pytest.raises(ValidationError) as refused:
        withhold(chair, ruling=Ruling.TAKES_PART)
    assert "withhold_papers" in refused.value.message_dict
    assert not ConflictFlag.objects.get().withhold_papers


def test_the_chair_withholds_the_papers_on_the_screening_form_and_posting_it_again_changes_nothing(
    contract, meeting, chair, member
):
    client = signed_in_client(chair)
    reference = contract.item.reference
    url = f"{meeting.get_absolute_url()}screening/"

    def form():
        page = lxml.html.fromstring(client.get(url).content.decode())
        return page.xpath("//form[contains(@action, '/screening/') and .//select]")[0]

    shown = form()
    box = shown.xpath(".//input[@name='withhold_papers']")[0]
    assert box.get("checked") is None
    label = shown.xpath(f".//label[@for='{box.get('id')}']")[0].text_content()
    assert label == f"{member.full_name} should not receive the papers of item {reference}"
    posted = {"ruling": Ruling.LEAVES, "decision": "accept", "withhold_papers": "on"}
    client.post(shown.get("action"), posted)
    flag = ConflictFlag.objects.get()
    assert flag.withhold_papers and flag.ruling == Ruling.LEAVES

    again = form()
    assert again.xpath(".//input[@name='withhold_papers']/@checked")
    assert again.xpath(".//select[@name='ruling']/option[@selected]/@value") == [Ruling.LEAVES]
    client.post(again.get("action"), posted)
    flag.refresh_from_db()
    assert flag.withhold_papers and flag.history.count() == 3
    assert "the item's papers are withheld from" in text_of(client.get(url))
    # Unticked, a browser sends no value: the papers go to the member again.
    client.post(again.get("action"), {"ruling": Ruling.LEAVES, "decision": "accept"})
    flag.refresh_from_db()
    assert not flag.withhold_papers


def test_the_meeting_page_costs_a_member_the_same_with_rulings_or_without(
    contract, meeting, member, chair
):
    client = signed_in_client(member)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(meeting.get_absolute_url())
        return len(captured)

    without = queries()
    withhold(chair)
    assert queries() == without


def test_the_home_page_does_not_list_a_paper_withheld_from_the_reader(
    contract, meeting, member, chair, client_as
):
    withhold(chair)
    assert CONTRACT in text_of(client_as("anonymous").get("/"))
    assert CONTRACT not in text_of(signed_in_client(member).get("/"))
