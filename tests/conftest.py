"""Personas and shared fixtures.

Every persona is looked at against one board, the "ICS Board" below: the member, the chair
and the secretary hold memberships of it; the outsider is signed in with none; the
governance administrator runs the admin.
"""

import os

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from partners import permissions, services
from partners.models import Role
from tests.factories import LONG_AGO, BoardFactory, OrganisationFactory, UserFactory

PERSONAS = ["anonymous", "outsider", "member", "chair", "secretary", "governance_admin"]


def required(flag):
    """True when CI says a kind of test must run rather than skip (REQUIRE_BROWSER=1...)."""
    return os.environ.get(flag, "") not in {"", "0", "false"}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing costs a third of a second per person; the tests sign in dozens.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="East Lancashire Hospitals NHS Trust", slug="elht")


@pytest.fixture
def board(db):
    return BoardFactory(name="ICS Board", slug="ics-board", quorum_voting_members=8)


def seat(board, user, role, **fields):
    return services.membership_start(
        actor=None, user=user, board=board, role=role, starts_on=LONG_AGO, **fields
    )


@pytest.fixture
def outsider(db):
    return UserFactory(full_name="Oliver Outsider", email="outsider@example.nhs.uk")


@pytest.fixture
def member(board, organisation):
    user = UserFactory(full_name="Amanda Doyle", email="member@example.nhs.uk")
    seat(board, user, Role.MEMBER, representing=organisation)
    return user


@pytest.fixture
def chair(board):
    user = UserFactory(full_name="David Flory", email="chair@example.nhs.uk")
    seat(board, user, Role.CHAIR)
    return user


@pytest.fixture
def secretary(board):
    user = UserFactory(full_name="Stephanie Betts", email="secretary@example.nhs.uk")
    seat(board, user, Role.SECRETARIAT)
    return user


@pytest.fixture
def governance_admin(db):
    user = UserFactory(full_name="Grace Admin", email="admin@example.nhs.uk", is_staff=True)
    user.groups.add(Group.objects.get(name=permissions.GOVERNANCE_ADMINS))
    return user


@pytest.fixture
def client_as(request):
    """`client_as("member")`: a test client signed in as that persona (anonymous: none)."""

    def make(persona):
        client = Client()
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        return client

    return make
