"""Demo data of the partners app, from the Lancashire and South Cumbria source documents.

Organisations come from the 2019 briefing to the scrutiny committee and the Pennine
Lancashire partnership agreement 2021-22; the ICS Board's members and attendees from the
minutes of its meeting of 4 November 2020. Loading twice changes nothing: rows are found by
their natural key and saved only when something differs.
"""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group

from partners import permissions, services
from partners.models import (
    Board,
    BoardKind,
    Membership,
    Organisation,
    Partnership,
    PartnershipKind,
    Role,
    User,
)
from partners.models import OrganisationKind as K

DEMO_EMAIL_DOMAIN = "lsc-icp.example"
MINUTES_OF_4_NOVEMBER_2020 = datetime.date(2020, 11, 4)

# (name, short name, kind, slug)
ORGANISATIONS = [
    ("Lancashire and South Cumbria ICS", "L&SC ICS", K.OTHER, "lsc-ics"),
    ("NHS Greater Preston CCG", "GP CCG", K.CCG_ICB, "greater-preston-ccg"),
    ("NHS Chorley and South Ribble CCG", "C&SR CCG", K.CCG_ICB, "chorley-south-ribble-ccg"),
    ("NHS East Lancashire CCG", "EL CCG", K.CCG_ICB, "east-lancashire-ccg"),
    ("NHS West Lancashire CCG", "WL CCG", K.CCG_ICB, "west-lancashire-ccg"),
    ("NHS Blackpool CCG", "Blackpool CCG", K.CCG_ICB, "blackpool-ccg"),
    ("NHS Fylde and Wyre CCG", "F&W CCG", K.CCG_ICB, "fylde-wyre-ccg"),
    ("NHS Morecambe Bay CCG", "MB CCG", K.CCG_ICB, "morecambe-bay-ccg"),
    ("NHS Blackburn with Darwen CCG", "BwD CCG", K.CCG_ICB, "blackburn-with-darwen-ccg"),
    ("Lancashire Teaching Hospitals NHS Foundation Trust", "LTHTR", K.FOUNDATION_TRUST, "lthtr"),
    (
        "University Hospitals of Morecambe Bay NHS Foundation Trust",
        "UHMBT",
        K.FOUNDATION_TRUST,
        "uhmbt",
    ),
    ("East Lancashire Hospitals NHS Trust", "ELHT", K.NHS_TRUST, "elht"),
    ("Blackpool Teaching Hospitals NHS Foundation Trust", "BTH", K.FOUNDATION_TRUST, "bth"),
    ("Lancashire and South Cumbria NHS Foundation Trust", "LSCFT", K.FOUNDATION_TRUST, "lscft"),
    ("Lancashire County Council", "LCC", K.COUNTY_COUNCIL, "lancashire-county-council"),
    ("Cumbria County Council", "CCC", K.COUNTY_COUNCIL, "cumbria-county-council"),
    ("Blackpool Council", "", K.UNITARY_COUNCIL, "blackpool-council"),
    ("Blackburn with Darwen Borough Council", "BwD", K.UNITARY_COUNCIL, "blackburn-with-darwen"),
    ("Burnley Borough Council", "", K.DISTRICT_COUNCIL, "burnley"),
    ("Hyndburn Borough Council", "", K.DISTRICT_COUNCIL, "hyndburn"),
    ("Pendle Borough Council", "", K.DISTRICT_COUNCIL, "pendle"),
    ("Ribble Valley Borough Council", "", K.DISTRICT_COUNCIL, "ribble-valley"),
    ("Rossendale Borough Council", "", K.DISTRICT_COUNCIL, "rossendale"),
    ("Blackburn with Darwen Healthwatch", "Healthwatch Together", K.HEALTHWATCH, "bwd-healthwatch"),
    ("Pennine Lancashire Primary Care Networks", "PL PCNs", K.PCN, "pennine-lancashire-pcns"),
    (
        "Pennine Lancashire Voluntary, Community, Faith and Social Enterprise Sector",
        "PL VCFSE",
        K.VCFSE,
        "pennine-lancashire-vcfse",
    ),
    ("Lancashire and South Cumbria VCFS", "VCFS", K.VCFSE, "lsc-vcfs"),
    (
        "Lancashire and South Cumbria Pathology Collaboration",
        "Pathology Collaboration",
        K.OTHER,
        "lsc-pathology-collaboration",
    ),
]

