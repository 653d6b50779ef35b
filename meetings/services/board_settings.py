"""Changing how a board runs its meetings."""

from django.db import transaction

from ..selectors.board_settings import settings_for
from .base import save


@transaction.atomic
def board_settings_save(*, actor, board, **changes):
    """Change the board's settings: only the fields given, each checked against the rules of
    the others, all or none. Nothing given, nothing saved (not even a line of history)."""
    board_settings = settings_for(board)
    if not changes:
        return board_settings
    for name, value in changes.items():
        setattr(board_settings, name, value)
    return save(board_settings, actor, "Changed the board's settings")
