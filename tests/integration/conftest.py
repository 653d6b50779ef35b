"""A real Celery worker process on the real broker and database, for integration tests.

Runs when CELERY_BROKER_URL is set and the database is PostgreSQL (as in CI); skips
otherwise, unless REQUIRE_SERVICES=1 says it must run.

Two workers: `celery_worker_process`, the solo pool (one process doing everything), and
`celery_prefork_worker`, the prefork pool with one child, whose child a test can SIGKILL in
the middle of a task (the parent then hands the task back to the broker at once).
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from icp_portal.celery import app
from tests.conftest import required

ROOT = Path(__file__).resolve().parents[2]
# A worker asked to stop finishes its task first; after this long it is killed.
STOP_SECONDS = 20


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/integration/" in str(item.path):
            item.add_marker(pytest.mark.services)


def database_url_of_the_test_database():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    return f"postgres://{db['USER']}{password}@{host}/{db['NAME']}"


def skip_without_services():
    reasons = []
    if settings.CELERY_BROKER_URL.startswith("filesystem:"):  # make run's embedded broker
        reasons.append("CELERY_BROKER_URL names no broker service")
    if connection.vendor != "postgresql":
        reasons.append("the database is not PostgreSQL")
    if reasons:
        if required("REQUIRE_SERVICES"):
            pytest.fail("integration tests must run here: " + ", ".join(reasons))
        pytest.skip(", ".join(reasons))


class Worker:
    """A `celery -A icp_portal worker` process consuming a queue of its own."""

    def __init__(self, process, queue, log):
        self.process, self.queue, self.log_path = process, queue, log

    @property
    def pid(self):
        return self.process.pid

    def children(self):
        """The pids of the worker's pool processes (none for the solo pool)."""
        pids = []
        for children in Path(f"/proc/{self.pid}/task").glob("*/children"):
            try:
                pids += [int(pid) for pid in children.read_text().split()]
            except FileNotFoundError:  # a thread that ended meanwhile
                continue
        return sorted(set(pids))

    def log(self):
        return self.log_path.read_text(errors="replace")


@contextmanager
def worker_running(tmp_path, *pool, queue=None, environment=None):
    """Start a worker with these pool options on a new queue (or this one), with these
    environment variables besides; stop it (or kill it) after."""
    name = f"test-{uuid.uuid4().hex[:8]}"
    queue = queue or name
    env = os.environ | {
        "DATABASE_URL": database_url_of_the_test_database(),
        "DEBUG": "true",
        # The worker reads the papers and writes the packs where this test's files are.
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    env |= environment or {}
    command = [sys.executable, "-m", "celery", "-A", "icp_portal", "worker", *pool]
    command += ["--queues", queue, "--hostname", f"{name}@%h", "--loglevel", "INFO"]
    log = tmp_path / f"worker-{name}.log"
    # Into a file, not a pipe: a pipe nobody reads until the end fills up and blocks the worker.
    with open(log, "w") as output:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so its children can go with it
        )
    worker = Worker(process, queue, log)
    try:
        yield worker
    finally:
        process.terminate()  # a warm shutdown: the task under way is finished first
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        with suppress(ProcessLookupError):  # children left behind by a parent that died first
            os.killpg(process.pid, signal.SIGKILL)
        print(worker.log())


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path):
    """Starts `celery -A icp_portal worker --pool solo` on a queue of its own; yields the
    queue name. Send it tasks with `apply_async(queue=...)`."""
    skip_without_services()
    with worker_running(tmp_path, "--pool", "solo") as worker:
        yield worker.queue


@pytest.fixture
def celery_prefork_worker(transactional_db, tmp_path):
    """Starts `celery -A icp_portal worker --pool prefork --concurrency 1` on a queue of its
    own; yields the `Worker` (`.queue`, `.pid`, `.children()`, `.log()`).

    While it runs, the tasks this test process sends without naming a queue go to that
    queue too (it is the app's default queue): a build the portal asks for when a
    transaction commits reaches this worker as it would in production, and no task sent
    here is left on a queue nobody reads. The tasks a worker sends on name their queue.
    """
    skip_without_services()
    pool = ["--pool", "prefork", "--concurrency", "1", "--without-mingle", "--without-gossip"]
    with worker_running(tmp_path, *pool) as worker:
        default_queue = app.conf.task_default_queue
        app.conf.task_default_queue = worker.queue
        try:
            yield worker
        finally:
            app.conf.task_default_queue = default_queue


@pytest.fixture
def builds_only_in_the_worker(monkeypatch):
    """Records any build step run in this test process (there must be none)."""
    from meetings.services import packs as pack_services

    here = []
    for name in ["pack_build_run", "pack_part_render", "pack_build_assemble"]:
        real = getattr(pack_services, name)
        monkeypatch.setattr(
            pack_services, name, lambda *a, _n=name, _r=real, **k: here.append(_n) or _r(*a, **k)
        )
    return here


def wait_until(condition, timeout=60, message="condition", interval=0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")
