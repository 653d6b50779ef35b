"""Changing how a board runs its meetings."""

from django.db import transaction

from ..models import MeetingStatus
from ..selectors.board_settings import settings_for
from .base import save
from .references import meetings_renumber

# Settings that change how the board's agenda items and minutes are referenced.
ITEM_NUMBERING = ["item_reference_scheme", "item_reference_prefix", "sub_item_style"]
NUMBERING = {*ITEM_NUMBERING, "minute_reference_scheme", "minute_reference_prefix"}


@transaction.atomic
def board_settings_save(*, actor, board, **changes):
    """Change the board's settings: only the fields given, each checked against the rules of
    the others, all or none. Nothing given, nothing saved (not even a line of history)."""
    board_settings = settings_for(board)
    if not changes:
        return board_settings
    for name, value in changes.items():
        setattr(board_settings, name, value)
    save(board_settings, actor, "Changed the board's settings")
    if NUMBERING & set(changes):
        _unpublished_renumber(actor, board, changes)
    return board_settings


def _unpublished_renumber(actor, board, changes):
    """Agendas not yet published follow the new numbering at once (published ones keep
    theirs); a scheme that would give a reference twice is refused, naming the setting."""
    setting = next((name for name in ITEM_NUMBERING if name in changes), "item_reference_scheme")
    meetings = board.meetings.filter(
        agenda_published_at__isnull=True, status__in=MeetingStatus.open()
    )
    meetings_renumber(actor, list(meetings), setting=setting)
