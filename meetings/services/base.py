"""The rules every service of the meetings app shares: how a refusal is raised, how a row is
saved with its history, and when an agenda is closed to change."""

from django.core.exceptions import ValidationError

from partners.audit import save_with_history

from ..models import MeetingStatus


def save(instance, actor, reason):
    return save_with_history(instance, actor=actor, reason=reason)


def refuse(field, message):
    """Refuse a write, with a message on the field (or rule) it breaks."""
    raise ValidationError({field: message})


def refuse_unless(condition, field, message):
    if not condition:
        refuse(field, message)


def refuse_unless_open(meeting):
    refuse_unless(
        meeting.status in MeetingStatus.open(),
        "status",
        "The agenda of a held or cancelled meeting is closed.",
    )
