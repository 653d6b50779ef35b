"""factory_boy factories for the partners app."""

import datetime

import factory

from partners.models import (
    Board,
    BoardKind,
    Organisation,
    OrganisationKind,
    Partnership,
    PartnershipKind,
    User,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Partner Organisation {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = OrganisationKind.NHS_TRUST


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Integrated Care System {n}")
    slug = factory.Sequence(lambda n: f"ics-{n}")
    kind = PartnershipKind.ICS


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    name = factory.Sequence(lambda n: f"Board {n}")
    slug = factory.Sequence(lambda n: f"board-{n}")
    partnership = factory.SubFactory(PartnershipFactory)
    kind = BoardKind.PARTNERSHIP_BOARD
    quorum_voting_members = 3


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.nhs.uk")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Director"
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password("a-long-test-password")


LONG_AGO = datetime.date(2020, 4, 1)


def meeting_at(board, day, *, hour=10, actor=None, **fields):
    """A draft meeting of `board` on `day` from hour:00 to two hours later, via the service."""
    from django.utils import timezone

    from meetings.services import agenda as agenda_services

    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    fields.setdefault("location", "County Hall, Preston")
    return agenda_services.meeting_create(
        actor=actor,
        board=board,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        **fields,
    )


def previous_minutes_to_follow(meeting, actor):
    """Mark the meeting's previous-minutes item To follow, via the service: a board's first
    meeting (of its kind) has no earlier minutes for the pack to attach, and publication
    refuses an item marked Attached with nothing to attach."""
    from meetings.models import ItemFormat, StandingKind
    from meetings.services import agenda as agenda_services

    item = meeting.items.get(standing=StandingKind.PREVIOUS_MINUTES)
    agenda_services.item_change(actor=actor, item=item, format=ItemFormat.TO_FOLLOW)
