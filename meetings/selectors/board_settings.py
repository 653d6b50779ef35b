"""Reading a board's settings: the saved ones, or the defaults for a board that has saved none."""

from ..models import BoardSettings


def settings_for(board):
    """The board's settings; unsaved defaults when the secretariat has changed nothing."""
    try:
        return board.meeting_settings
    except BoardSettings.DoesNotExist:
        return BoardSettings(board=board)
