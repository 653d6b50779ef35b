"""Conflict screening before a meeting: who has an interest on the register in an organisation
an item names (a presenter's, or one a cover sheet names among its conflicts of interest);
the chair's and secretariat's decisions; an accepted ruling recorded as the declaration."""

import datetime

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import AttendanceKind, ConflictFlag, Ruling, ScreeningStatus
from meetings.selectors.screening import screening_candidates
from meetings.services import attendance as at_meeting
from meetings.services import publication as publication_services
from meetings.services import screening as services
from partners.models import InterestType, Precision, Role
from tests.conftest import seat, signed_in_client, text_of
from tests.factories import OrganisationFactory, UserFactory
from tests.meetings.conftest import IN_GOOD_TIME, add_item, add_paper
from tests.partners.test_public_register import declared

pytestmark = pytest.mark.django_db

BLACKPOOL = "Blackpool Teaching Hospitals NHS Foundation Trust"


@pytest.fixture
def screened(meeting, secretary, member, chair, board, organisation):
    """An agenda naming two organisations: the member's trust through the presenter of
    item 1, and Blackpool through the conflicts of interest on item 2's cover sheet."""
    presenter = UserFactory(full_name="Petra Presenter", organisation=organisation)
    add_item(meeting, secretary, title="Pathology contract", presenters=[presenter])
    strategy = add_item(meeting, secretary, title="Clinical Strategy")
    add_paper(strategy, secretary, conflicts_of_interest=f"Members from {BLACKPOOL}.")
    add_item(meeting, secretary, title="Finance Report", format="verbal")
    publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    at_meeting.attendance_prefill(actor=secretary, meeting=meeting)
    return meeting


def found(meeting):
    return sorted(
        (c.item.title, c.person.full_name, c.interest.description, c.suggested_ruling)
        for c in screening_candidates(meeting)
    )


def test_screening_finds_those_whose_entries_concern_an_organisation_the_item_names(
    screened, member, chair, secretary, organisation
):
    declared(member, "Director", organisation=organisation, organisation_name="")
    declared(chair, "Trustee", interest_type=InterestType.PROFESSIONAL, organisation_name=BLACKPOOL)
    # Not found: an entry waiting for review, one ended before the day, another organisation,
    # a guest who sent apologies. (Every member is screened: they all receive the papers.)
    declared(member, "Waiting", organisation=organisation, organisation_name="", accept=False)
    declared(
        chair,
        "Ended",
        organisation_name=BLACKPOOL,
        ends_on=datetime.date(2020, 6, 30),
        ends_precision=Precision.DAY,
    )
    declared(member, "Elsewhere", organisation_name="Lancashire Pathology Ltd")
    away = UserFactory(full_name="Alan Away")  # invited to attend
    at_meeting.attendance_record(
        actor=secretary, meeting=screened, person=away, kind=AttendanceKind.APOLOGIES
    )
    declared(away, "Shares", organisation=organisation, organisation_name="")

    assert found(screened) == [
        ("Clinical Strategy", chair.full_name, "Trustee", Ruling.SPEAKS_NOT_VOTES),
        ("Pathology contract", member.full_name, "Director", Ruling.LEAVES),
    ]
    (why,) = [c.because for c in screening_candidates(screened) if c.person == member]
    assert why == f"Petra Presenter, who presents the item, is from {organisation.name}"


def test_screening_again_keeps_decisions_and_drops_undecided_findings_that_no_longer_hold(
    screened, member, chair, secretary, organisation
):
    mine = declared(member, "Director", organisation=organisation, organisation_name="")
    theirs = declared(chair, "Trustee", organisation_name=BLACKPOOL)
    assert services.screening_run(actor=secretary, meeting=screened) == 2
    assert services.screening_run(actor=secretary, meeting=screened) == 0
    decided = ConflictFlag.objects.get(person=member)
    services.flag_decide(actor=chair, flag=decided, accept=True, ruling=Ruling.SPEAKS_NOT_VOTES)

    for interest in [mine, theirs]:
        interest.ends_on, interest.ends_precision = datetime.date(2020, 1, 31), Precision.DAY
        interest.save()
    services.screening_run(actor=secretary, meeting=screened)
    (kept,) = ConflictFlag.objects.all()
    assert (kept.person, kept.status, kept.ruling) == (
        member,
        ScreeningStatus.ACCEPTED,
        Ruling.SPEAKS_NOT_VOTES,
    )


