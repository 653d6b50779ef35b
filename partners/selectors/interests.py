"""Reads of the register of interests: for the person who declared them, for the governance
team, and the public register (the only read the public gets)."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from ..links import with_entry_links
from ..models import (
    PUBLIC_MONTHS_AFTER_END,
    DeclarationReturn,
    Interest,
    ReturnKind,
    ReviewStatus,
    months_after,
)
from ..permissions import interests as permissions
from .decision_makers import decision_makers_on


def _entries():
    return Interest.objects.select_related("organisation", "person", "reviewed_by")


def my_interests(user):
    """A person's own entries: current and past, newest start first."""
    return with_entry_links(list(_entries().filter(person=user).order_by("-starts_on", "-id")))


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
    """A decision-maker on the public register: their positions, their entries, and the day of
    their nil return if their latest return says they have nothing to declare."""

    person: object
    positions: list = field(default_factory=list)  # "Member, ICS Board"
    interests: list = field(default_factory=list)
    nil_return_on: object = None


def _nil_returns(people, on):
    """The day of each person's latest return, for those whose latest is a nil return."""
    latest = {}
    for person, kind, made_on in (
        DeclarationReturn.objects.filter(person__in=people, made_on__lte=on)
        .order_by("made_on", "id")
        .values_list("person", "kind", "made_on")
    ):
        latest[person] = (kind, made_on)
    return {pk: day for pk, (kind, day) in latest.items() if kind == ReturnKind.NIL}


def _declared_on(interest):
    return timezone.localdate(interest.declared_at)


def public_register(*, on, name="", board=None, organisation=None):
    """The published register on a day: decision-makers' accepted entries that are not
    withheld, until six months after they end, and their nil returns; by person, optionally
    only those named `name`, on `board`, or with an interest in `organisation`. Four
    queries (and one for the links to meetings), whatever the size of the register."""
    makers = decision_makers_on(on, board=board)
    if name.strip():
        wanted = name.strip().casefold()
        makers = {
            pk: maker for pk, maker in makers.items() if wanted in maker.person.full_name.casefold()
        }
    entries = (
        _entries()
        .filter(status=ReviewStatus.ACCEPTED, withheld=False, person__in=makers)
        .filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=months_after(on, -PUBLIC_MONTHS_AFTER_END))
        )
        .order_by("-starts_on", "id")
    )
    if organisation is not None:
        entries = entries.filter(organisation=organisation)
    people = {
        pk: RegisterPerson(maker.person, positions=maker.positions) for pk, maker in makers.items()
    }
    for interest in with_entry_links(list(entries)):
        people[interest.person_id].interests.append(interest)
    if organisation is None:
        for pk, day in _nil_returns(makers, on).items():
            # An interest declared since says more than the nil return did.
            if not any(_declared_on(interest) > day for interest in people[pk].interests):
                people[pk].nil_return_on = day
    shown = [row for row in people.values() if row.interests or row.nil_return_on]
    return sorted(shown, key=lambda row: (row.person.full_name, row.person.pk))


def current_entries(people, on, *, public=True):
    """The accepted entries of `people` current on day `on`, by person id, oldest first:
    only those not withheld where `public` (the register's extract in a board pack), all of
    them otherwise (conflict screening, which is not public). One query."""
    found = {person.pk: [] for person in people}
    entries = (
        _entries()
        .filter(status=ReviewStatus.ACCEPTED, person__in=list(found))
        .filter(starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .order_by("starts_on", "id")
    )
    if public:
        entries = entries.filter(withheld=False)
    for interest in entries:
        found[interest.person_id].append(interest)
    return found
