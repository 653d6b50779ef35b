"""Conflict screening: which entries on the register concern an organisation an item of the
agenda names. Read before the papers go out, by the chair and the secretariat only."""

from dataclasses import dataclass

from django.db.models import Prefetch

from partners.models import InterestType
from partners.selectors.interests import current_entries

from ..models import ConflictFlag, ItemStatus, Paper, Ruling
from .declarations import people_at

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


def _interests(meeting):
    """The entries of the people at the meeting current on the day, withheld ones included:
    screening is not public."""
    people = [row.person for row in people_at(meeting)]
    entries = current_entries(people, meeting.date, public=False)
    return [interest for person in people for interest in entries[person.pk]]


def _named(item):
    """What an item names, as (organisation id or None, text, why): its presenters'
    organisations, the conflicts of interest each paper's cover sheet identifies, and the
    supplier of a contract a paper seeks a decision on, and the partner organisations a
    paper is tagged with."""
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
        for organisation in paper.organisations.all():
            yield organisation.pk, "", f"{title} concerns {organisation.name}"


def _concerns(interest, organisation_id, text):
    if organisation_id is not None:
        return interest.organisation_id == organisation_id
    name = interest.organisation_named.strip()
    return bool(name) and name.casefold() in text.casefold()


def screening_candidates(meeting):
    """Every (item, person, entry) where the entry concerns an organisation the item names,
    for the items still on the agenda. Seven queries, whatever the size of the agenda."""
    interests = _interests(meeting)
    items = (
        meeting.items.filter(status=ItemStatus.SCHEDULED)
        .prefetch_related(
            "presenters__organisation",
            Prefetch(
                "papers", queryset=Paper.objects.order_by("pk").prefetch_related("organisations")
            ),
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
