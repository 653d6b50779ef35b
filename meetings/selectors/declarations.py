"""Interests a person declared at meetings, and whether each is on their register."""

from django.http import Http404

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
