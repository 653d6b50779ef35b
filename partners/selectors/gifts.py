"""Reads of gifts and hospitality, for the person they were offered to."""

from ..models import Gift


def my_gifts(user):
    return list(Gift.objects.filter(person=user).select_related("approved_by"))
