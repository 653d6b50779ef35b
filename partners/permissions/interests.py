"""Who may see or change which entries of the register of interests.

A person keeps their own entries; the governance team (governance administrators and the
secretariat of any board) reviews everyone's. Nobody else sees an entry before it is
published: others get 404 for an entry, as they may not know it exists.
"""

from django.core.exceptions import PermissionDenied

from ..models import Membership, Role
from .partnership import is_governance_admin


def can_declare_interests(user):
    return user.is_authenticated and user.is_active


def can_change_interest(user, interest):
    return can_declare_interests(user) and interest.person_id == user.pk


def can_review_interests(user):
    """The governance team: governance administrators and any board's secretariat."""
    if not can_declare_interests(user):
        return False
    if is_governance_admin(user):
        return True
    if not hasattr(user, "_reviews_interests"):
        user._reviews_interests = (
            Membership.objects.active().filter(user=user, role=Role.SECRETARIAT).exists()
        )
    return user._reviews_interests


def require_governance_team(user, what):
    """403 for anyone outside the governance team: "Only the governance team {what}."."""
    if not can_review_interests(user):
        raise PermissionDenied(f"Only the governance team {what}.")


def can_see_non_declarers(user, year_ends_on, today):
    """The year-end list is published once the year has ended; before, only the governance
    team sees it, as it stands so far."""
    return today >= year_ends_on or can_review_interests(user)
