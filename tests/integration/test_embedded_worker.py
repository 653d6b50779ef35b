"""`make run`'s configuration: no broker service, and a real worker on the embedded broker
(kombu's filesystem transport, message files in a folder). Publishing returns at once; the
worker, another process, builds the pack.

The worker needs a database it shares with this process, so this runs on PostgreSQL (an
in-memory SQLite test database is this process's alone); it needs no Redis.
"""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from icp_portal.celery import app
from meetings.models import BuildStatus, Edition, Pack, PackBuild
from tests.conftest import required
from tests.factories import meeting_at, previous_minutes_to_follow
from tests.integration.conftest import wait_until, worker_running
from tests.meetings.conftest import add_item, add_paper
from tests.meetings.test_packs import forget_connections

DAY = datetime.date(2021, 3, 3)
EMBEDDED = "filesystem://"


@pytest.fixture
def embedded_worker(transactional_db, tmp_path, monkeypatch):
    """A worker started as `make run` starts it, on a broker folder of this test's own,
    which this process sends its tasks to (Celery reads CELERY_BROKER_URL from the
    environment before its settings)."""
    if connection.vendor != "postgresql":
        if required("REQUIRE_SERVICES"):
            pytest.fail("the embedded worker's test must run here: the database is not PostgreSQL")
        pytest.skip("the database is not PostgreSQL")
    folder = tmp_path / "broker"
    for sub in ["messages", "control"]:
        (folder / sub).mkdir(parents=True)
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS | {
        "data_folder_in": str(folder / "messages"),
        "data_folder_out": str(folder / "messages"),
        "control_folder": str(folder / "control"),
    }
    monkeypatch.setenv("CELERY_BROKER_URL", EMBEDDED)
    monkeypatch.setitem(app.conf, "broker_url", EMBEDDED)
    monkeypatch.setitem(app.conf, "broker_transport_options", options)
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    forget_connections()
    environment = {"CELERY_BROKER_URL": "", "CELERY_BROKER_FOLDER": str(folder)}
    schedule = ["--beat", "--schedule", str(folder / "beat-schedule")]
    try:
        with worker_running(
            tmp_path,
            "--concurrency",
            "1",
            *schedule,
            queue=app.conf.task_default_queue,
            environment=environment,
        ) as worker:
            yield worker
    finally:
        forget_connections()


def test_publishing_returns_at_once_and_the_embedded_worker_builds_the_pack(
    embedded_worker, board, secretary, client_as, builds_only_in_the_worker
):
    meeting = meeting_at(board, DAY, actor=secretary)
    add_paper(add_item(meeting, secretary, title="Finance Report"), secretary)
    url = reverse("meetings:pack", args=meeting.url_args())

    previous_minutes_to_follow(meeting, secretary)
    response = client_as("secretary").post(
        reverse("meetings:publish", args=meeting.url_args()),
        {"publish": "papers", "late_reason": "Delayed by the audit"},
    )
    returned = timezone.now()

    assert response.status_code == 302
    requested = PackBuild.objects.get(meeting=meeting)
    assert not Pack.objects.filter(meeting=meeting).exists()
    waiting = client_as("anonymous").get(url)
    assert waiting.status_code == 404
    assert "The pack is being built" in waiting.content.decode()
    wait_until(
        lambda: (
            PackBuild.objects.get(pk=requested.pk).status in {BuildStatus.DONE, BuildStatus.FAILED}
        ),
        timeout=60,
        message="the worker to build the pack",
    )
    done = PackBuild.objects.get(pk=requested.pk)
    assert done.status == BuildStatus.DONE, done.error
    assert builds_only_in_the_worker == []  # the request only asked
    assert done.finished_at > returned  # built after the request had answered
    assert done.parts_rendered > 0
    log = embedded_worker.log()
    assert f"Connected to {EMBEDDED}" in log
    assert "Task meetings.tasks.assemble_pack" in log
    for edition in Edition.values:
        assert Pack.objects.get(meeting=meeting, edition=edition).version == 1
    served = client_as("anonymous").get(url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"%PDF-")
