"""Exempt business: the resolution to exclude the public before confidential items, worded
under the law the board works under, and what the secretariat should know before the agenda
goes out (private business that is not last, confidential items without their paragraph)."""

from dataclasses import dataclass
from typing import NamedTuple

from ..models import ExemptBusinessLaw, ItemStatus
from .board_settings import settings_for

NHS_WORDING = (
    "Resolved: that the press and public be excluded from the meeting {scope}, because the "
    "business is confidential and publicity about it would harm the public interest "
    "(Public Bodies (Admission to Meetings) Act 1960, section 1(2))."
)

LOCAL_GOVERNMENT_WORDING = (
    "Resolved: that, under section 100A(4) of the Local Government Act 1972, the press and "
    "public be excluded from the meeting {scope}, because the business is likely to disclose "
    "exempt information of the kind described in {paragraphs}Part 1 of Schedule 12A to "
    "the Act, and in all the circumstances the public interest in keeping the information "
    "exempt outweighs the public interest in disclosing it."
)


class ExcludedItem(NamedTuple):
    reference: str
    title: str  # the title the public sees
    reason: str
    paragraph: str  # "paragraph 3" under the 1972 Act; empty under the 1960 Act


@dataclass(frozen=True)
class ExclusionResolution:
    preamble: str
    items: list  # ExcludedItem, in agenda order
    # Public items that come after private business: the public is excluded only for the
    # private items, and the secretariat is warned that private business is not last.
    public_items_after: list


def _private_items(items):
    return [i for i in items if i.confidential and i.status == ItemStatus.SCHEDULED]


def _public_items_after(items, first_private):
    return [
        i
        for i in items
        if not i.confidential and i.status == ItemStatus.SCHEDULED and i.number > first_private
    ]


def _in_words(words):
    """'7', '7 and 9', '7, 9 and 10'."""
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _scope(private, public_after):
    if not public_after:
        return "for the rest of the meeting"
    label = "item" if len(private) == 1 else "items"
    return f"for {label} {_in_words(i.reference for i in private)}"


def _paragraphs(private):
    numbers = sorted({i.exempt_paragraph for i in private if i.exempt_paragraph})
    label = "paragraph" if len(numbers) == 1 else "paragraphs"
    return f"{label} {_in_words(str(n) for n in numbers)} of " if numbers else ""


def exclusion_resolution(meeting, items, law=ExemptBusinessLaw.NHS):
    """The resolution for a public meeting with confidential items, or None if not needed.

    `items` are the meeting's agenda items in agenda order, already loaded (no query is made
    here); `law` is the board's setting.
    """
    private = _private_items(items)
    if not meeting.held_in_public or not private:
        return None
    public_after = _public_items_after(items, private[0].number)
    scope = _scope(private, public_after)
    under_1972_act = law == ExemptBusinessLaw.LOCAL_GOVERNMENT
    if under_1972_act:
        preamble = LOCAL_GOVERNMENT_WORDING.format(scope=scope, paragraphs=_paragraphs(private))
    else:
        preamble = NHS_WORDING.format(scope=scope)
    excluded = [
        ExcludedItem(
            i.reference,
            i.public_title,
            i.confidential_reason,
            f"paragraph {i.exempt_paragraph}" if under_1972_act and i.exempt_paragraph else "",
        )
        for i in private
    ]
    return ExclusionResolution(preamble, excluded, public_after)


def board_exclusion_resolution(board, meeting, items):
    """The resolution under the board's own law; its settings are read only when a
    resolution is needed."""
    if not meeting.held_in_public or not _private_items(items):
        return None
    return exclusion_resolution(meeting, items, settings_for(board).exempt_business_law)


def _items(references):
    """'item 7', 'items 7 and 9'."""
    references = list(references)
    return f"item{'s' if len(references) > 1 else ''} {_in_words(references)}"


def private_business_warnings(board, meeting, items):
    """What the secretariat should put right before the agenda goes out: public business
    after private business (the public must leave and come back), and, under the 1972 Act,
    confidential items that do not name their paragraph of Schedule 12A."""
    resolution = board_exclusion_resolution(board, meeting, items)
    if resolution is None:
        return []
    warnings = []
    if resolution.public_items_after:
        private = _items(i.reference for i in resolution.items)
        public = _items(i.reference for i in resolution.public_items_after)
        warnings.append(
            f"Private business is not last: public business ({public}) follows private "
            f"business, so the resolution excludes the public only for {private}. Move the "
            "private items to the end of the agenda so that the public need leave only once."
        )
    if settings_for(board).exempt_business_law == ExemptBusinessLaw.LOCAL_GOVERNMENT:
        unnamed = [i.reference for i in _private_items(items) if not i.exempt_paragraph]
        if unnamed:
            warnings.append(
                f"{_items(unnamed).capitalize()}: choose the paragraph of Schedule 12A that "
                "makes the business exempt; the resolution must name it."
            )
    return warnings


def meeting_warnings(meeting):
    """The warnings for a meeting, for the publication checklist."""
    items = list(meeting.items.order_by("number"))
    return private_business_warnings(meeting.board, meeting, items)
