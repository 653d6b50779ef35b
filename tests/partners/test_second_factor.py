"""The second factor: set up at the first sign-in, then asked for after the password, with
an authenticator app's code or a recovery code; nothing but public pages before it."""

import re

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import second_factor_passed, signed_in_client, text_of

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def sign_in_with_password(email="member@example.nhs.uk", next_url=None):
    client = Client()
    data = {"username": email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post("/accounts/login/", data)
    return client, response


def code_now(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def set_up(client, next_url="/my-actions/"):
    page = client.get(f"/accounts/second-factor/set-up/?next={next_url}")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(
        "/accounts/second-factor/set-up/", {"code": code_now(device), "next": next_url}
    )
    return page, response


def test_the_first_sign_in_sets_up_an_authenticator_and_shows_recovery_codes(member):
    client, response = sign_in_with_password(next_url="/my-actions/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/second-factor/?next=%2Fmy-actions%2F"
    response = client.get(response["Location"])
    assert response["Location"] == "/accounts/second-factor/set-up/?next=%2Fmy-actions%2F"
    page, response = set_up(client)
    assert 'src="data:image/svg+xml' in page.content.decode()
    assert "enter this key instead" in text_of(page)
    assert response["Location"].startswith("/accounts/second-factor/recovery-codes/")
    codes_page = client.get(response["Location"])
    codes = re.findall(r"<code>(\w+)</code>", codes_page.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    assert 'href="/my-actions/"' in codes_page.content.decode()
    # Shown once.
    assert client.get("/accounts/second-factor/recovery-codes/").status_code == 302
    assert client.get("/my-actions/").status_code == 200


def test_a_wrong_code_does_not_set_up_the_authenticator(member):
    client, _ = sign_in_with_password()
    client.get("/accounts/second-factor/set-up/")
    response = client.post("/accounts/second-factor/set-up/", {"code": "000000"})
    assert response.status_code == 200
    assert "Enter the 6-digit code your authenticator app shows now" in text_of(response)
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get("/my-actions/")["Location"].startswith("/accounts/second-factor/")


def enrolled(member):
    client, _ = sign_in_with_password()
    set_up(client)
    codes = list(StaticToken.objects.values_list("token", flat=True))
    return TOTPDevice.objects.get(user=member), codes


def test_signing_in_again_asks_for_the_app_code(member):
    device, _ = enrolled(member)
    device.refresh_from_db()
    device.last_t = -1  # the set-up code may not be used twice: let the same period pass
    device.save()
    client, response = sign_in_with_password(next_url="/my-actions/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Enter your security code" in text_of(page)
    assert client.get("/my-actions/").status_code == 302
    response = client.post(
        "/accounts/second-factor/", {"code": code_now(device), "next": "/my-actions/"}
    )
    assert response["Location"] == "/my-actions/"
    assert client.get("/my-actions/").status_code == 200


def test_a_recovery_code_works_once(member):
    _, codes = enrolled(member)
    client, _ = sign_in_with_password()
    response = client.post("/accounts/second-factor/", {"code": codes[0]})
    assert response.status_code == 302
    assert client.get("/my-actions/").status_code == 200
    again, _ = sign_in_with_password()
    response = again.post("/accounts/second-factor/", {"code": codes[0]})
    assert response.status_code == 200
    assert "or a recovery code" in text_of(response)
    assert again.get("/my-actions/").status_code == 302


def test_a_wrong_code_is_refused(member):
    enrolled(member)
    client, _ = sign_in_with_password()
    response = client.post("/accounts/second-factor/", {"code": "123456"})
    assert response.status_code == 200
    assert "There is a problem" in text_of(response)
    assert client.get("/my-actions/").status_code == 302


def test_the_admin_needs_the_second_factor(governance_admin):
    client, _ = sign_in_with_password("admin@example.nhs.uk")
    response = client.get("/admin/partners/board/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/second-factor/?next=%2Fadmin%2Fpartners%2Fboard%2F"
    second_factor_passed(client, governance_admin)
    assert client.get("/admin/partners/board/").status_code == 200


def test_the_next_address_stays_on_the_portal(member):
    _, codes = enrolled(member)
    client, _ = sign_in_with_password()
    response = client.post(
        "/accounts/second-factor/", {"code": codes[1], "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_without_mfa_required_the_password_is_enough(member, settings):
    settings.MFA_REQUIRED = False
    client, response = sign_in_with_password(next_url="/my-actions/")
    assert response["Location"] == "/my-actions/"
    assert client.get("/my-actions/").status_code == 200


def test_mfa_is_required_unless_the_environment_says_otherwise():
    from django.conf import settings

    assert settings.MFA_REQUIRED is True


def test_a_governance_admin_removes_a_lost_authenticator(member, governance_admin):
    device, _ = enrolled(member)
    admin = signed_in_client(governance_admin)
    assert admin.get("/admin/otp_totp/totpdevice/").status_code == 200
    response = admin.post(
        "/admin/otp_totp/totpdevice/",
        {"action": "delete_selected", "_selected_action": [device.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    client, response = sign_in_with_password()
    assert client.get(response["Location"])["Location"].startswith(
        "/accounts/second-factor/set-up/"
    )
