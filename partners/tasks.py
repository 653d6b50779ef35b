"""Celery tasks of the partners app: thin, each calls one service."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(acks_late=True)
def refresh_board_permissions():
    return services.board_permissions_refresh()


@shared_task(acks_late=True)
def password_reset_send(*, email, domain, use_https):
    return services.password_reset_send(email=email, domain=domain, use_https=use_https)


@shared_task(acks_late=True)
def return_reminders_send():
    return services.return_reminders_send(on=timezone.localdate())


@shared_task(acks_late=True)
def return_reminder_send(*, reminder_id):
    return services.return_reminder_send(reminder_id=reminder_id)
