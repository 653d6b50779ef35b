"""Every write that matters to partners, one module per concern: the partnership's boards and
memberships, and signing in."""

from .partnership import (
    board_delete,
    board_permissions_refresh,
    board_permissions_sync,
    membership_change,
    membership_delete,
    membership_end,
    membership_start,
    record_save,
)
from .signin import (
    PASSWORD_RESET_TASK,
    password_reset_request,
    password_reset_send,
    second_factor_confirm,
)

__all__ = [
    "PASSWORD_RESET_TASK",
    "board_delete",
    "board_permissions_refresh",
    "board_permissions_sync",
    "membership_change",
    "membership_delete",
    "membership_end",
    "membership_start",
    "password_reset_request",
    "password_reset_send",
    "record_save",
    "second_factor_confirm",
]