# The partners named in the 2019 briefing.
ICS_PARTNERS = [
    "greater-preston-ccg",
    "chorley-south-ribble-ccg",
    "east-lancashire-ccg",
    "west-lancashire-ccg",
    "blackpool-ccg",
    "fylde-wyre-ccg",
    "morecambe-bay-ccg",
    "blackburn-with-darwen-ccg",
    "lthtr",
    "uhmbt",
    "elht",
    "bth",
    "lscft",
    "lancashire-county-council",
    "cumbria-county-council",
    "blackpool-council",
    "blackburn-with-darwen",
]

# The partners listed in the Pennine Lancashire partnership agreement 2021-22.
PENNINE_PARTNERS = [
    "blackburn-with-darwen",
    "blackburn-with-darwen-ccg",
    "burnley",
    "hyndburn",
    "pendle",
    "ribble-valley",
    "rossendale",
    "east-lancashire-ccg",
    "elht",
    "bwd-healthwatch",
    "lancashire-county-council",
    "lscft",
    "pennine-lancashire-pcns",
    "pennine-lancashire-vcfse",
]

ICS = ("Healthier Lancashire and South Cumbria", "healthier-lsc", 1_700_000)
ICPS = [
    ("Central Lancashire", "central-lancashire"),
    ("West Lancashire", "west-lancashire"),
    ("Pennine Lancashire", "pennine-lancashire"),
    ("Fylde Coast", "fylde-coast"),
    ("Morecambe Bay", "morecambe-bay"),
]

# (name, job title, organisation slug)
PEOPLE = {
    "David Flory": ("Independent Chair", "lsc-ics"),
    "Dr Amanda Doyle": ("Chief Officer", "lsc-ics"),
    "Andrew Bennett": ("Executive Director for Commissioning", "lsc-ics"),
    "Jane Cass": ("Director for Performance, Assurance and Delivery", "lsc-ics"),
    "Talib Yaseen": ("Executive Director of Transformation", "lsc-ics"),
    "Andy Curran": ("Medical Director", "lsc-ics"),
    "Carl Ashworth": ("Strategy and Policy Director", "lsc-ics"),
    "Gary Raphael": ("Executive Director of Finance", "lsc-ics"),
    "Jacqui Hanson": ("Director for Nursing and Care Professionals", "lsc-ics"),
    "Kevin McGee": ("Chief Executive Officer", "bth"),
    "Caroline Donovan": ("Chief Executive Officer", "lscft"),
    "Roy Fisher": ("Chair", "blackpool-ccg"),
    "Denis Gizzi": ("Accountable Officer", "greater-preston-ccg"),
    "Aaron Cummins": ("Chief Executive Officer", "uhmbt"),
    "Karen Partington": ("Chief Executive Officer", "lthtr"),
    "Geoff Jolliffe": ("Clinical Chair", "morecambe-bay-ccg"),
    "Graham Burgess": ("Chair", "blackburn-with-darwen-ccg"),
    "Sue Smith": ("", None),
    "Neil Japp": ("", None),
    "Mike Wedgeworth": ("Non-Executive Director", "elht"),
    "Ian Cherry": ("Non-Executive Director", "greater-preston-ccg"),
    "Isla Wilson": ("Vice Chair/Non-Executive Director", "lsc-ics"),
    "Peter Armer": ("VCFS Representative", "lsc-vcfs"),
    "Shaun Turner": ("Councillor Representative", "lancashire-county-council"),
    "Neil Greaves": ("Head of Communications and Engagement", "lsc-ics"),
    "Eileen Fairhurst": ("Chair/Provider Collaboration Chair representative", "elht"),
    "Stephanie Betts": ("Business Affairs Lead", "lsc-ics"),
    "Jerry Hawker": ("Chief Officer", "uhmbt"),
    "Mark Hindle": ("Managing Director", "lsc-pathology-collaboration"),
    "Nicki Latham": ("Deputy Chief Executive", "bth"),
    "John Bannister": (
        "Interim Regional Chief Allied Health Professions Officer, Lancashire & South Cumbria ICS",
        "lsc-ics",
    ),
    "Claire Richardson": ("ICP Programme Director", "lthtr"),
    "Professor Ebrahim Adia": ("Chair", "lthtr"),
}

