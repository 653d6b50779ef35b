"""Recording breaches: an interest found that should have been on the register and was not."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..audit import save_with_history
from ..models import Breach


@transaction.atomic
def breach_record(*, actor, person, what, found_on, action_taken, found_at=""):
    """Record a breach of `person`'s: what was not declared, the day it was found (not in
    the future), where, and the action taken. Every field but `found_at` is needed."""
    errors = {}
    if not what.strip():
        errors["what"] = "Say what was not declared."
    if not action_taken.strip():
        errors["action_taken"] = "Say what action was taken."
    if found_on > timezone.localdate():
        errors["found_on"] = "The day it was found must be today or in the past."
    if errors:
        raise ValidationError(errors)
    breach = Breach(
        person=person,
        what=what.strip(),
        found_on=found_on,
        found_at=found_at.strip(),
        action_taken=action_taken.strip(),
        recorded_by=actor,
    )
    return save_with_history(breach, actor=actor, reason="Breach recorded")
