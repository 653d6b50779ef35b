"""Who owes a declaration return, and when: at least once a year, and within 28 days of joining
a board as a decision-maker or of an interest starting. Read for the whole partnership in
three queries, whatever its size."""

import datetime
from dataclasses import dataclass

from django.db.models import Max

from ..models import DeclarationReturn, Interest, User
from .interests import decision_maker_memberships

WITHIN_DAYS = 28  # after joining, or after an interest starts
EVERY_DAYS = 365
REMINDED_FROM_DAYS = 28  # before a return falls due, it shows as due


class ReturnStatus:
    COMPLETE = "complete"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass
class ReturnOwed:
    person: User
    last_return: datetime.date | None
    due_on: datetime.date
    status: str

    @property
    def status_text(self):
        return {"complete": "Complete", "due": "Due", "overdue": "Overdue"}[self.status]


def due_on(*, last_return, seats_from, interests_from):
    """The day the next return is due: a year after the last (or after the first seat), or
    28 days after a seat or an interest that started since the last return, if sooner."""
    since = last_return or min(seats_from)
    due = since + datetime.timedelta(days=EVERY_DAYS)
    for started in [*seats_from, *interests_from]:
        if last_return is None or started > last_return:
            due = min(due, started + datetime.timedelta(days=WITHIN_DAYS))
    return due


def status_on(due, on):
    if on > due:
        return ReturnStatus.OVERDUE
    if on >= due - datetime.timedelta(days=REMINDED_FROM_DAYS):
        return ReturnStatus.DUE
    return ReturnStatus.COMPLETE


def returns_owed(on, people=None):
    """Every decision-maker on day `on` (or only `people`), with their next return's due day
    and status, the most urgent first."""
    seats = decision_maker_memberships(on).select_related("user")
    if people is not None:
        seats = seats.filter(user__in=people)
    seats_from, persons = {}, {}
    for seat in seats:
        seats_from.setdefault(seat.user_id, []).append(seat.starts_on)
        persons[seat.user_id] = seat.user
    last = dict(
        DeclarationReturn.objects.filter(person__in=persons, made_on__lte=on)
        .values("person")
        .annotate(last=Max("made_on"))
        .values_list("person", "last")
    )
    interests_from = {}
    for person, starts_on in Interest.objects.filter(person__in=persons).values_list(
        "person", "starts_on"
    ):
        interests_from.setdefault(person, []).append(starts_on)
    owed = []
    for pk, person in persons.items():
        due = due_on(
            last_return=last.get(pk),
            seats_from=seats_from[pk],
            interests_from=interests_from.get(pk, []),
        )
        owed.append(ReturnOwed(person, last.get(pk), due, status_on(due, on)))
    order = {ReturnStatus.OVERDUE: 0, ReturnStatus.DUE: 1, ReturnStatus.COMPLETE: 2}
    return sorted(owed, key=lambda row: (order[row.status], row.due_on, row.person.full_name))
