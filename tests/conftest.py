"""Personas and shared fixtures.

Every persona is looked at against one board, the "ICS Board" below: the member, the chair
and the secretary hold memberships of it; the outsider is signed in with none; the
governance administrator runs the admin.
"""

import io
import os
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from whitenoise.middleware import WhiteNoiseMiddleware

from partners import permissions, services
from partners.models import Role
from tests.factories import LONG_AGO, BoardFactory, OrganisationFactory, UserFactory
from tests.module_data import first_without_module_data, module_data, refuse_foreign_module_data

PERSONAS = ["anonymous", "outsider", "member", "chair", "secretary", "governance_admin"]
# A board member signed in with the password who has not passed the second factor.
MFA_NOT_DONE = "mfa_not_done"


def text_of(response):
    """A page's text without its tags, spaces collapsed: what a reader sees, in order."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def required(flag):
    """True when CI says a kind of test must run rather than skip (REQUIRE_BROWSER=1...)."""
    return os.environ.get(flag, "") not in {"", "0", "false"}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # After any plugin that shuffles: module data is built once per module (see
    # tests/module_data.py), so the tests that do not ask for it go first in their module.
    first_without_module_data(items)


@pytest.fixture(autouse=True)
def no_foreign_module_data(request):
    refuse_foreign_module_data(request)


@pytest.fixture(scope="session", autouse=True)
def static_files_found_once():
    """WhiteNoise's middleware lists every static file the finders know (about 1,600, most of
    them NHS.UK frontend's) each time it starts, and the test client starts the middleware
    afresh for every client: a quarter of a second each, for every persona of every row of
    the access matrix. The same settings find the same files: list them once per set."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            WhiteNoiseMiddleware, "add_files_from_finders", _add_files_from_finders_once()
        )
        yield


def _add_files_from_finders_once():
    from django.conf import settings

    find = WhiteNoiseMiddleware.add_files_from_finders
    found = {}

    def add_files_from_finders(self):
        key = (
            type(self),
            self.static_prefix,
            self.max_age,
            self.allow_all_origins,
            self.charset,
            self.add_headers_function,
            repr(settings.STATICFILES_DIRS),
            repr(settings.STATICFILES_FINDERS),
            repr(settings.INSTALLED_APPS),
            repr(settings.STORAGES),
            repr(getattr(settings, "WHITENOISE_MIMETYPES", None)),
            repr(getattr(settings, "WHITENOISE_IMMUTABLE_FILE_TEST", None)),
        )
        if key not in found:
            before = dict(self.files)
            find(self)
            found[key] = {url: f for url, f in self.files.items() if before.get(url) is not f}
        self.files.update(found[key])

    return add_files_from_finders


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    # Uploaded and rendered papers of a test never land in the project folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    # Rate limits count in the cache: each test starts with none spent.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing costs a third of a second per person; the tests sign in dozens.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def scene_row(request, name):
    """In a test of the shared scene, the scene's own board, organisation or persona (else
    None): every test of it sees the same people, fetched afresh from its database."""
    if "scene_built" not in request.fixturenames:
        return None
    model, pk = request.getfixturevalue("scene_built").value["rows"][name]
    return model._default_manager.get(pk=pk)


def make_organisation():
    return OrganisationFactory(name="East Lancashire Hospitals NHS Trust", slug="elht")


def make_board():
    return BoardFactory(name="ICS Board", slug="ics-board", quorum_voting_members=8)


def seat(board, user, role, **fields):
    return services.membership_start(
        actor=None, user=user, board=board, role=role, starts_on=LONG_AGO, **fields
    )


def make_outsider():
    return UserFactory(full_name="Oliver Outsider", email="outsider@example.nhs.uk")


def make_member(board, organisation):
    user = UserFactory(full_name="Amanda Doyle", email="member@example.nhs.uk")
    seat(board, user, Role.MEMBER, representing=organisation)
    return user


def make_chair(board):
    user = UserFactory(full_name="David Flory", email="chair@example.nhs.uk")
    seat(board, user, Role.CHAIR)
    return user


def make_secretary(board):
    user = UserFactory(full_name="Stephanie Betts", email="secretary@example.nhs.uk")
    seat(board, user, Role.SECRETARIAT)
    return user


def make_governance_admin():
    user = UserFactory(full_name="Grace Admin", email="admin@example.nhs.uk", is_staff=True)
    user.groups.add(Group.objects.get(name=permissions.GOVERNANCE_ADMINS))
    return user


@pytest.fixture
def organisation(request, db):
    return scene_row(request, "organisation") or make_organisation()


@pytest.fixture
def board(request, db):
    return scene_row(request, "board") or make_board()


@pytest.fixture
def outsider(request, db):
    return scene_row(request, "outsider") or make_outsider()


@pytest.fixture
def member(request, board, organisation):
    return scene_row(request, "member") or make_member(board, organisation)


@pytest.fixture
def chair(request, board):
    return scene_row(request, "chair") or make_chair(board)


