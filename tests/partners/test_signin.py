"""Signing in: lockout after repeated failures, its cool-off and reset, what is recorded, and
the limits of a session (30 minutes idle, 12 hours in all), with the clock moved."""

import datetime
from unittest import mock

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from partners import signin
from tests.conftest import second_factor_passed, signed_in_client, text_of

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
LOCKED = "Signing in is paused"


def sign_in(client, username, password="wrong", address="10.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def fail(times, username, address="10.0.0.1"):
    for _ in range(times):
        sign_in(Client(), username, address=address)


def test_an_account_locks_after_five_failures_even_with_the_right_password(member, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    fail(4, "member@example.nhs.uk")
    response = sign_in(Client(), "member@example.nhs.uk", "wrong")
    assert response.status_code == 429
    assert LOCKED in text_of(response)
    # From another address, with the right password: the account itself is locked.
    client = Client()
    response = sign_in(client, "MEMBER@example.nhs.uk", PASSWORD, address="10.9.9.9")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_address_locks_after_five_failures_across_accounts(member):
    for n in range(5):
        sign_in(Client(), f"nobody{n}@example.nhs.uk")
    client = Client()
    response = sign_in(client, "member@example.nhs.uk", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # The account is not locked from elsewhere.
    assert sign_in(Client(), "member@example.nhs.uk", PASSWORD, "10.0.0.2").status_code == 302


def test_the_address_behind_a_proxy_is_the_one_the_proxy_saw(rf, settings):
    request = rf.post("/", HTTP_X_FORWARDED_FOR="1.1.1.1, 10.0.0.7", REMOTE_ADDR="172.17.0.2")
    assert signin.sign_in_address(request) == "172.17.0.2"
    settings.SIGN_IN_PROXY_COUNT = 1
    assert signin.sign_in_address(request) == "10.0.0.7"


def test_the_locked_page_is_the_same_for_an_existing_and_an_unknown_account(member):
    # Before the lock, both fail with the same message.
    known = sign_in(Client(), "member@example.nhs.uk", address="10.0.0.5")
    unknown = sign_in(Client(), "nobody@example.nhs.uk", address="10.0.0.6")
    assert "Enter a correct email address and password" in text_of(known)
    assert "Enter a correct email address and password" in text_of(unknown)
    fail(4, "member@example.nhs.uk", address="10.0.0.1")
    fail(4, "nobody@example.nhs.uk", address="10.0.0.2")
    known = sign_in(Client(), "member@example.nhs.uk", address="10.0.0.3")
    unknown = sign_in(Client(), "nobody@example.nhs.uk", address="10.0.0.4")
    assert known.status_code == unknown.status_code == 429
    assert text_of(known) == text_of(unknown)
    assert "member@example.nhs.uk" not in known.content.decode()


def test_a_lock_lifts_after_the_cool_off(member, settings):
    fail(5, "member@example.nhs.uk")
    assert sign_in(Client(), "member@example.nhs.uk", PASSWORD, "10.0.0.2").status_code == 429
    later = timezone.now() + settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=1)
    with mock.patch("axes.handlers.proxy.now", return_value=later):
        response = sign_in(Client(), "member@example.nhs.uk", PASSWORD, "10.0.0.2")
    assert response.status_code == 302


def test_a_lock_is_reset_by_the_command(member):
    fail(5, "member@example.nhs.uk")
    call_command("axes_reset_username", "member@example.nhs.uk", stdout=mock.MagicMock())
    assert sign_in(Client(), "member@example.nhs.uk", PASSWORD, "10.0.0.2").status_code == 302


def test_a_governance_admin_lifts_a_lock_in_the_admin(member, governance_admin):
    fail(5, "member@example.nhs.uk")
    admin = signed_in_client(governance_admin)
    assert admin.get("/admin/axes/accessattempt/").status_code == 200
    attempt = AccessAttempt.objects.get(username="member@example.nhs.uk")
    response = admin.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="member@example.nhs.uk").exists()
    assert sign_in(Client(), "member@example.nhs.uk", PASSWORD, "10.0.0.2").status_code == 302


def test_sign_ins_failures_and_lockouts_are_recorded(member):
    fail(5, "member@example.nhs.uk")
    failures = AccessFailureLog.objects.filter(username="member@example.nhs.uk")
    assert failures.count() == 5
    assert failures.filter(locked_out=True).exists()
    assert sign_in(Client(), "member@example.nhs.uk", PASSWORD, "10.0.0.2").status_code == 429
    call_command("axes_reset_username", "member@example.nhs.uk", stdout=mock.MagicMock())
    assert sign_in(Client(), "member@example.nhs.uk", PASSWORD, "10.0.0.2").status_code == 302
    assert AccessLog.objects.filter(username="member@example.nhs.uk").count() == 1


def test_a_success_clears_earlier_failures(member):
    fail(4, "member@example.nhs.uk")
    assert sign_in(Client(), "member@example.nhs.uk", PASSWORD).status_code == 302
    fail(4, "member@example.nhs.uk", address="10.0.0.3")
    assert sign_in(Client(), "member@example.nhs.uk", PASSWORD, "10.0.0.4").status_code == 302


# Sessions: the clock is moved by patching the time the session limits read.


def signed_in(member):
    client = Client()
    assert sign_in(client, "member@example.nhs.uk", PASSWORD).status_code == 302
    return second_factor_passed(client, member)


def at(seconds_from_now):
    return mock.patch.object(signin.time, "time", return_value=START + seconds_from_now)


START = 1_800_000_000.0


def test_a_session_ends_after_30_minutes_idle(member):
    with at(0):
        client = signed_in(member)
    with at(29 * 60):
        assert client.get("/my-actions/").status_code == 200
    with at(29 * 60 + 29 * 60):
        assert client.get("/my-actions/").status_code == 200
    with at(29 * 60 + 29 * 60 + 31 * 60):
        response = client.get("/my-actions/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/my-actions/"
    assert "_auth_user_id" not in client.session


def test_a_session_ends_12_hours_after_signing_in_however_busy(member):
    with at(0):
        client = signed_in(member)
    minute = 0
    while minute < 12 * 60 - 20:
        minute += 20
        with at(minute * 60):
            assert client.get("/my-actions/").status_code == 200, minute
    with at(12 * 3600 + 1):
        response = client.get("/my-actions/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_public_page_after_expiry_is_shown_signed_out(member):
    with at(0):
        client = signed_in(member)
    with at(31 * 60):
        response = client.get("/boards/")
    assert response.status_code == 302
    assert client.get("/boards/").status_code == 200
