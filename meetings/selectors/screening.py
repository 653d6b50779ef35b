"""Conflict screening: which entries on the register concern an organisation an item of the
agenda names. Read before the papers go out, by the chair and the secretariat only."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q

from partners.models import Interest, InterestType, Membership, ReviewStatus, Role

from ..models import AttendanceKind, ConflictFlag, ItemStatus, Paper, Ruling

# What the chair is likely to rule, by the kind of interest (NHS England's guidance): a
# financial interest in an item usually keeps its holder out of the discussion and decision.
SUGGESTED = {
    InterestType.FINANCIAL: Ruling.LEAVES,
    InterestType.PROFESSIONAL: Ruling.SPEAKS_NOT_VOTES,
    InterestType.PERSONAL: Ruling.SPEAKS_NOT_VOTES,
    InterestType.INDIRECT: Ruling.SPEAKS_NOT_VOTES,
}


@dataclass(frozen=True)
class Candidate:
    """A possible conflict: the item, the person, the entry, and why."""

    item: object
    person: object
    interest: object
    because: str

    @property
    def suggested_ruling(self):
        return SUGGESTED[self.interest.interest_type]


def screened_people(meeting):
    """The board's members on the day (its secretariat aside) and everyone on the attendance
    list but for apologies: the people whose interests are screened, by id."""
    seats = (
        Membership.objects.active(meeting.date)
        .filter(board=meeting.board)
        .exclude(role=Role.SECRETARIAT)
        .values_list("user", flat=True)
    )
    attending = (
        meeting.attendance.filter(person__isnull=False)
        .exclude(kind=AttendanceKind.APOLOGIES)
        .values_list("person", flat=True)
    )
    return set(seats) | set(attending)


def _interests(meeting, people):
    """Accepted entries current on the day, withheld ones included: screening is not public."""
    day = meeting.date
    return list(
        Interest.objects.filter(person__in=people, status=ReviewStatus.ACCEPTED)
        .filter(starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .select_related("person", "organisation")
        .order_by("person__full_name", "pk")
    )


def _named(item):
    """What an item names, as (organisation id or None, text, why): its presenters'
    organisations, the conflicts of interest each paper's cover sheet identifies, and the
    supplier of a contract a paper seeks a decision on."""
    for presenter in item.presenters.all():
        if presenter.organisation_id:
            why = f"{presenter.full_name}, who presents the item, is from "
            yield presenter.organisation_id, "", why + presenter.organisation.name
    for paper in item.papers.all():
        title = f"“{paper.title}”"
        if paper.conflicts_of_interest.strip():
            why = f"the cover sheet of {title} names {{organisation}} among its conflicts"
            yield None, paper.conflicts_of_interest, why
        if paper.supplier.strip():
            why = f"{title} seeks a decision on a contract with {{organisation}}"
            yield None, paper.supplier, why


def _concerns(interest, organisation_id, text):
    if organisation_id is not None:
        return interest.organisation_id == organisation_id
    name = interest.organisation_named.strip()
    return bool(name) and name.casefold() in text.casefold()


def screening_candidates(meeting):
    """Every (item, person, entry) where the entry concerns an organisation the item names,
    for the items still on the agenda. Five queries, whatever the size of the agenda."""
    interests = _interests(meeting, screened_people(meeting))
    items = (
        meeting.items.filter(status=ItemStatus.SCHEDULED)
        .prefetch_related(
            "presenters__organisation",
            Prefetch("papers", queryset=Paper.objects.order_by("pk")),
        )
        .order_by("number")
    )
    found = {}
    for item in items:
        for organisation_id, text, why in _named(item):
            for interest in interests:
                key = (item.pk, interest.person_id, interest.pk)
                if key not in found and _concerns(interest, organisation_id, text):
                    because = why.replace("{organisation}", interest.organisation_named)
                    found[key] = Candidate(item, interest.person, interest, because)
    return list(found.values())


def screening_flags(meeting):
    """The screening's findings and what was decided, by item. Two queries."""
    return list(
        ConflictFlag.objects.filter(meeting=meeting).select_related(
            "item", "person", "interest__organisation", "decided_by", "declaration"
        )
    )