@pytest.fixture
def secretary(request, board):
    return scene_row(request, "secretary") or make_secretary(board)


@pytest.fixture
def governance_admin(request, db):
    return scene_row(request, "governance_admin") or make_governance_admin()


def second_factor_passed(client, user):
    """Marks a test client's session as having passed the second factor, as the sign-in's
    second step does: the one place tests know how the factor is checked."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Test authenticator", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def signed_in_client(user, second_factor=True):
    """A test client signed in as `user`, past the second factor unless told otherwise."""
    client = Client()
    client.force_login(user)
    return second_factor_passed(client, user) if second_factor else client


@pytest.fixture
def client_as(request):
    """`client_as("member")`: a test client signed in as that persona (anonymous: none),
    past the second factor; `client_as("mfa_not_done")`: the member, signed in with the
    password only."""

    def make(persona):
        if persona == "anonymous":
            return Client()
        if persona == MFA_NOT_DONE:
            return signed_in_client(request.getfixturevalue("member"), second_factor=False)
        return signed_in_client(request.getfixturevalue(persona))

    return make


def load_demo():
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())


# `load_demo` once for each test module that asks for it; see tests/module_data.py.
demo_built = module_data("demo_built", load_demo)


@pytest.fixture
def demo_loaded(demo_built, db, settings):
    """The demo data (`load_demo`), loaded once per test module, with its files."""
    demo_built.copy_media(settings.MEDIA_ROOT)


SECRET_TITLE = "Strategic Assurance Framework (restricted)"
SECRET_PAPER = "Confidential strategic risk appendix"
# Minutes in the scene: approved ones of a public and a private item, and a draft.
PUBLIC_MINUTE = "The Board endorsed the clinical strategy"
SECRET_MINUTE = "Contract value agreed with the preferred bidder"
DRAFT_MINUTE = "Draft note of the finance discussion"


def build_scene():
    """The ICS Board with its personas, and its meetings: see `scene`."""
    board = make_board()
    organisation = make_organisation()
    personas = {
        "member": make_member(board, organisation),
        "chair": make_chair(board),
        "secretary": make_secretary(board),
        "outsider": make_outsider(),
        "governance_admin": make_governance_admin(),
    }
    rows = {"organisation": organisation, "board": board, **personas}
    return {
        "rows": {name: (type(row), row.pk) for name, row in rows.items()},
        "ids": {
            **_meetings(board, personas["secretary"], personas["member"]),
            "interest": _interest(personas["member"], organisation).pk,
            "member_person": personas["member"].pk,
        },
    }


def _interest(member, organisation):
    """The member's interest on the register, waiting for review."""
    import datetime

    from partners.models import InterestType, Precision
    from partners.services.interests import interest_declare

    return interest_declare(
        actor=member,
        person=member,
        interest_type=InterestType.PROFESSIONAL,
        description="Non-executive director",
        organisation=organisation,
        starts_on=datetime.date(2019, 4, 1),
        starts_precision=Precision.MONTH,
    )


# Built once for each test module that asks for the scene; see tests/module_data.py.
scene_built = module_data("scene_built", build_scene)


@pytest.fixture
def scene(scene_built, db, settings):
    """The ICS Board's published meeting of 2 December 2020 and its draft next meeting.

    Published: a public paper (replaced once), a confidential item with a paper, a paper
    marked confidential on a public item, a paper awaiting a supplement, a withdrawn item's
    paper. Draft: the meeting of 13 January 2021 with a paper. Returns their ids.

    Built once per test module; each test reads and writes it in a transaction of its own,
    with its own copy of the files. The board, organisation and personas a test of the
    scene asks for are the scene's.
    """
    scene_built.copy_media(settings.MEDIA_ROOT)
    return dict(scene_built.value["ids"])


