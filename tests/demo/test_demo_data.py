"""`load_demo`: the demo from the source documents, and the same rows however often it runs."""

import datetime
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from guardian.models import UserObjectPermission

from partners import permissions
from partners.models import Board, Interest, Membership, Partnership, ReviewStatus, Role, User

pytestmark = pytest.mark.django_db


def row_counts():
    counts = {model._meta.label: model._default_manager.count() for model in apps.get_models()}
    counts.pop("sessions.Session", None)
    return counts


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def demo(demo_loaded):
    pass  # loaded once for the module: tests/conftest.py


def test_loading_twice_gives_identical_rows(demo):
    first = row_counts()
    load_demo()
    assert row_counts() == first
    assert first["partners.HistoricalMembership"] == first["partners.Membership"]


def test_the_system_has_its_five_places(demo):
    ics = Partnership.objects.get(name="Healthier Lancashire and South Cumbria")
    assert sorted(ics.children.values_list("name", flat=True)) == [
        "Central Lancashire",
        "Fylde Coast",
        "Morecambe Bay",
        "Pennine Lancashire",
        "West Lancashire",
    ]


def test_the_ics_board_is_as_minuted_on_4_november_2020(demo):
    board = Board.objects.get(slug="ics-board")
    seats = Membership.objects.filter(board=board)
    assert seats.get(role=Role.CHAIR).user.full_name == "David Flory"
    assert seats.get(role=Role.DEPUTY_CHAIR).user.full_name == "Isla Wilson"
    assert seats.get(role=Role.SECRETARIAT).user.full_name == "Stephanie Betts"
    leads = seats.filter(constituency="ICP Leads").values_list("user__full_name", flat=True)
    assert {"Kevin McGee", "Caroline Donovan", "Karen Partington"} <= set(leads)
    assert seats.filter(role=Role.IN_ATTENDANCE, user__full_name="Mark Hindle").exists()
    assert not seats.filter(role=Role.IN_ATTENDANCE, voting=True).exists()


def test_the_pennine_partnership_has_its_partner_list(demo):
    pennine = Partnership.objects.get(slug="pennine-lancashire")
    names = set(pennine.members.values_list("name", flat=True))
    assert "East Lancashire Hospitals NHS Trust" in names
    assert "Rossendale Borough Council" in names
    assert Board.objects.get(partnership=pennine).name == (
        "Pennine Lancashire Partnership Leaders' Forum"
    )


def test_the_sle_reports_to_the_ics_board(demo):
    sle = Board.objects.get(name="System Leadership Executive")
    assert sle.reports_to.slug == "ics-board"


def test_every_persona_can_sign_in_with_the_demo_password(demo, settings):
    emails = {
        "chair": "david.flory@lsc-icp.example",
        "member": "amanda.doyle@lsc-icp.example",
        "secretary": "stephanie.betts@lsc-icp.example",
        "governance admin": "grace.admin@lsc-icp.example",
        "outsider": "oliver.outsider@lsc-icp.example",
    }
    for persona, email in emails.items():
        # Through the sign-in page, as a person does (the lockout needs the request).
        client = Client()
        credentials = {"username": email, "password": settings.DEMO_PASSWORD}
        assert client.post("/accounts/login/", credentials).status_code == 302, persona
        assert "_auth_user_id" in client.session, persona
    board = Board.objects.get(slug="ics-board")
    secretary = User.objects.get(email=emails["secretary"])
    assert permissions.can_manage_board(secretary, board)
    admin = User.objects.get(email=emails["governance admin"])
    assert permissions.is_governance_admin(admin)
    outsider = User.objects.get(email=emails["outsider"])
    assert not UserObjectPermission.objects.filter(user=outsider).exists()


def test_people_without_a_demo_account_cannot_sign_in(demo):
    assert not User.objects.get(full_name="Gary Raphael").has_usable_password()


def test_the_command_prints_the_demo_sign_ins(capsys):
    call_command("load_demo")
    printed = capsys.readouterr().out
    assert "stephanie.betts@lsc-icp.example" in printed
    assert "icp-demo-2020" in printed


def test_board_members_roles_in_partner_organisations_are_on_the_register(demo):
    declared = {
        (interest.person.full_name, interest.organisation.slug, interest.status)
        for interest in Interest.objects.filter(organisation__isnull=False).select_related(
            "person", "organisation"
        )
    }
    assert ("Kevin McGee", "bth", ReviewStatus.ACCEPTED) in declared
    assert ("Mike Wedgeworth", "elht", ReviewStatus.ACCEPTED) in declared
    # Each is a member of the ICS Board, whose seat the register explains.
    board = Board.objects.get(slug="ics-board")
    members = set(board.memberships.values_list("user__full_name", flat=True))
    assert {name for name, _, _ in declared} <= members


def test_a_gift_accepted_and_a_hospitality_offer_declined(demo):
    from partners.models import Gift, GiftOutcome

    outcomes = {(gift.person.full_name, gift.outcome) for gift in Gift.objects.all()}
    assert outcomes == {
        ("Gary Raphael", GiftOutcome.ACCEPTED),
        ("Andrew Bennett", GiftOutcome.DECLINED),
    }


def test_every_decision_maker_made_a_return_but_one(demo):
    from django.utils import timezone

    from partners.selectors.returns import ReturnStatus, returns_owed

    owed = returns_owed(timezone.localdate())
    late = [row.person.full_name for row in owed if row.status == ReturnStatus.OVERDUE]
    assert late == ["Geoff Jolliffe"]
    assert any(row.person.declaration_returns.filter(kind="nil").exists() for row in owed)


def test_last_years_list_of_those_who_made_no_declaration_names_one(demo):
    from django.utils import timezone

    from partners.selectors.decision_makers import financial_year
    from partners.selectors.returns import non_declarers

    this_year, _end = financial_year(timezone.localdate())
    last_year, _this_year = financial_year(this_year - datetime.timedelta(days=1))
    assert [row.person.full_name for row in non_declarers(last_year)] == ["Geoff Jolliffe"]


def test_one_entry_is_withheld_for_its_reason_and_shown_nowhere_public(demo):
    from partners.models import Interest

    (withheld,) = Interest.objects.filter(withheld=True)
    assert withheld.withheld_reason.startswith("Publishing it could identify the relative")
    from pypdf import PdfReader

    client = Client()
    shown = [client.get(url).content.decode() for url in ["/interests/", "/interests/register.csv"]]
    pdf = PdfReader(io.BytesIO(client.get("/interests/register.pdf").content))
    shown.append(" ".join(" ".join(page.extract_text() for page in pdf.pages).split()))
    assert all("Jane Cass" in text or "Kevin McGee" in text for text in shown)
    assert not any("supports people at risk" in text for text in shown)


def test_the_screening_of_2_december_2020_finds_the_provider_chiefs_and_no_one_else(demo):
    from meetings.models import ConflictFlag, Ruling, ScreeningStatus

    found = sorted(
        (flag.item.title, flag.person.full_name, flag.status, flag.ruling)
        for flag in ConflictFlag.objects.filter(meeting__date=datetime.date(2020, 12, 2))
    )
    accepted = ScreeningStatus.ACCEPTED
    assert found == [
        ("Provider Collaboration Board Update", "Aaron Cummins", accepted, Ruling.TAKES_PART),
        ("Provider Collaboration Board Update", "Mike Wedgeworth", accepted, Ruling.TAKES_PART),
    ]
