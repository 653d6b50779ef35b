"""Reminders of declaration returns: the schedule emails once as a return falls due and once
after, never twice; a failed email is tried again; the governance team reminds again."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.utils import timezone

from icp_portal.celery import app
from partners import tasks
from partners.models import ReminderKind, ReturnKind, ReturnReminder, Role
from partners.services import membership_start
from partners.services import reminders as services
from partners.services import returns as return_services
from tests.conftest import text_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

JOINED = datetime.date(2026, 3, 2)
DUE = JOINED + datetime.timedelta(days=28)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def newcomer(board):
    person = UserFactory(full_name="Nadia Newcomer")
    membership_start(actor=None, user=person, board=board, role=Role.MEMBER, starts_on=JOINED)
    return person


def reminders_of(person):
    return list(ReturnReminder.objects.filter(person=person).values_list("kind", "sent_on"))


def test_the_schedule_reminds_once_as_a_return_falls_due_and_once_after(newcomer, board):
    for day in [
        JOINED - DAY,
        JOINED,
        JOINED,
        JOINED + DAY,
        DUE,
        DUE + DAY,
        DUE + DAY,
        DUE + 9 * DAY,
    ]:
        services.return_reminders_send(on=day)

    assert reminders_of(newcomer) == [
        (ReminderKind.AFTER, DUE + DAY),
        (ReminderKind.BEFORE, JOINED),
    ]
    to_newcomer = [message for message in mail.outbox if message.to == [newcomer.email]]
    before, after = to_newcomer
    assert before.subject == "Your declaration of interests is due by 30 March 2026"
    assert after.subject == "Your declaration of interests is overdue: it was due on 30 March 2026"
    assert "http://127.0.0.1:8000/my-interests/#return" in before.body
    assert f"Member, {board.name}" in before.body
    assert "Dear Nadia Newcomer," in after.body


def test_no_reminder_once_the_return_is_made(newcomer):
    return_services.return_make(
        actor=newcomer, person=newcomer, kind=ReturnKind.NIL, on=JOINED + 3 * DAY
    )
    for day in [JOINED + 4 * DAY, DUE, DUE + DAY]:
        services.return_reminders_send(on=day)
    assert reminders_of(newcomer) == []


def test_a_new_due_date_is_reminded_afresh(newcomer):
    services.return_reminders_send(on=JOINED)
    return_services.return_make(actor=newcomer, person=newcomer, kind=ReturnKind.NIL, on=DUE)
    next_due = DUE + 365 * DAY
    services.return_reminders_send(on=next_due - 28 * DAY)
    assert [kind for kind, _ in reminders_of(newcomer)] == [ReminderKind.BEFORE] * 2
    assert ReturnReminder.objects.filter(person=newcomer, due_on=next_due).exists()


def test_an_email_that_fails_is_recorded_only_when_sent(newcomer, monkeypatch):
    real = services.send_mail

    def down(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("the mail server went away")

    monkeypatch.setattr(services, "send_mail", down)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        services.return_reminders_send(on=JOINED)
    assert reminders_of(newcomer) == []

    monkeypatch.setattr(services, "send_mail", real)
    services.return_reminders_send(on=JOINED + DAY)
    assert reminders_of(newcomer) == [(ReminderKind.BEFORE, JOINED + DAY)]


def test_a_closed_account_gets_no_reminder(newcomer):
    newcomer.is_active = False
    newcomer.save()
    assert services.return_reminders_send(on=JOINED) == 0


def test_the_beat_task_sends_todays_reminders(member, tasks_in_process):
    # The member has sat on the board for years with no return: overdue.
    entry = app.conf.beat_schedule["send-return-reminders"]
    assert entry["task"] == "partners.tasks.return_reminders_send"
    assert entry["task"] in app.tasks

    tasks.return_reminders_send.delay()
    tasks.return_reminders_send.delay()

    assert reminders_of(member) == [(ReminderKind.AFTER, timezone.localdate())]
    assert len([m for m in mail.outbox if m.to == [member.email]]) == 1


def test_the_governance_team_reminds_again(
    member, chair, client_as, tasks_in_process, django_capture_on_commit_callbacks
):
    client = client_as("secretary")
    page = client.get("/interests/returns/")
    assert f'action="/interests/returns/{member.pk}/remind/"' in page.content.decode()
    assert "Not yet" in text_of(page)

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/interests/returns/{member.pk}/remind/", follow=True)

    assert f"{member.full_name} is reminded again by email." in text_of(done)
    (reminder,) = ReturnReminder.objects.filter(person=member)
    assert (reminder.kind, reminder.sent_by.full_name) == (
        ReminderKind.AGAIN,
        done.wsgi_request.user.full_name,
    )
    (message,) = [m for m in mail.outbox if m.to == [member.email]]
    assert "/my-interests/#return" in message.body
    # Last reminded today: the only day of today on the page, in this round.
    assert f'datetime="{timezone.localdate():%Y-%m-%d}"' in done.content.decode()


def test_nobody_is_reminded_of_a_return_made(chair, client_as, tasks_in_process):
    return_services.return_make(
        actor=chair, person=chair, kind=ReturnKind.NIL, on=timezone.localdate()
    )
    client = client_as("secretary")
    assert (
        f"/interests/returns/{chair.pk}/remind/"
        not in client.get("/interests/returns/").content.decode()
    )

    refused = client.post(f"/interests/returns/{chair.pk}/remind/", follow=True)

    assert "there is nothing to remind them of" in text_of(refused)
    assert not ReturnReminder.objects.filter(person=chair).exists()
    assert not mail.outbox


def test_only_decision_makers_are_reminded(secretary, client_as, tasks_in_process):
    refused = client_as("governance_admin").post(
        f"/interests/returns/{secretary.pk}/remind/", follow=True
    )
    assert "is not a decision-maker: they make no returns." in text_of(refused)
    assert not ReturnReminder.objects.exists()
