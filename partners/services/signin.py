"""Writes of signing in: confirming an authenticator app, sending a password reset link."""

from celery import current_app
from django.contrib.auth import forms as auth_forms
from django.db import transaction

from .. import signin

PASSWORD_RESET_TASK = "partners.tasks.password_reset_send"


@transaction.atomic
def second_factor_confirm(*, user, device, code_count):
    """Confirm an authenticator app the user has just proved (its first code was right), and
    issue a fresh set of recovery codes in place of any earlier ones. Returns the codes: they
    are shown once, and each works once."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device.confirmed = True
    device.save(update_fields=["confirmed"])
    device.user.totpdevice_set.exclude(pk=device.pk).delete()
    StaticDevice.objects.filter(user=user, name="Recovery codes").delete()
    recovery = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(code_count)]
    for code in codes:
        recovery.token_set.create(token=code)
    return codes


def password_reset_request(*, email, address, domain, use_https):
    """Ask for a reset link to be sent to this email once the request's transaction commits,
    unless this address or client has asked too often this hour. Nothing here looks the
    email up, so the page answers in the same time for a known and an unknown address."""
    if not signin.password_reset_allowed(email, address):
        return
    # Sent by the task's name, so that the services never import the tasks (which import
    # them); the app registers its tasks when it is ready.
    send = current_app.tasks[PASSWORD_RESET_TASK]
    transaction.on_commit(lambda: send.delay(email=email, domain=domain, use_https=use_https))


def password_reset_send(*, email, domain, use_https):
    """Send a password reset link to every active account with this email (none for an
    unknown address). Runs in a task, so the asking page never shows which it was."""
    form = auth_forms.PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https)