def page_of(client, meeting):
    response = client.get(f"/boards/{meeting.board.slug}/meetings/{meeting.day}/screening/")
    assert response.status_code == 200
    return response, lxml.html.fromstring(response.content.decode())


def test_the_chair_accepts_the_suggested_ruling_by_posting_the_form_as_shown(
    screened, member, chair, secretary, organisation
):
    declared(member, "Director", organisation=organisation, organisation_name="")
    services.screening_run(actor=secretary, meeting=screened)
    flag = ConflictFlag.objects.get()
    client = signed_in_client(chair)

    _response, page = page_of(client, screened)
    form = page.xpath(f"//form[contains(@action, '/screening/{flag.pk}/')]")[0]
    selected = form.xpath(".//select[@name='ruling']/option[@selected]/@value")
    assert selected == [Ruling.LEAVES]  # the suggestion, chosen for the chair
    posted = {"csrfmiddlewaretoken": "x", "ruling": selected[0], "decision": "accept"}
    client.post(form.get("action"), posted)
    flag.refresh_from_db()
    assert (flag.status, flag.ruling, flag.decided_by) == (
        ScreeningStatus.ACCEPTED,
        Ruling.LEAVES,
        chair,
    )
    # Shown again with the chair's ruling chosen; posting it unchanged changes nothing.
    _response, page = page_of(client, screened)
    assert page.xpath("//select[@name='ruling']/option[@selected]/@value") == [Ruling.LEAVES]
    client.post(form.get("action"), posted)
    flag.refresh_from_db()
    assert flag.ruling == Ruling.LEAVES and flag.history.count() == 3

    client.post(form.get("action"), {"decision": "dismiss"})
    flag.refresh_from_db()
    assert (flag.status, flag.ruling) == (ScreeningStatus.DISMISSED, "")
    refused = client.post(form.get("action"), {"ruling": "nonsense", "decision": "accept"})
    assert "Choose the chair&#x27;s ruling." in client.get(refused.url).content.decode()


def test_the_secretariat_records_an_accepted_ruling_as_the_declaration_in_one_step(
    screened, member, chair, secretary, organisation, client_as
):
    entry = declared(member, "Director", organisation=organisation, organisation_name="")
    services.screening_run(actor=secretary, meeting=screened)
    flag = ConflictFlag.objects.get()
    url = f"/boards/{screened.board.slug}/meetings/{screened.day}/screening/{flag.pk}/declare/"

    early = client_as("secretary").post(url, follow=True)
    assert "Accept a ruling before recording it." in text_of(early)
    services.flag_decide(actor=chair, flag=flag, accept=True, ruling=Ruling.LEAVES)
    assert client_as("chair").post(url).status_code == 403  # the secretariat records

    client_as("secretary").post(url)
    flag.refresh_from_db()
    declaration = flag.declaration
    assert (declaration.item, declaration.ruling, declaration.interest) == (
        flag.item,
        Ruling.LEAVES,
        entry,
    )
    assert declaration.attendance.person == member
    assert declaration.nature.startswith(f"Director ({organisation.name}, from 2020)")
    # Leaving the room for the item is recorded with it, as for any declaration.
    assert declaration.attendance.movements.count() == 2
    again = client_as("secretary").post(url, follow=True)
    assert "This ruling is recorded already." in text_of(again)
    with pytest.raises(Exception, match="recorded as a declaration already"):
        services.flag_decide(actor=chair, flag=flag, accept=False)


def test_only_the_chair_and_the_secretariat_screen(screened, client_as):
    url = f"/boards/{screened.board.slug}/meetings/{screened.day}/screening/"
    assert client_as("chair").get(url).status_code == 200
    assert client_as("secretary").get(url).status_code == 200
    assert client_as("member").get(url).status_code == 403
    assert client_as("anonymous").get(url).status_code == 302
    # The chair finds it from the meeting's page; a member is not offered it.
    meeting_page = screened.get_absolute_url()
    assert url in client_as("chair").get(meeting_page).content.decode()
    assert url not in client_as("member").get(meeting_page).content.decode()


