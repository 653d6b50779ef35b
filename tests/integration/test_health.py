"""/healthz against the real database and broker."""

import pytest

from tests.integration.conftest import skip_without_services

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_with_the_real_database_and_broker(client):
    skip_without_services()
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")
