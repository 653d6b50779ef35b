"""The agenda a new meeting starts from: the board's standing items, or these defaults."""

from .models import Action, ItemFormat, StandingItem, StandingKind

ROUTINE = "Routine Items of Business"
CLOSING = "Any Other Business"

DEFAULT_STANDING_ITEMS = [
    (ROUTINE, StandingKind.WELCOME, Action.NOTE, ItemFormat.VERBAL, "Chair"),
    (ROUTINE, StandingKind.DECLARATIONS, Action.NOTE, ItemFormat.VERBAL, "Chair"),
    (ROUTINE, StandingKind.PREVIOUS_MINUTES, Action.APPROVE, ItemFormat.ATTACHED, "Chair"),
    (ROUTINE, StandingKind.KEY_MESSAGES, Action.NOTE, ItemFormat.VERBAL, "Chair"),
    (CLOSING, StandingKind.NEXT_MEETING_ITEMS, Action.NOTE, ItemFormat.VERBAL, "All"),
    (CLOSING, StandingKind.ANY_OTHER_BUSINESS, Action.NOTE, ItemFormat.VERBAL, "All"),
]


def default_standing_items(board):
    """The six standing items of DOMAIN.md, unsaved, for a board without a template."""
    return [
        StandingItem(
            board=board,
            section_title=section,
            title=kind.label,
            standing=kind,
            action=action,
            format=format_,
            presenters_text=presenters,
            position=position,
        )
        for position, (section, kind, action, format_, presenters) in enumerate(
            DEFAULT_STANDING_ITEMS
        )
    ]


def standing_items_for(board):
    return list(board.standing_items.all()) or default_standing_items(board)
