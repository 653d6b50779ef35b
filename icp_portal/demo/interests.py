"""The demo register of interests: ICS Board members' roles in partner organisations, which the
board noted as a conflict at its meeting of 2 December 2020, declared and accepted; a gift
accepted and a hospitality offer declined; one indirect interest withheld from the public for
a recorded reason; last year's and this year's returns, one member's missing. Safe to run
again."""

import datetime
from decimal import Decimal

from django.utils import timezone

from partners.models import (
    Gift,
    GiftKind,
    GiftOutcome,
    Interest,
    InterestType,
    Organisation,
    Precision,
    Relationship,
    ReturnKind,
    User,
)
from partners.selectors.decision_makers import (
    decision_makers_during,
    decision_makers_on,
    financial_year,
)
from partners.services import gifts as gift_services
from partners.services import interests as services
from partners.services import returns as return_services

SECRETARY = "Stephanie Betts"
ACTION = "Declared at the start of each meeting; the chair rules on items about the organisation."
# (name, role in the partner organisation, organisation slug)
ROLES = [
    ("Kevin McGee", "Chief Executive Officer", "bth"),
    ("Caroline Donovan", "Chief Executive Officer", "lscft"),
    ("Aaron Cummins", "Chief Executive Officer", "uhmbt"),
    ("Karen Partington", "Chief Executive Officer", "lthtr"),
    ("Roy Fisher", "Chair", "blackpool-ccg"),
    ("Mike Wedgeworth", "Non-Executive Director", "elht"),
]


# (name, kind, offered by, what, value, date offered, outcome)
GIFTS = [
    (
        "Gary Raphael",
        GiftKind.GIFT,
        "Healthcare Financial Management Association",
        "A book on NHS finance, given after speaking at a regional event",
        Decimal(20),
        datetime.date(2020, 10, 14),
        GiftOutcome.ACCEPTED,
    ),
    (
        "Andrew Bennett",
        GiftKind.HOSPITALITY,
        "A pharmaceutical company",
        "Dinner after a product launch",
        Decimal(90),
        datetime.date(2020, 11, 19),
        GiftOutcome.DECLINED,
    ),
]


# The one decision-maker whose return is overdue; everyone else made theirs on loading.
OVERDUE = "Geoff Jolliffe"


def load():
    people = {person.full_name: person for person in User.objects.all()}
    organisations = {organisation.slug: organisation for organisation in Organisation.objects.all()}
    secretary = people[SECRETARY]
    for name, role, slug in ROLES:
        person, organisation = people[name], organisations[slug]
        if Interest.objects.filter(person=person, organisation=organisation).exists():
            continue
        interest = services.interest_declare(
            actor=person,
            person=person,
            interest_type=InterestType.PROFESSIONAL,
            description=f"{role} of {organisation.name}",
            organisation=organisation,
            starts_on=datetime.date(2020, 1, 1),
            starts_precision=Precision.YEAR,
            action_agreed=ACTION,
        )
        services.interest_review(actor=secretary, interest=interest, accepted=True)
    for name, kind, giver, description, value, offered_on, outcome in GIFTS:
        person = people[name]
        if Gift.objects.filter(person=person, giver=giver, offered_on=offered_on).exists():
            continue
        gift_services.gift_declare(
            actor=person,
            person=person,
            kind=kind,
            giver=giver,
            description=description,
            value=value,
            offered_on=offered_on,
            outcome=outcome,
        )
    _withheld(people, secretary)
    _returns(people)


# The one entry withheld from the public register, and why.
WITHHELD = (
    "Jane Cass",
    "A close relative works in a service that supports people at risk of harm",
    "Publishing it could identify the relative and put them at risk of harm.",
)


def _withheld(people, secretary):
    name, description, reason = WITHHELD
    person = people[name]
    if Interest.objects.filter(person=person, withheld=True).exists():
        return
    interest = services.interest_declare(
        actor=person,
        person=person,
        interest_type=InterestType.INDIRECT,
        description=description,
        organisation_name="A partner organisation's safeguarding service",
        relationship=Relationship.RELATIVE,
        starts_on=datetime.date(2019, 1, 1),
        starts_precision=Precision.YEAR,
        action_agreed="Leaves the meeting for items about safeguarding cases.",
    )
    services.interest_review(
        actor=secretary, interest=interest, accepted=True, withheld=True, withheld_reason=reason
    )


def _returns(people):
    """Returns for last financial year and this one: confirmations from those with entries,
    nil returns from the rest, and none from one member, who is overdue this year and on the
    list of those who made no declaration last year."""
    today = timezone.localdate()
    this_year, _end = financial_year(today)
    last_year = financial_year(this_year - datetime.timedelta(days=1))
    # Made in the first month of last year, as a round would collect them.
    _make_returns(decision_makers_during(*last_year), last_year, last_year[0] + MONTH)
    _make_returns(decision_makers_on(today), (this_year, today + datetime.timedelta(days=1)), today)


MONTH = datetime.timedelta(days=30)


def _make_returns(makers, period, made_on):
    """Each of `makers` (but the overdue one) makes a return on `made_on`, unless they already
    made one in `period` [start, end)."""
    for maker in makers.values():
        person = maker.person
        if (
            person.full_name == OVERDUE
            or person.declaration_returns.filter(
                made_on__gte=period[0], made_on__lt=period[1]
            ).exists()
        ):
            continue
        kind = ReturnKind.CONFIRMED if person.interests.exists() else ReturnKind.NIL
        return_services.return_make(actor=person, person=person, kind=kind, on=made_on)
