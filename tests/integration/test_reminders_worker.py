"""Declaration return reminders sent by a real worker over the real broker: the schedule's
task emails an overdue decision-maker once, however often it runs, and the governance
team's "remind again" reaches the worker when its request commits."""

import re

import pytest
from django.utils import timezone

from icp_portal.celery import app
from partners import tasks
from partners.models import ReminderKind, ReturnReminder
from partners.services import reminders as services
from tests.integration.conftest import skip_without_services, wait_until, worker_running

SUCCEEDED = re.compile(r"Task partners\.tasks\.return_reminders?_send\[[^\]]+\] succeeded")


@pytest.fixture
def mail_worker(transactional_db, tmp_path):
    """A solo worker that writes each email it sends as a file under tmp_path/mail."""
    skip_without_services()
    folder = tmp_path / "mail"
    environment = {"EMAIL_URL": f"filemail://{folder}"}
    with worker_running(tmp_path, "--pool", "solo", environment=environment) as worker:
        worker.mail = folder
        yield worker


def emails(folder):
    return [path.read_text() for path in sorted(folder.glob("*.log"))] if folder.exists() else []


def test_the_worker_reminds_an_overdue_member_once(mail_worker, member, chair):
    for _ in range(3):
        tasks.return_reminders_send.apply_async(queue=mail_worker.queue)

    wait_until(
        lambda: len(SUCCEEDED.findall(mail_worker.log())) == 3,
        message="the worker to run the schedule's task three times",
    )
    # The member and the chair have sat on the board for years with no return: overdue.
    assert sorted(ReturnReminder.objects.values_list("person", "kind")) == sorted(
        [(member.pk, ReminderKind.AFTER), (chair.pk, ReminderKind.AFTER)]
    )
    sent = emails(mail_worker.mail)
    assert len(sent) == 2
    to_member = next(text for text in sent if f"To: {member.email}" in text)
    assert "Your declaration of interests is overdue" in to_member
    assert "/my-interests/#return" in to_member


def test_remind_again_reaches_the_worker(mail_worker, member, secretary):
    # The request sends its task without naming a queue, as in production: to the default.
    default_queue = app.conf.task_default_queue
    app.conf.task_default_queue = mail_worker.queue
    try:
        services.return_remind(actor=secretary, person=member, on=timezone.localdate())
        wait_until(lambda: emails(mail_worker.mail), message="the reminder's email")
    finally:
        app.conf.task_default_queue = default_queue
    (text,) = emails(mail_worker.mail)
    assert f"To: {member.email}" in text
    assert ReturnReminder.objects.get().kind == ReminderKind.AGAIN
