"""Writes to the register of interests: a person declaring and changing their own entries, the
governance team accepting or returning them. Each entry a person adds or changes waits for
review again."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..audit import save_with_history
from ..models import Interest, InterestType, ReviewStatus

DECLARED = (
    "interest_type",
    "own_words",
    "description",
    "organisation",
    "organisation_name",
    "relationship",
    "starts_on",
    "starts_precision",
    "ends_on",
    "ends_precision",
    "action_agreed",
)


def _fill(interest, fields):
    unknown = set(fields) - set(DECLARED)
    if unknown:
        raise TypeError(f"Not declared on an interest: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(interest, name, value)
    if interest.interest_type != InterestType.INDIRECT:
        interest.relationship = ""  # only someone else's interest has a relationship
    if interest.organisation_id:
        interest.organisation_name = ""
    if interest.ends_on is None:
        interest.ends_precision = ""


@transaction.atomic
def interest_declare(*, actor, person, **fields):
    """Add an entry to `person`'s register, waiting for the governance team's review."""
    interest = Interest(person=person)
    _fill(interest, fields)
    return save_with_history(interest, actor=actor, reason="Declared an interest")


@transaction.atomic
def interest_change(*, actor, interest, **fields):
    """Change an entry; a changed entry waits for review again. Returns whether anything
    changed: saving the form as it was shown records nothing."""
    interest = Interest.objects.select_for_update().get(pk=interest.pk)
    before = {name: getattr(interest, name) for name in DECLARED}
    _fill(interest, fields)
    interest.full_clean()  # widens the dates, so an unchanged month compares equal
    if before == {name: getattr(interest, name) for name in DECLARED}:
        return False
    interest.status = ReviewStatus.WAITING
    interest.reviewed_by, interest.reviewed_at = None, None
    save_with_history(interest, actor=actor, reason="Changed an interest")
    return True


@transaction.atomic
def interest_review(*, actor, interest, accepted, comment="", withheld=False, withheld_reason=""):
    """Accept an entry, or return it to its person with a comment saying what to change; and
    withhold it from the public register, for a recorded reason, or publish it."""
    interest = Interest.objects.select_for_update().get(pk=interest.pk)
    comment = comment.strip()
    if interest.status != ReviewStatus.WAITING:
        raise ValidationError(
            f"This interest was already {interest.get_status_display().lower()}: "
            "it has not changed since."
        )
    if not accepted and not comment:
        raise ValidationError({"comment": "Enter a comment saying what the person should change."})
    interest.status = ReviewStatus.ACCEPTED if accepted else ReviewStatus.RETURNED
    interest.review_comment = comment
    interest.withheld, interest.withheld_reason = withheld, withheld_reason.strip()
    interest.reviewed_by, interest.reviewed_at = actor, timezone.now()
    reason = "Accepted the interest" if accepted else "Returned the interest"
    return save_with_history(interest, actor=actor, reason=reason)