def _meetings(board, secretary, member):
    """December published, January a draft, November held with its minutes approved."""
    import datetime

    from django.utils import timezone

    from meetings.models import ItemFormat, StandingKind
    from meetings.services import agenda as agenda_services
    from meetings.services import minutes
    from meetings.services import papers as paper_services
    from meetings.services import publication as publication_services
    from tests.factories import meeting_at
    from tests.meetings.conftest import add_item, add_paper, upload

    december = meeting_at(board, datetime.date(2020, 12, 2), actor=secretary, held_in_public=True)
    minutes_item = december.items.get(standing=StandingKind.PREVIOUS_MINUTES)
    public = add_paper(minutes_item, secretary, title="Minutes of 4 November 2020")
    old_file = public.files.get()
    paper_services.paper_file_upload(actor=secretary, paper=public, upload=upload(pages=4))
    private_item = add_item(
        december,
        secretary,
        title=SECRET_TITLE,
        confidential=True,
        public_title="Strategic risks",
        confidential_reason="Commercially sensitive",
    )
    secret = add_paper(private_item, secretary, title=SECRET_PAPER)
    finance = add_item(december, secretary, title="Finance Report")
    marked = add_paper(finance, secretary, title="Finance detail by provider", confidential=True)
    withdrawn_item = add_item(december, secretary, title="EU Exit Planning")
    withdrawn = add_paper(withdrawn_item, secretary, title="EU Exit Planning paper")
    late_item = add_item(
        december, secretary, title="ICP Core Narrative", format=ItemFormat.TO_FOLLOW
    )
    publication_services.meeting_publish_papers(
        actor=secretary,
        meeting=december,
        now=timezone.make_aware(datetime.datetime(2020, 11, 20, 9)),
    )
    agenda_services.item_withdraw(actor=secretary, item=withdrawn_item, reason="Taken at SLE")
    pending = add_paper(late_item, secretary, title="ICP Core Narrative paper")

    january = meeting_at(board, datetime.date(2021, 1, 13), actor=secretary)
    draft = add_paper(add_item(january, secretary, title="Clinical Strategy"), secretary)
    november = _held_november(board, secretary, member, december)
    minutes.item_minutes_save(actor=secretary, item=finance, discussion=DRAFT_MINUTE)
    return {
        **november,
        "public": public.pk,
        "public_file": public.files.get(version=2).pk,
        "old_file": old_file.pk,
        "secret": secret.pk,
        "secret_file": secret.files.get().pk,
        "marked": marked.pk,
        "withdrawn": withdrawn.pk,
        "pending": pending.pk,
        "draft": draft.pk,
        "draft_file": draft.files.get().pk,
        "section": december.sections.first().pk,
        "item": finance.pk,
        "draft_item": january.items.first().pk,
    }


def _held_november(board, secretary, member, december):
    """4 November 2020, held: attendance, a declaration, an action for the member, and minutes
    approved at the December meeting (one public item, one private)."""
    import datetime

    from django.utils import timezone

    from meetings.models import InterestType, Ruling
    from meetings.services import actions as action_services
    from meetings.services import agenda as agenda_services
    from meetings.services import attendance as attendance_services
    from meetings.services import minutes as minutes_services
    from meetings.services import publication as publication_services
    from tests.factories import meeting_at
    from tests.meetings.conftest import add_item

    day = datetime.date(2020, 11, 4)
    november = meeting_at(board, day, actor=secretary, held_in_public=True)
    strategy = add_item(november, secretary, title="Clinical Strategy", format="verbal")
    contract = add_item(
        november,
        secretary,
        title="Pathology contract award",
        format="verbal",
        confidential=True,
        public_title="Commercial contract update",
        confidential_reason="Commercially sensitive",
    )
    publication_services.meeting_publish_agenda(
        actor=secretary, meeting=november, now=timezone.make_aware(datetime.datetime(2020, 10, 20))
    )
    attendance_services.attendance_prefill(actor=secretary, meeting=november)
    attendance = november.attendance.get(person=member)
    attendance_services.declaration_record(
        actor=secretary,
        meeting=november,
        attendance=attendance,
        item=strategy,
        interest_type=InterestType.PROFESSIONAL,
        nature="Clinical lead for one of the six core areas",
        ruling=Ruling.SPEAKS_NOT_VOTES,
    )
    # The chair left for the private item (the member's comings and goings are the tests').
    left = attendance_services.movement_record(
        actor=secretary,
        attendance=november.attendance.exclude(pk=attendance.pk).get(voting=True),
        kind="left",
        item=contract,
    )
    action = action_services.action_raise(
        actor=secretary,
        item=strategy,
        title="Bring the implementation plan back to the Board",
        lead=member,
        due_meeting=december,
    )
    agenda_services.meeting_mark_held(
        actor=secretary,
        meeting=november,
        now=timezone.make_aware(datetime.datetime(2020, 11, 4, 13)),
    )
    minutes_services.item_minutes_save(actor=secretary, item=strategy, discussion=PUBLIC_MINUTE)
    minutes_services.item_minutes_save(actor=secretary, item=contract, discussion=SECRET_MINUTE)
    minutes_services.minutes_approve(actor=secretary, meeting=november, at_meeting=december)
    return {
        "november_item": strategy.pk,
        "november_private_item": contract.pk,
        "attendance": attendance.pk,
        "action": action.pk,
        "declaration": november.declarations.get().pk,
        "movement": left.pk,
    }


@pytest.fixture(scope="session", autouse=True)
def tasks_run_here_without_a_broker_service():
    """The portal never runs a task in the process that sends it. Without a broker service
    (Redis, as in CI, where the integration tests start real workers), the default broker
    is the embedded one, whose folder belongs to `make run`'s worker: no test may send it a
    task, so the tasks a test sends run in the test process instead."""
    from django.conf import settings

    from icp_portal.celery import app

    if not settings.CELERY_BROKER_URL.startswith("filesystem:"):
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(app.conf, "task_always_eager", True)
        yield


@pytest.fixture
def tasks_in_process(monkeypatch):
    """Tasks, and the tasks they send, run in this process, whatever broker is configured:
    for tests of what a task does, rather than of how it reaches a worker."""
    from icp_portal.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
