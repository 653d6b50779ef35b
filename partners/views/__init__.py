"""The partners app's pages, one module per concern: the partnership's boards and
organisations, and the second factor of signing in."""

from .partnership import (
    accessibility,
    board_detail,
    board_history,
    board_list,
    organisation_detail,
    organisation_list,
)
from .signin import (
    RECOVERY_CODES_TO_SHOW,
    second_factor,
    second_factor_recovery_codes,
    second_factor_set_up,
)

__all__ = [
    "RECOVERY_CODES_TO_SHOW",
    "accessibility",
    "board_detail",
    "board_history",
    "board_list",
    "organisation_detail",
    "organisation_list",
    "second_factor",
    "second_factor_recovery_codes",
    "second_factor_set_up",
]
