"""Interests declared at a meeting and the register of interests: a declaration that is not
on the register is added to it in one step (by its person, or by the governance team), and
one that should have been registered already is recorded as a breach; a declaration of an
entry already on the register is linked to it, so the minutes and the register point to
each other."""

import datetime

from django.db import transaction
from django.utils import timezone

from partners.audit import save_with_history
from partners.models import first_day
from partners.selectors.decision_makers import decision_maker_memberships
from partners.services import breaches as breach_services
from partners.services import interests as interest_services

from ..models import Declaration
from .base import refuse, refuse_unless

# NHS England's guidance: an interest is registered within 28 days of its arising (or of
# joining the board). Declared at a meeting later than that, it was a breach.
REGISTER_WITHIN = datetime.timedelta(days=28)


def declared_where(declaration):
    """Where a declaration was made, as the register of breaches names it."""
    meeting = declaration.meeting
    where = f"item {declaration.item.reference}" if declaration.item_id else "the start"
    return f"{meeting.board.name}, {meeting.day_name}, at {where}"


def _locked(declaration):
    declaration = (
        Declaration.objects.select_for_update(of=("self",))
        .select_related("attendance__person", "meeting__board", "item")
        .get(pk=declaration.pk)
    )
    refuse_unless(
        declaration.attendance.person_id,
        "declaration",
        f"{declaration.attendance.full_name} has no portal account, so no register of "
        "interests: add them as a person first.",
    )
    refuse_unless(
        not declaration.interest_id,
        "declaration",
        "This declaration is on the register already.",
    )
    return declaration


def registered_late(declaration, starts_on, starts_precision):
    """Whether the interest should have been on the register by the meeting: its person sat
    on the board with a vote or the chair, and both the interest and their seat were more
    than 28 days old."""
    meeting = declaration.meeting
    seat = (
        decision_maker_memberships(meeting.date)
        .filter(board=meeting.board, user=declaration.attendance.person)
        .order_by("starts_on")
        .first()
    )
    if seat is None:
        return False
    owed_from = max(first_day(starts_on, starts_precision), seat.starts_on)
    return owed_from + REGISTER_WITHIN < meeting.date


@transaction.atomic
def declaration_register(*, actor, declaration, accept, breach_action="", **fields):
    """Add the interest declared at a meeting to its person's register of interests, with
    the entry's `fields` (as interest_declare takes them), and link the declaration to it.
    `accept` (for the governance team) accepts the entry at once; otherwise it waits for
    review. If it should have been registered by the meeting, a breach is recorded too,
    found on the meeting's day, with `breach_action` as the action taken."""
    declaration = _locked(declaration)
    person = declaration.attendance.person
    interest = interest_services.interest_declare(actor=actor, person=person, **fields)
    if accept:
        interest_services.interest_review(actor=actor, interest=interest, accepted=True)
    declaration.interest = interest
    if registered_late(declaration, interest.starts_on, interest.starts_precision):
        declaration.breach = breach_services.breach_record(
            actor=actor,
            person=person,
            what=(
                f"A {declaration.get_interest_type_display().lower()} interest declared at "
                f"the meeting and not on the register: {declaration.nature_sentence}"
            ),
            found_on=min(declaration.meeting.date, timezone.localdate()),
            found_at=declared_where(declaration),
            action_taken=breach_action.strip() or "Added to the register of interests.",
        )
    return save_with_history(declaration, actor=actor, reason="Added to the register")


@transaction.atomic
def declaration_link(*, actor, declaration, interest):
    """Link a declaration to the entry on its person's register that it is about."""
    declaration = _locked(declaration)
    if interest.person_id != declaration.attendance.person_id:
        refuse("interest", "Choose one of the entries of the person who declared it.")
    declaration.interest = interest
    return save_with_history(declaration, actor=actor, reason="Linked to the register")
