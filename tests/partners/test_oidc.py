"""Signing in with the organisation's account (OpenID Connect), the provider mocked at its
edge: its token, JWKS and userinfo endpoints answer from here, with ID tokens signed by a key
made for the test."""

import json
from types import SimpleNamespace
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from axes.models import AccessLog
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from mozilla_django_oidc import auth as oidc_auth

PROVIDER = "https://login.example.nhs.uk"
CLIENT_ID = "icp-portal"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
JWK = {**json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key())), "kid": "k1"}


@pytest.fixture
def provider(settings, monkeypatch):
    """The provider configured, and its endpoints answering: `provider.claims` are the
    userinfo's, `provider.amr` the ID token's."""
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{PROVIDER}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{PROVIDER}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{PROVIDER}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{PROVIDER}/jwks"
    settings.OIDC_ISSUER = PROVIDER
    state = SimpleNamespace(
        claims={"email": "Member@Example.NHS.uk", "email_verified": True}, amr=["pwd"], nonce=""
    )

    def answer(body):
        return SimpleNamespace(
            json=lambda: body, raise_for_status=lambda: None, headers={}, status_code=200
        )

    def post(url, **kwargs):
        assert url == f"{PROVIDER}/token"
        assert kwargs["data"]["code_verifier"]
        claims = {"iss": PROVIDER, "aud": CLIENT_ID, "sub": "1", "nonce": state.nonce}
        token = jwt.encode(
            {**claims, "amr": state.amr}, KEY, algorithm="RS256", headers={"kid": "k1"}
        )
        return answer({"id_token": token, "access_token": "access"})

    def get(url, **kwargs):
        return answer({"keys": [JWK]} if url.endswith("/jwks") else state.claims)

    monkeypatch.setattr(oidc_auth.requests, "post", post)
    monkeypatch.setattr(oidc_auth.requests, "get", get)
    return state


def sign_in_with_provider(provider, client=None, next_url="/my-actions/"):
    client = client or Client()
    response = client.get("/accounts/organisation/", {"next": next_url})
    assert response.status_code == 302
    sent = parse_qs(urlparse(response["Location"]).query)
    assert sent["code_challenge_method"] == ["S256"]
    provider.nonce = sent["nonce"][0]
    return client, client.get(
        "/accounts/organisation/callback/", {"code": "code", "state": sent["state"][0]}
    )


def test_the_button_shows_only_when_configured(db, settings):
    assert "organisation&#x27;s account" not in Client().get("/accounts/login/").text
    settings.OIDC_ENABLED = True
    settings.OIDC_BUTTON_LABEL = "Sign in with NHSmail"
    page = Client().get("/accounts/login/").text
    assert "Sign in with NHSmail" in page
    assert 'href="/accounts/organisation/' in page


def test_not_configured_the_provider_urls_are_not_found(db):
    assert Client().get("/accounts/organisation/").status_code == 404
    assert Client().get("/accounts/organisation/callback/").status_code == 404


def test_a_known_user_with_the_providers_mfa_lands_on_the_page(member, provider):
    provider.amr = ["pwd", "mfa"]
    client, response = sign_in_with_provider(provider)
    assert response.status_code == 302
    assert response["Location"] == "/my-actions/"
    assert client.get("/my-actions/").status_code == 200
    assert StaticDevice.objects.get(user=member).token_set.count() == 0
    # Recorded like any other sign-in.
    assert AccessLog.objects.filter(username="member@example.nhs.uk").exists()


def test_without_the_providers_mfa_the_portals_second_factor_is_asked(member, provider):
    client, response = sign_in_with_provider(provider)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/second-factor/")
    assert "my-actions" in response["Location"]
    assert client.get("/my-actions/")["Location"].startswith("/accounts/second-factor/")


def test_an_unknown_email_is_refused_and_nothing_is_created(member, provider):
    provider.claims = {"email": "stranger@example.nhs.uk", "email_verified": True}
    users = get_user_model().objects.count()
    client, response = sign_in_with_provider(provider)
    assert response["Location"] == "/accounts/login/"
    assert "Only people the portal already knows" in client.get("/accounts/login/").text
    assert get_user_model().objects.count() == users
    assert "_auth_user_id" not in client.session


def test_an_inactive_account_or_an_unverified_email_is_refused(member, provider):
    provider.claims = {"email": "member@example.nhs.uk", "email_verified": False}
    client, response = sign_in_with_provider(provider)
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session
    provider.claims = {"email": "member@example.nhs.uk", "email_verified": True}
    member.is_active = False
    member.save()
    client, response = sign_in_with_provider(provider)
    assert "_auth_user_id" not in client.session


def test_a_callback_with_a_state_this_session_did_not_start_is_refused(member, provider):
    client = Client()
    client.get("/accounts/organisation/")
    response = client.get("/accounts/organisation/callback/", {"code": "c", "state": "forged"})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "persona", ["anonymous", "outsider", "member", "chair", "secretary", "mfa_not_done"]
)
def test_configured_every_persona_is_sent_to_the_provider(persona, client_as, provider, db):
    response = client_as(persona).get("/accounts/organisation/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"{PROVIDER}/authorize?")
