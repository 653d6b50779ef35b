"""Reads of the register of interests: for the person who declared them, for the governance
team, and the public register (the only read the public gets)."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404

from ..models import (
    PUBLIC_MONTHS_AFTER_END,
    Interest,
    Membership,
    ReviewStatus,
    Role,
    months_after,
)
from ..permissions import interests as permissions


def _entries():
    return Interest.objects.select_related("organisation", "person", "reviewed_by")


def my_interests(user):
    """A person's own entries: current and past, newest start first."""
    return list(_entries().filter(person=user).order_by("-starts_on", "-id"))


def interest_of(user, pk):
    """One of the person's own entries (404 for anyone else's)."""
    interest = _entries().filter(pk=pk).first()
    if interest is None or not permissions.can_change_interest(user, interest):
        raise Http404("No such interest.")
    return interest


def interests_to_review():
    """Every entry waiting for the governance team, the oldest declared first."""
    return list(_entries().filter(status=ReviewStatus.WAITING).order_by("changed_at", "id"))


def interest_for_review(pk):
    interest = _entries().filter(pk=pk).first()
    if interest is None:
        raise Http404("No such interest.")
    return interest


@dataclass
class RegisterPerson:
    """A decision-maker on the public register: their positions, and their entries."""

    person: object
    positions: list = field(default_factory=list)  # "Member, ICS Board"
    interests: list = field(default_factory=list)


def decision_maker_memberships(on):
    """The seats that make someone a decision-maker on a day: a vote, or the chair."""
    return (
        Membership.objects.active(on)
        .filter(Q(voting=True) | Q(role__in=[Role.CHAIR, Role.DEPUTY_CHAIR]))
        .exclude(role=Role.SECRETARIAT)
    )


def public_register(*, on, name="", board=None, organisation=None):
    """The published register on a day: decision-makers' accepted entries that are not
    withheld, until six months after they end; by person, optionally only those named
    `name`, on `board`, or with an interest in `organisation`. Three queries, whatever
    the size of the register."""
    seats = decision_maker_memberships(on)
    if board is not None:
        seats = seats.filter(board=board)
    entries = (
        _entries()
        .filter(
            status=ReviewStatus.ACCEPTED,
            withheld=False,
            person__in=seats.values("user"),
        )
        .filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=months_after(on, -PUBLIC_MONTHS_AFTER_END))
        )
        .order_by("person__full_name", "person_id", "-starts_on", "id")
    )
    if name.strip():
        entries = entries.filter(person__full_name__icontains=name.strip())
    if organisation is not None:
        entries = entries.filter(organisation=organisation)
    people = {}
    for interest in entries:
        people.setdefault(interest.person_id, RegisterPerson(interest.person)).interests.append(
            interest
        )
    positions = (
        decision_maker_memberships(on)
        .filter(user__in=people)
        .select_related("board")
        .order_by("board__name")
    )
    for seat in positions:
        people[seat.user_id].positions.append(f"{seat.get_role_display()}, {seat.board.name}")
    return list(people.values())