# The ICS Board as its minutes of 4 November 2020 list it: (name, role, seat).
# Sue Smith, Jacqui Hanson and Neil Japp sent apologies; Jerry Hawker and John Bannister
# attended on behalf of two of them, which is attendance at one meeting, not a seat.
ICS_BOARD = [
    ("David Flory", Role.CHAIR, ""),
    ("Dr Amanda Doyle", Role.MEMBER, ""),
    *[
        (name, Role.MEMBER, "ICS Executive Directors")
        for name in [
            "Andrew Bennett",
            "Jane Cass",
            "Talib Yaseen",
            "Andy Curran",
            "Carl Ashworth",
            "Gary Raphael",
            "Jacqui Hanson",
        ]
    ],
    *[
        (name, Role.MEMBER, "ICP Leads")
        for name in [
            "Kevin McGee",
            "Caroline Donovan",
            "Roy Fisher",
            "Denis Gizzi",
            "Aaron Cummins",
            "Karen Partington",
            "Geoff Jolliffe",
            "Graham Burgess",
            "Sue Smith",
        ]
    ],
    ("Neil Japp", Role.MEMBER, ""),
    ("Mike Wedgeworth", Role.MEMBER, "ICS Non-Executive Lay Members"),
    ("Ian Cherry", Role.MEMBER, "ICS Non-Executive Lay Members"),
    ("Isla Wilson", Role.DEPUTY_CHAIR, "ICS Non-Executive Lay Members"),
    ("Peter Armer", Role.MEMBER, "VCFS Representatives"),
    ("Shaun Turner", Role.MEMBER, "Local Authority Councillor Representatives"),
    ("Neil Greaves", Role.IN_ATTENDANCE, ""),
    ("Eileen Fairhurst", Role.IN_ATTENDANCE, ""),
    ("Stephanie Betts", Role.SECRETARIAT, ""),
    ("Mark Hindle", Role.IN_ATTENDANCE, ""),
    ("Nicki Latham", Role.IN_ATTENDANCE, ""),
    ("Claire Richardson", Role.IN_ATTENDANCE, ""),
    ("Professor Ebrahim Adia", Role.IN_ATTENDANCE, ""),
]

# The ICS executive team of the 2019 briefing, which sponsors the system's work.
SLE = [
    ("Dr Amanda Doyle", Role.CHAIR, ""),
    *[
        (name, Role.MEMBER, "ICS Executive Directors")
        for name in [
            "Andrew Bennett",
            "Jane Cass",
            "Talib Yaseen",
            "Andy Curran",
            "Carl Ashworth",
            "Gary Raphael",
            "Jacqui Hanson",
        ]
    ],
    ("Stephanie Betts", Role.SECRETARIAT, ""),
]

# One sign-in per persona; everyone else in the demo cannot sign in.
DEMO_ACCOUNTS = [
    ("chair", "David Flory"),
    ("member", "Dr Amanda Doyle"),
    ("secretary", "Stephanie Betts"),
]
EXTRA_ACCOUNTS = [
    # (persona, name, job title): people the seeds do not name.
    ("governance admin", "Grace Admin", "Governance Administrator"),
    ("outsider", "Oliver Outsider", "Member of the public with an account"),
]


def email_for(name):
    words = [w for w in name.lower().replace(".", "").split() if w not in {"dr", "professor"}]
    return f"{'.'.join(words)}@{DEMO_EMAIL_DOMAIN}"


