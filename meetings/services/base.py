"""The rules every service of the meetings app shares: how a refusal is raised, how a row is
saved with its history, and when an agenda is closed to change."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from partners.audit import save_with_history

from ..models import MeetingStatus


def save(instance, actor, reason):
    """Validate and save a row with its history, or leave a row that is as stored alone: a
    form saved unchanged writes nothing and adds no history record."""
    if instance.pk is not None and unchanged(instance):
        return instance
    return save_with_history(instance, actor=actor, reason=reason)


def unchanged(instance):
    """Whether every field of a stored row is as the database holds it (False for a row not
    yet stored)."""
    fields = [f for f in instance._meta.concrete_fields if not f.primary_key]
    stored = (
        type(instance)
        ._default_manager.filter(pk=instance.pk)
        .values(*[f.attname for f in fields])
        .first()
    )
    if stored is None:
        return False
    return all(
        _same(field, getattr(instance, field.attname), stored[field.attname]) for field in fields
    )


def _same(field, value, stored):
    if value == stored:
        return True
    try:
        # The form may have set a value in another type than the database returns it.
        return field.get_prep_value(field.to_python(value)) == field.get_prep_value(
            field.to_python(stored)
        )
    except (TypeError, ValueError, ValidationError):
        return False


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


def save_fields(instance, actor, reason, fields):
    """Validate and save only `fields`, with history: a concurrent change of any other field
    stays. The history row copies the whole instance, so load it fresh (see `locked`)."""
    instance.full_clean()
    instance._history_user = actor
    instance._change_reason = reason
    instance.save(update_fields=list(fields))
    return instance


def locked(instance):
    """Lock the row until the transaction ends and bring `instance` up to date with it, so
    that what is saved next starts from the row as it is now, not as the form found it."""
    type(instance).objects.select_for_update().filter(pk=instance.pk).exists()
    instance.refresh_from_db()
    return instance


def refuse_if_stale(current, version, what):
    """Refuse a form loaded before someone else changed the row (`version` as it was then)."""
    if version is None or version == current.version:
        return
    change = current.history.filter(version=current.version).order_by("history_date").first()
    who = getattr(change and change.history_user, "full_name", "") or "another secretary"
    when = timezone.localtime(change.history_date) if change else None
    at = f" at {when:%H:%M} on {when:%-d %B %Y}" if when else ""
    refuse(
        "__all__",
        f"This {what} was changed by {who}{at}; reload the page to see the change and make "
        "yours again.",
    )
