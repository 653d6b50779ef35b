"""Reminding decision-makers of their declaration returns by email: the schedule's reminders
(one as a return falls due, one once it is overdue) and those the governance team sends again."""

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from ..models import ReminderKind, ReturnReminder
from ..selectors.returns import ReturnStatus, returns_owed

REMINDER_TASK = "partners.tasks.return_reminder_send"
SCHEDULED_KIND = {ReturnStatus.DUE: ReminderKind.BEFORE, ReturnStatus.OVERDUE: ReminderKind.AFTER}


def return_reminders_send(*, on):
    """Send the reminders the schedule owes on day `on`: one to each decision-maker whose
    return falls due within 28 days, and one to each whose return is overdue, once per due
    date. Each is recorded and sent in one transaction: a failed email is tried again on
    the next run, and a reminder already recorded is never sent again. Returns how many."""
    sent = 0
    already = set(
        ReturnReminder.objects.filter(kind__in=SCHEDULED_KIND.values()).values_list(
            "person", "due_on", "kind"
        )
    )
    for owed in returns_owed(on):
        kind = SCHEDULED_KIND.get(owed.status)
        if kind is None or not owed.person.is_active:
            continue
        if (owed.person.pk, owed.due_on, kind) in already:
            continue
        try:
            with transaction.atomic():
                reminder = ReturnReminder.objects.create(
                    person=owed.person, due_on=owed.due_on, kind=kind, sent_on=on
                )
                _email(reminder, owed)
        except IntegrityError:  # another run of the schedule recorded it first
            continue
        sent += 1
    return sent


@transaction.atomic
def return_remind(*, actor, person, on):
    """The governance team reminds `person` again of a return that is due or overdue; the
    email goes from a worker once this is committed. Refused for someone who owes none."""
    owed = returns_owed(on, people=[person])
    if not owed:
        raise ValidationError(f"{person.full_name} is not a decision-maker: they make no returns.")
    if owed[0].status == ReturnStatus.COMPLETE:
        raise ValidationError(
            f"{person.full_name}'s next return is not due until "
            f"{owed[0].due_on:%-d %B %Y}: there is nothing to remind them of."
        )
    if not person.is_active:
        raise ValidationError(f"{person.full_name}'s account is closed: they cannot sign in.")
    reminder = ReturnReminder.objects.create(
        person=person, due_on=owed[0].due_on, kind=ReminderKind.AGAIN, sent_on=on, sent_by=actor
    )
    send = current_app.tasks[REMINDER_TASK]
    transaction.on_commit(lambda: send.delay(reminder_id=reminder.pk))
    return reminder


def return_reminder_send(*, reminder_id):
    """Email a reminder the governance team recorded (in a worker, after their request)."""
    reminder = ReturnReminder.objects.select_related("person").filter(pk=reminder_id).first()
    if reminder is None:
        return False
    owed = returns_owed(reminder.sent_on, people=[reminder.person])
    _email(reminder, owed[0] if owed else None)
    return True


def _email(reminder, owed):
    context = {
        "person": reminder.person,
        "due_on": reminder.due_on,
        "overdue": reminder.due_on < reminder.sent_on,
        "positions": owed.positions if owed else [],
        "last_return": owed.last_return if owed else None,
        "link": settings.PORTAL_ADDRESS.rstrip("/") + reverse("partners:my_interests") + "#return",
    }
    subject = render_to_string("partners/email/return_reminder_subject.txt", context)
    send_mail(
        " ".join(subject.split()),
        render_to_string("partners/email/return_reminder.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [reminder.person.email],
    )
