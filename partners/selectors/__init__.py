"""Reads of the partners app, one module per concern: the partnership's boards and
organisations."""

from .partnership import (
    ROLE_HEADINGS,
    RoleGroup,
    board_by_slug,
    board_detail,
    board_history,
    boards_for_listing,
    members_by_role,
    organisation_detail,
    organisations_for_listing,
    partnerships_for_home,
)

__all__ = [
    "ROLE_HEADINGS",
    "RoleGroup",
    "board_by_slug",
    "board_detail",
    "board_history",
    "boards_for_listing",
    "members_by_role",
    "organisation_detail",
    "organisations_for_listing",
    "partnerships_for_home",
]
