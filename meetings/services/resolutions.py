"""The rules of a resolution's details: who proposed and seconded it, the votes when they
were counted, and the membership change it makes. The minutes' services apply them when an
item's minute is saved or corrected."""

from .base import refuse, refuse_unless

VOTES = (
    ("votes_for", "votes for"),
    ("votes_against", "votes against"),
    ("abstentions", "abstentions"),
)


def _check_attendee(item, number, attendance, role):
    if attendance is None:
        return
    refuse_unless(
        attendance.meeting_id == item.meeting_id and attendance.is_here,
        role,
        f"Resolution {number}: the {role} must be in attendance at the meeting; "
        f"{attendance.full_name} is not recorded as there.",
    )


def check_resolution_details(item, number, resolution):
    """Refuse details that cannot be true: a proposer or seconder not in attendance, a
    resolution seconded by its proposer, negative votes, a membership of another board."""
    _check_attendee(item, number, resolution.proposer, "proposer")
    _check_attendee(item, number, resolution.seconder, "seconder")
    if resolution.seconder is not None and resolution.seconder == resolution.proposer:
        refuse(
            "seconder",
            f"Resolution {number}: the seconder must be someone other than the proposer.",
        )
    for field, words in VOTES:
        value = getattr(resolution, field)
        refuse_unless(
            value is None or value >= 0,
            field,
            f"Resolution {number}: the number of {words} cannot be negative.",
        )
    change = resolution.membership_change
    refuse_unless(
        change is None or change.board_id == item.meeting.board_id,
        "membership_change",
        f"Resolution {number}: the membership change must be a membership of this board.",
    )


def resolution_details(resolution):
    """The details a Resolution row keeps, from a ResolutionText."""
    return {
        "proposer": resolution.proposer,
        "seconder": resolution.seconder,
        "votes_for": resolution.votes_for,
        "votes_against": resolution.votes_against,
        "abstentions": resolution.abstentions,
        "membership_change": resolution.membership_change,
    }
