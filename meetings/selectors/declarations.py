"""Interests a person declared at meetings, and whether each is on their register."""

from collections import defaultdict

from django.http import Http404
from django.urls import reverse

from partners.models import Interest

from ..models import Declaration


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
