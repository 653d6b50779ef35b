"""Every write that matters to partners, one module per concern: the partnership's boards and
memberships, signing in, and the register of interests' returns and their reminders."""

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
from .reminders import REMINDER_TASK, return_remind, return_reminder_send, return_reminders_send
from .signin import (
    PASSWORD_RESET_TASK,
    password_reset_request,
    password_reset_send,
    second_factor_confirm,
)

__all__ = [
    "PASSWORD_RESET_TASK",
    "REMINDER_TASK",
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
    "return_remind",
    "return_reminder_send",
    "return_reminders_send",
    "second_factor_confirm",
]
