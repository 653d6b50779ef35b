"""Interests declared at meetings and the register of interests: a person's declarations and
whether each is on their register, the register's links to meetings, and the register's
extract in a meeting's pack."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.http import Http404
from django.urls import reverse

from partners.models import Interest, Membership, Role
from partners.selectors.interests import current_entries

from ..models import AttendanceKind, Declaration


def _declarations():
    return Declaration.objects.select_related(
        "meeting__board", "item", "attendance__person", "interest", "breach"
    )


def my_declarations(user):
    """The interests a person declared at meetings, the latest meeting first (two queries
    whatever their number: the declarations, and nothing per row)."""
    return list(_declarations().filter(attendance__person=user).order_by("-meeting__date", "pk"))


def my_declaration(user, pk):
    """One of the person's own declarations (404 for anyone else's)."""
    declaration = _declarations().filter(attendance__person=user, pk=pk).first()
    if declaration is None:
        raise Http404("No such declaration.")
    return declaration


def meeting_declaration(meeting, pk):
    """A declaration made at the meeting (404 for any other)."""
    declaration = _declarations().filter(meeting=meeting, pk=pk).first()
    if declaration is None:
        raise Http404("No such declaration.")
    return declaration


def register_entries(person):
    """A person's entries on the register, to link a declaration to the one it is about."""
    return Interest.objects.filter(person=person).order_by("-starts_on", "pk")


def public_declaration_links(interest_ids):
    """Where each entry was declared at meetings the public may see (an agenda published, a
    meeting held in public, an item not confidential): {interest id: [(text, url)]}, to the
    minutes once approved, else to the meeting. One query, for the register's links."""
    declarations = (
        Declaration.objects.filter(
            interest_id__in=interest_ids,
            meeting__agenda_published_at__isnull=False,
            meeting__held_in_public=True,
        )
        .exclude(item__confidential=True)
        .select_related("meeting__board", "meeting__minutes")
        .order_by("meeting__date", "pk")
    )
    links = defaultdict(list)
    for declaration in declarations:
        meeting = declaration.meeting
        text = f"Declared at the {meeting.board.name}, {meeting.day_name}"
        minutes = getattr(meeting, "minutes", None)
        if minutes is not None and minutes.is_approved:
            url = reverse("meetings:minutes", args=meeting.url_args())
            text = f"{text} (minutes)"
        else:
            url = meeting.get_absolute_url()
        if (text, url) not in links[declaration.interest_id]:
            links[declaration.interest_id].append((text, url))
    return links


@dataclass
class ExtractRow:
    """One person in the register's extract: who they are at the meeting, and their entries."""

    person: object
    position: str
    interests: list = field(default_factory=list)


def people_at(meeting):
    """Whose interests matter at a meeting: the board's members on the day (its secretariat
    aside), then anyone else on the attendance list but for apologies, each with who they
    are there (their seat, or their job title). Two queries."""
    rows = {}
    seats = (
        Membership.objects.active(meeting.date)
        .filter(board=meeting.board)
        .exclude(role=Role.SECRETARIAT)
        .select_related("user")
        .order_by("pk")
    )
    for seat in seats:
        rows.setdefault(seat.user_id, ExtractRow(seat.user, seat.get_role_display()))
    attending = (
        meeting.attendance.filter(person__isnull=False)
        .exclude(kind=AttendanceKind.APOLOGIES)
        .select_related("person")
        .order_by("pk")
    )
    for row in attending:
        position = row.job_title or row.get_kind_display()
        rows.setdefault(row.person_id, ExtractRow(row.person, position))
    return list(rows.values())


def register_extract(meeting):
    """The register's extract for a meeting's pack: the people at the meeting, each with
    their entries current that day and public. Three queries."""
    rows = people_at(meeting)
    entries = current_entries([row.person for row in rows], meeting.date)
    for row in rows:
        row.interests = entries[row.person.pk]
    return rows
