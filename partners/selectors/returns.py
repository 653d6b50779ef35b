"""Who owes a declaration return, and when: at least once a year, and within 28 days of joining
a board as a decision-maker or of an interest starting. Read for the whole partnership in
a fixed number of queries, whatever its size."""

import datetime
from dataclasses import dataclass

from django.db.models import Max

from ..models import DeclarationReturn, Interest, ReturnReminder, User
from .decision_makers import decision_makers_during, decision_makers_on, financial_year

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
    positions: list
    last_reminded: datetime.date | None = None

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


def _last_by_person(rows, day_field):
    return dict(rows.values("person").annotate(last=Max(day_field)).values_list("person", "last"))


def returns_owed(on, people=None):
    """Every decision-maker on day `on` (or only `people`), with their next return's due day,
    its status and the last reminder sent, the most urgent first. Five queries."""
    makers = decision_makers_on(on, people=people)
    last = _last_by_person(
        DeclarationReturn.objects.filter(person__in=makers, made_on__lte=on), "made_on"
    )
    reminded = _last_by_person(ReturnReminder.objects.filter(person__in=makers), "sent_on")
    interests_from = {}
    for person, starts_on in Interest.objects.filter(person__in=makers).values_list(
        "person", "starts_on"
    ):
        interests_from.setdefault(person, []).append(starts_on)
    owed = []
    for pk, maker in makers.items():
        due = due_on(
            last_return=last.get(pk),
            seats_from=maker.starts,
            interests_from=interests_from.get(pk, []),
        )
        owed.append(
            ReturnOwed(
                maker.person,
                last.get(pk),
                due,
                status_on(due, on),
                maker.positions,
                reminded.get(pk),
            )
        )
    order = {ReturnStatus.OVERDUE: 0, ReturnStatus.DUE: 1, ReturnStatus.COMPLETE: 2}
    return sorted(owed, key=lambda row: (order[row.status], row.due_on, row.person.full_name))


@dataclass
class NonDeclarer:
    person: User
    positions: list


def non_declarers(year_starts_on):
    """The year-end list: everyone who was a decision-maker during the financial year that
    starts on `year_starts_on` and in it neither made a return (a confirmation or a nil
    return) nor declared an interest; by name. Four queries."""
    start, end = financial_year(year_starts_on)
    makers = decision_makers_during(start, end)
    answered = set(
        DeclarationReturn.objects.filter(
            person__in=makers, made_on__gte=start, made_on__lt=end
        ).values_list("person", flat=True)
    )
    answered |= set(
        Interest.objects.filter(
            person__in=makers, declared_at__date__gte=start, declared_at__date__lt=end
        ).values_list("person", flat=True)
    )
    rows = [
        NonDeclarer(maker.person, maker.positions)
        for pk, maker in makers.items()
        if pk not in answered
    ]
    return sorted(rows, key=lambda row: (row.person.full_name, row.person.pk))
