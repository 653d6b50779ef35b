"""Who the decision-makers are: everyone with a vote or the chair on a board, and those the
governance team adds. They make declaration returns, and their interests are published.
Each read costs two queries, whatever the number of people."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from ..models import AddedDecisionMaker, Membership, Role, User


@dataclass
class DecisionMaker:
    """One person and the positions that make them a decision-maker ("Member, ICS Board")."""

    person: User
    positions: list = field(default_factory=list)
    starts: list = field(default_factory=list)  # the day each position began

    def add(self, text, starts_on):
        if text not in self.positions:
            self.positions.append(text)
        self.starts.append(starts_on)


def _deciding(seats):
    """The seats that make someone a decision-maker: a vote, or the chair."""
    return seats.filter(Q(voting=True) | Q(role__in=[Role.CHAIR, Role.DEPUTY_CHAIR])).exclude(
        role=Role.SECRETARIAT
    )


def decision_maker_memberships(on):
    """The seats that make someone a decision-maker on a day."""
    return _deciding(Membership.objects.active(on))


def _collect(seats, added, people):
    if people is not None:
        seats, added = seats.filter(user__in=people), added.filter(person__in=people)
    found = {}
    for seat in seats.select_related("user", "board").order_by("board__name", "starts_on"):
        found.setdefault(seat.user_id, DecisionMaker(seat.user)).add(
            f"{seat.get_role_display()}, {seat.board.name}", seat.starts_on
        )
    for role in added.select_related("person").order_by("starts_on"):
        found.setdefault(role.person_id, DecisionMaker(role.person)).add(
            role.position, role.starts_on
        )
    return found


def decision_makers_on(on, *, board=None, people=None):
    """Everyone who is a decision-maker on day `on`, by person id; only `board`'s members
    (those the governance team added sit on no board) or only `people` if given."""
    seats = decision_maker_memberships(on)
    added = AddedDecisionMaker.objects.active(on)
    if board is not None:
        seats, added = seats.filter(board=board), added.none()
    return _collect(seats, added, people)


def decision_makers_during(starts_on, ends_on):
    """Everyone who was a decision-maker on at least one day of [starts_on, ends_on)."""
    seats = _deciding(Membership.objects.overlapping(starts_on, ends_on)).filter(
        starts_on__lt=ends_on
    )
    added = AddedDecisionMaker.objects.overlapping(starts_on, ends_on)
    return _collect(seats, added, None)


def financial_year(day):
    """The NHS financial year holding `day`: 1 April to 31 March, as [start, next start)."""
    first = day.year if day.month >= 4 else day.year - 1
    return datetime.date(first, 4, 1), datetime.date(first + 1, 4, 1)
