"""Recording gifts and hospitality, and the rule of the person's partnership that applies: the
form says it before anything is saved, and the service refuses what the rule does not allow."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from ..audit import save_with_history
from ..models import Gift, GiftKind, GiftOutcome, GiftRules, Membership

# Gifts from one source are counted together over this many days before the one offered.
COUNTED_TOGETHER_DAYS = 365


@dataclass(frozen=True)
class GiftRule:
    """What a partnership's rules say of an offer: in words, and whether accepting it needs
    someone's approval or is not allowed at all."""

    text: str
    needs_approval: bool = False
    never_accepted: bool = False


def _pounds(value):
    return f"£{value:,.0f}" if value == value.to_integral_value() else f"£{value:,.2f}"


def gift_rules_for(person):
    """The rules of the partnership of the person's first seat, or NHS England's defaults."""
    seat = (
        Membership.objects.active()
        .filter(user=person, board__partnership__gift_rules__isnull=False)
        .select_related("board__partnership__gift_rules")
        .order_by("board__name")
        .first()
    )
    return seat.board.partnership.gift_rules if seat else GiftRules()


def earlier_from(person, giver, offered_on, *, excluding=None):
    """The value of the gifts the person accepted from `giver` in the year before."""
    since = offered_on - datetime.timedelta(days=COUNTED_TOGETHER_DAYS)
    gifts = Gift.objects.filter(
        person=person,
        kind=GiftKind.GIFT,
        outcome=GiftOutcome.ACCEPTED,
        giver__iexact=giver.strip(),
        offered_on__range=(since, offered_on),
    )
    if excluding is not None:
        gifts = gifts.exclude(pk=excluding.pk)
    return gifts.aggregate(total=Sum("value"))["total"] or Decimal(0)


def gift_rule(*, kind, value, earlier, rules):
    """The rule that applies to an offer of `value` pounds, with `earlier` pounds of gifts
    already accepted from the same source in the year."""
    if kind == GiftKind.CASH:
        return GiftRule("Cash and vouchers are always declined.", never_accepted=True)
    if kind == GiftKind.PROMOTIONAL and value <= rules.promotional_up_to:
        limit = _pounds(rules.promotional_up_to)
        return GiftRule(f"Promotional items up to {limit} may be accepted.")
    if kind == GiftKind.HOSPITALITY:
        return _hospitality_rule(value, rules)
    total, limit = earlier + value, rules.gifts_for_the_organisation_over
    if total > limit:
        counted = f" ({_pounds(total)} with earlier gifts from the same source)" if earlier else ""
        return GiftRule(
            f"Gifts over {_pounds(limit)}{counted} are accepted only on behalf of the "
            "organisation, with approval.",
            needs_approval=True,
        )
    return GiftRule(f"Gifts up to {_pounds(limit)} from one source may be accepted.")


def _hospitality_rule(value, rules):
    low, high = rules.hospitality_declared_from, rules.hospitality_refused_over
    if value < low:
        return GiftRule(f"Hospitality under {_pounds(low)} may be accepted.")
    if value <= high:
        return GiftRule(f"Hospitality of {_pounds(low)} to {_pounds(high)} may be accepted.")
    return GiftRule(
        f"Hospitality over {_pounds(high)} is refused unless it is approved.",
        needs_approval=True,
    )


def rule_for_offer(person, *, kind, value, giver, offered_on):
    """The rule for an offer to `person`, under their partnership's rules."""
    earlier = earlier_from(person, giver, offered_on) if kind == GiftKind.GIFT else Decimal(0)
    return gift_rule(kind=kind, value=value, earlier=earlier, rules=gift_rules_for(person))


@transaction.atomic
def gift_declare(
    *, actor, person, kind, giver, description, value, offered_on, outcome, approved_by=None
):
    """Record a gift or hospitality offered to `person`, with the rule that applied. Refuses
    cash accepted, and an acceptance the rule requires approval for without an approver
    (who is someone else)."""
    rule = rule_for_offer(person, kind=kind, value=value, giver=giver, offered_on=offered_on)
    accepted = outcome == GiftOutcome.ACCEPTED
    if accepted and rule.never_accepted:
        raise ValidationError({"outcome": f"{rule.text} Record it as declined."})
    if approved_by is not None and approved_by.pk == person.pk:
        raise ValidationError({"approved_by": "Someone else must approve it, not you."})
    if accepted and rule.needs_approval and approved_by is None:
        raise ValidationError({"approved_by": f"{rule.text} Select who approved it."})
    gift = Gift(
        person=person,
        kind=kind,
        giver=giver.strip(),
        description=description,
        value=value,
        offered_on=offered_on,
        outcome=outcome,
        approved_by=approved_by,
        rule=rule.text,
    )
    return save_with_history(gift, actor=actor, reason="Declared a gift or hospitality")
