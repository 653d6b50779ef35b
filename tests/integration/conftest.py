"""A real Celery worker process on the real broker and database, for integration tests.

Runs when CELERY_BROKER_URL is set and the database is PostgreSQL (as in CI); skips
otherwise, unless REQUIRE_SERVICES=1 says it must run.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import required

ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/integration/" in str(item.path):
            item.add_marker(pytest.mark.services)


def database_url_of_the_test_database():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    return f"postgres://{db['USER']}{password}@{host}/{db['NAME']}"


@pytest.fixture
def celery_worker_process(transactional_db):
    """Starts `celery -A icp_portal worker` on a queue of its own; yields the queue name."""
    reasons = []
    if not settings.CELERY_BROKER_URL:
        reasons.append("CELERY_BROKER_URL is not set")
    if connection.vendor != "postgresql":
        reasons.append("the database is not PostgreSQL")
    if reasons:
        if required("REQUIRE_SERVICES"):
            pytest.fail("integration tests must run here: " + ", ".join(reasons))
        pytest.skip(", ".join(reasons))
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = os.environ | {
        "DATABASE_URL": database_url_of_the_test_database(),
        "DEBUG": "true",
    }
    command = [sys.executable, "-m", "celery", "-A", "icp_portal", "worker", "--pool", "solo"]
    command += ["--queues", queue, "--hostname", f"{queue}@%h", "--loglevel", "INFO"]
    worker = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield queue
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
        print(output)


def wait_until(condition, timeout=60, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")
