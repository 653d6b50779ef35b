"""Board packs: the newest pack of each edition, the one this person may read, and the
builds and versions the secretariat follows."""

from django.db.models import F
from django.http import Http404

from ..models import (
    UNFINISHED,
    Pack,
    PackBuild,
)
from ..permissions import (
    edition_for,
    meeting_business_for,
    pack_person_for,
)


def current_pack(meeting, edition, person=None):
    """The newest pack of an edition: the shared one, or a person's own (`person`, an id)."""
    return (
        Pack.objects.filter(meeting=meeting, edition=edition, person=person)
        .order_by("-version")
        .first()
    )


class PackNotBuilt(Http404):
    """No pack of this edition is complete yet; `building` says whether one is on its way."""

    def __init__(self, meeting, building):
        self.meeting, self.building = meeting, building
        super().__init__(
            "The pack of this meeting is being built."
            if building
            else "The pack of this meeting has not been built yet."
        )


def pack_for(user, slug, day):
    """The newest complete pack of the edition this person may read; PackNotBuilt (a 404)
    while there is none."""
    _board, viewer, meeting = meeting_business_for(user, slug, day)
    pack = current_pack(meeting, edition_for(viewer), pack_person_for(viewer, meeting))
    if pack is None:
        building = PackBuild.objects.filter(meeting=meeting, status__in=UNFINISHED).exists()
        raise PackNotBuilt(meeting, building)
    return pack, viewer


def latest_pack_build(meeting):
    return PackBuild.objects.filter(meeting=meeting).order_by("-requested_at", "-pk").first()


def packs_of(meeting):
    """Every version of every edition (people's own after the shared ones), newest first,
    for the secretariat."""
    return list(
        Pack.objects.filter(meeting=meeting)
        .select_related("person")
        .order_by(F("person__full_name").asc(nulls_first=True), "edition", "-version")
    )
