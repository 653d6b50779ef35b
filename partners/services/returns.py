"""Making a declaration return: confirming one's entries on the register, or a nil return."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ..audit import save_with_history
from ..models import DeclarationReturn, Interest, ReturnKind, shown


@transaction.atomic
def return_make(*, actor, person, kind, on):
    """Record `person`'s return of day `on`. A nil return is refused while an entry of theirs
    is current, and a second one the same day; a confirmation needs entries to confirm."""
    current = [
        interest
        for interest in Interest.objects.select_for_update().filter(person=person)
        if interest.is_current(on)
    ]
    if kind == ReturnKind.NIL and current:
        first = current[0]
        raise ValidationError(
            {
                "kind": "You cannot make a nil return while an interest of yours is current "
                f"(from {shown(first.starts_on, first.starts_precision)}, "
                f"{first.organisation_named}): confirm your entries instead, or record "
                "when the interest ended."
            }
        )
    if kind == ReturnKind.CONFIRMED and not Interest.objects.filter(person=person).exists():
        raise ValidationError(
            {"kind": "You have no entries on the register to confirm: make a nil return."}
        )
    made = DeclarationReturn(person=person, kind=kind, made_on=on)
    return save_with_history(made, actor=actor, reason=made.get_kind_display())
