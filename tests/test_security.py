"""What every response promises a browser and a proxy: a strict Content-Security-Policy, no
signed-in page in any cache, and a health check that tells the public nothing."""

import logging
import os
import re

import pytest
from django.db import OperationalError, connections
from django.test import Client

from tests.conftest import SECRET_TITLE

pytestmark = pytest.mark.django_db

NOV = "/boards/ics-board/meetings/2020-11-04/"
DEC = "/boards/ics-board/meetings/2020-12-02/"

# One page of each kind, as anyone and as a member of the board.
PAGE_TYPES = [
    "/",
    "/boards/",
    "/boards/ics-board/",
    "/boards/ics-board/meetings/",
    DEC,
    "/papers/{public}/",
    f"{NOV}minutes/",
    f"{DEC}actions/",
    "/partners/",
    "/partners/elht/",
    "/accessibility/",
    "/accounts/password-reset/",
    "/boards/no-such-board/",
]
SIGNED_OUT_PAGES = ["/accounts/login/", "/admin/login/"]
SECRETARIAT_PAGES = [f"{DEC}agenda/", f"{DEC}edit/", f"{NOV}attendance/", "/admin/"]


def assert_strict_policy(response):
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
    nonces = [s for s in script_src if s.startswith("'nonce-")]
    assert len(nonces) == 1, policy
    assert re.search(r"style-src 'self'(;|$)", policy), policy
    html = response.content.decode()
    nonce = nonces[0][len("'nonce-") : -1]
    for tag in re.findall(r"<script\b[^>]*>", html):
        # Inline scripts run only with this response's nonce; data blocks never run.
        assert "src=" in tag or f'nonce="{nonce}"' in tag or "application/json" in tag, tag
    # Inline styles and event handlers would be blocked: none may be relied on.
    assert not re.search(r"<[^>]+\sstyle=", html), response.request["PATH_INFO"]
    assert not re.search(r"<[^>]+\son[a-z]+=", html), response.request["PATH_INFO"]


@pytest.mark.parametrize("persona", ["anonymous", "member"])
def test_every_page_type_carries_a_strict_policy_with_a_nonce(scene, client_as, persona):
    client = client_as(persona)
    for path in PAGE_TYPES:
        response = client.get(path.format(**scene))
        assert response.status_code in {200, 404}, path
        assert_strict_policy(response)


def test_sign_in_pages_and_the_secretariats_screens_carry_it_too(scene, client_as):
    for path in SIGNED_OUT_PAGES:
        assert_strict_policy(client_as("anonymous").get(path))
    for path in SECRETARIAT_PAGES:
        response = client_as("secretary" if path != "/admin/" else "governance_admin").get(path)
        assert response.status_code == 200, path
        assert_strict_policy(response)


def test_each_response_has_a_nonce_of_its_own(scene, client_as):
    first, second = (client_as("anonymous").get("/") for _ in range(2))
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]


def test_a_members_meeting_page_is_kept_in_no_cache(scene, client_as):
    response = client_as("member").get(DEC)
    assert SECRET_TITLE in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("persona", ["outsider", "secretary", "governance_admin"])
def test_every_signed_in_page_is_kept_in_no_cache(scene, client_as, persona):
    for path in ["/", "/boards/ics-board/", "/partners/", "/boards/no-such-board/"]:
        response = client_as(persona).get(path)
        assert response["Cache-Control"] == "private, no-store", (persona, path)


def test_the_publics_pages_are_left_as_their_views_made_them(scene, client_as):
    for path in ["/", DEC, "/boards/ics-board/", "/papers/feed/"]:
        assert not client_as("anonymous").get(path).has_header("Cache-Control"), path


def test_a_views_own_cache_decision_stands(scene, client_as):
    # A public document is the same for members: their browser may keep it.
    response = client_as("member").get(f"{DEC}agenda.pdf")
    assert response["Cache-Control"] == "private, no-store"
    response = client_as("member").get(f"/papers/{scene['public']}/cover-sheet.pdf")
    assert response["Cache-Control"] == "private"


# The health check.


def test_healthz_answers_ok_when_all_is_well(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Cache-Control"] == "no-store"


def test_healthz_answers_probes_by_address_over_plain_http(client, settings):
    settings.ALLOWED_HOSTS = ["governance.example.nhs.uk"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.3.7:8000")
    assert (response.status_code, response.content) == (200, b"ok")
    # Everything else still goes to HTTPS, on an allowed host only.
    assert client.get("/", HTTP_HOST="governance.example.nhs.uk").status_code == 301
    assert client.get("/", HTTP_HOST="10.0.3.7:8000").status_code == 400


def test_healthz_reaches_a_configured_broker(client, settings):
    settings.CELERY_BROKER_URL = "memory://"
    assert client.get("/healthz").status_code == 200


def assert_unavailable_without_detail(response, caplog, failed):
    assert response.status_code == 503
    assert response.content == b"unavailable"
    logged = [r for r in caplog.records if r.name == "icp_portal.health"]
    assert [r.getMessage() for r in logged] == [f"Health check failed: {failed}"]
    assert logged[0].exc_info


def test_healthz_fails_when_the_broker_is_unreachable(client, settings, caplog):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    with caplog.at_level(logging.ERROR):
        response = client.get("/healthz")
    assert_unavailable_without_detail(response, caplog, "broker")
    assert b"127.0.0.1" not in response.content


def test_healthz_fails_when_media_cannot_be_created(client, settings, tmp_path, caplog):
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder")
    settings.MEDIA_ROOT = in_the_way / "media"
    with caplog.at_level(logging.ERROR):
        response = client.get("/healthz")
    assert_unavailable_without_detail(response, caplog, "media")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_healthz_fails_when_media_is_read_only(client, settings, tmp_path, caplog):
    media = tmp_path / "read-only"
    media.mkdir(mode=0o555)
    settings.MEDIA_ROOT = media
    with caplog.at_level(logging.ERROR):
        response = client.get("/healthz")
    media.chmod(0o755)
    assert_unavailable_without_detail(response, caplog, "media")
    assert list(media.iterdir()) == []


def test_healthz_leaves_nothing_in_media(client, settings):
    assert client.get("/healthz").status_code == 200
    assert list(settings.MEDIA_ROOT.iterdir()) == []


def test_healthz_fails_when_the_database_does_not_answer(client, monkeypatch, caplog):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", refuse)
    with caplog.at_level(logging.ERROR):
        response = client.get("/healthz")
    assert_unavailable_without_detail(response, caplog, "database")
    assert b"refused" not in response.content


def test_healthz_serves_only_reads():
    assert Client().post("/healthz").status_code == 404