def test_screening_costs_the_same_for_two_people_or_twelve(screened, board, secretary):
    client = signed_in_client(secretary)
    organisation = OrganisationFactory(name=BLACKPOOL)

    def add(count):
        for _ in range(count):
            person = UserFactory()
            seat(board, person, Role.MEMBER)
            declared(person, "Shares", organisation=organisation, organisation_name="")
            declared(person, "Trustee", organisation_name=BLACKPOOL)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            count = len(screening_candidates(screened))
        reading = len(captured)
        services.screening_run(actor=secretary, meeting=screened)
        with CaptureQueriesContext(connection) as captured:
            page_of(client, screened)
        return (reading, len(captured)), count

    add(2)
    few, found_few = queries()
    add(10)
    many, found_many = queries()
    assert many == few and found_many == found_few + 20


def test_the_supplier_of_a_contract_a_paper_seeks_a_decision_on_is_screened_too(
    meeting, secretary, member, board
):
    contract = add_item(meeting, secretary, title="Pathology managed service contract")
    add_paper(contract, secretary, title="Contract award", supplier="Lancashire Pathology Ltd")
    publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    declared(member, "Adviser", organisation_name="Lancashire Pathology Ltd")

    (candidate,) = screening_candidates(meeting)
    assert candidate.person == member
    assert candidate.because == (
        "“Contract award” seeks a decision on a contract with Lancashire Pathology Ltd"
    )


def test_a_board_asks_for_the_supplier_on_its_cover_sheet_and_the_screening_reads_it(
    meeting, secretary, member, client_as
):
    from tests.as_rendered import as_rendered
    from tests.meetings.test_cover_sheets import URL, row_of

    client = client_as("secretary")
    data = as_rendered(client.get(URL))
    data[row_of(data, "supplier") + "shown"] = "on"
    assert client.post(URL, data).status_code == 302
    paper = add_paper(add_item(meeting, secretary, title="Contract award"), secretary)
    form = as_rendered(client.get(f"/papers/{paper.pk}/edit/"))
    form["supplier"] = "Lancashire Pathology Ltd"
    assert client.post(f"/papers/{paper.pk}/edit/", form).status_code == 302
    publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    declared(member, "Adviser", organisation_name="Lancashire Pathology Ltd")

    assert [c.person for c in screening_candidates(meeting)] == [member]


def test_a_board_tags_papers_with_the_partners_they_concern_and_the_screening_reads_them(
    meeting, secretary, member, chair, organisation, client_as
):
    from tests.as_rendered import as_rendered
    from tests.meetings.test_cover_sheets import URL, row_of

    client = client_as("secretary")
    data = as_rendered(client.get(URL))
    data[row_of(data, "organisations") + "shown"] = "on"
    assert client.post(URL, data).status_code == 302
    blackpool = OrganisationFactory(name=BLACKPOOL)
    paper = add_paper(add_item(meeting, secretary, title="Stroke services"), secretary)
    edit = f"/papers/{paper.pk}/edit/"
    form = as_rendered(client.get(edit))
    assert form.get("organisations", []) == []  # nothing tagged, nothing ticked
    form["organisations"] = [str(blackpool.pk)]
    assert client.post(edit, form).status_code == 302
    assert list(paper.organisations.all()) == [blackpool]
    publication_services.meeting_publish_agenda(actor=secretary, meeting=meeting, now=IN_GOOD_TIME)
    declared(chair, "Governor", organisation=blackpool, organisation_name="")
    declared(member, "Director", organisation=organisation, organisation_name="")

    (candidate,) = screening_candidates(meeting)
    assert candidate.person == chair
    assert candidate.because == f"“{paper.title}” concerns {BLACKPOOL}"
    # The form shows the tag ticked; posted back unchanged, the paper is not changed.
    again = as_rendered(client.get(edit))
    assert again["organisations"] == str(blackpool.pk)  # the one ticked box
    versions = paper.history.count()
    assert client.post(edit, again).status_code == 302
    assert paper.history.count() == versions
    assert BLACKPOOL in text_of(client.get(f"/papers/{paper.pk}/"))