class Loader:
    """Finds or creates each row, saving only what differs, so a second run adds nothing."""

    def __init__(self, actor=None):
        self.actor = actor

    def upsert(self, model, lookup, **values):
        instance = model.objects.filter(**lookup).first() or model(**lookup)
        if instance.pk is None and model is User:
            instance.set_unusable_password()
        if instance.pk is None or any(getattr(instance, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(instance, name, value)
            services.record_save(actor=self.actor, instance=instance, reason="Demo data")
        return instance

    def organisations(self):
        return {
            slug: self.upsert(Organisation, {"slug": slug}, name=name, short_name=short, kind=kind)
            for name, short, kind, slug in ORGANISATIONS
        }

    def partnerships(self, organisations):
        name, slug, population = ICS
        ics = self.upsert(
            Partnership, {"slug": slug}, name=name, kind=PartnershipKind.ICS, population=population
        )
        self.members(ics, [organisations[s] for s in ICS_PARTNERS])
        icps = {
            slug: self.upsert(
                Partnership, {"slug": slug}, name=name, kind=PartnershipKind.ICP, parent=ics
            )
            for name, slug in ICPS
        }
        self.members(icps["pennine-lancashire"], [organisations[s] for s in PENNINE_PARTNERS])
        return ics, icps

    def members(self, partnership, organisations):
        if set(partnership.members.all()) != set(organisations):
            partnership._history_user = self.actor
            partnership.members.set(organisations)

    def people(self, organisations):
        return {
            name: self.upsert(
                User,
                {"email": email_for(name)},
                full_name=name,
                job_title=title,
                organisation=organisations.get(slug),
            )
            for name, (title, slug) in PEOPLE.items()
        }

    def seats(self, board, seats, people):
        existing = {m.user_id for m in Membership.objects.filter(board=board)}
        for name, role, constituency in seats:
            person = people[name]
            if person.pk in existing:
                continue
            services.membership_start(
                actor=self.actor,
                user=person,
                board=board,
                role=role,
                representing=person.organisation,
                constituency=constituency,
                starts_on=MINUTES_OF_4_NOVEMBER_2020,
            )

    def boards(self, ics, icps, people):
        ics_board = self.upsert(
            Board,
            {"slug": "ics-board"},
            name="ICS Board",
            code="ICSB",
            partnership=ics,
            kind=BoardKind.PARTNERSHIP_BOARD,
            purpose="Oversees and assures the work of the partners across Lancashire and South "
            "Cumbria. It is not a statutory body: each partner keeps its own accountability.",
            meets_in_public=True,
            notice_clear_working_days=5,
            quorum_voting_members=8,
        )
        sle = self.upsert(
            Board,
            {"slug": "system-leadership-executive"},
            name="System Leadership Executive",
            partnership=ics,
            reports_to=ics_board,
            kind=BoardKind.EXECUTIVE,
            purpose="Leads the system's programmes for the ICS Board and sponsors each "
            "strategic risk.",
            meets_in_public=False,
            notice_clear_working_days=3,
            quorum_voting_members=4,
        )
        self.upsert(
            Board,
            {"slug": "pennine-lancashire-partnership-leaders-forum"},
            name="Pennine Lancashire Partnership Leaders' Forum",
            partnership=icps["pennine-lancashire"],
            kind=BoardKind.PARTNERSHIP_BOARD,
            purpose="The place-based partnership board of Pennine Lancashire: sets strategic "
            "direction, agrees priorities and recommends to the statutory partners.",
            meets_in_public=True,
            notice_clear_working_days=5,
            quorum_voting_members=6,
        )
        self.seats(ics_board, ICS_BOARD, people)
        self.seats(sle, SLE, people)

    def accounts(self, people, organisations):
        for persona, name, title in EXTRA_ACCOUNTS:
            people[name] = self.upsert(
                User,
                {"email": email_for(name)},
                full_name=name,
                job_title=title,
                organisation=organisations["lsc-ics"] if persona != "outsider" else None,
                is_staff=persona == "governance admin",
            )
        admins = Group.objects.get(name=permissions.GOVERNANCE_ADMINS)
        admins.user_set.add(people["Grace Admin"])
        accounts = DEMO_ACCOUNTS + [(p, n) for p, n, _ in EXTRA_ACCOUNTS]
        for _, name in accounts:
            person = people[name]
            if not person.check_password(settings.DEMO_PASSWORD):
                person.set_password(settings.DEMO_PASSWORD)
                person.save(update_fields=["password"])
        return [(persona, people[name].email) for persona, name in accounts]


def load(actor=None):
    """Load the partners' demo data; returns the demo sign-in accounts (persona, email)."""
    loader = Loader(actor)
    organisations = loader.organisations()
    ics, icps = loader.partnerships(organisations)
    people = loader.people(organisations)
    loader.boards(ics, icps, people)
    return loader.accounts(people, organisations)
