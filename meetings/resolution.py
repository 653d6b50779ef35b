"""The resolution to exclude the public before a meeting held in public takes private items."""

from dataclasses import dataclass

from .models import ItemStatus

PREAMBLE = (
    "Resolved: that representatives of the press and other members of the public be excluded "
    "from the remainder of this meeting, having regard to the confidential nature of the "
    "business to be transacted, publicity on which would be prejudicial to the public interest "
    "(Section 1(2) of the Public Bodies (Admission to Meetings) Act 1960). The items are:"
)


@dataclass(frozen=True)
class ExclusionResolution:
    preamble: str
    items: list  # (number, public title, reason)


def exclusion_resolution(meeting, items):
    """The resolution for a public meeting with confidential items, or None if not needed.

    `items` are the meeting's agenda items, already loaded (no query is made here).
    """
    private = [i for i in items if i.confidential and i.status == ItemStatus.SCHEDULED]
    if not meeting.held_in_public or not private:
        return None
    return ExclusionResolution(
        PREAMBLE, [(i.number, i.public_title, i.confidential_reason) for i in private]
    )
