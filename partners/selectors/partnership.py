"""Reads of partners, boards and memberships, shaped for the pages that show them.

Each costs a fixed number of queries however many rows there are.
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ..audit import history_entries
from ..models import (
    Board,
    Membership,
    Organisation,
    OrganisationKind,
    Partnership,
    QuorumRequirement,
    Role,
)


def partnerships_for_home():
    """The systems with their places, for the home page."""
    return Partnership.objects.filter(parent__isnull=True).prefetch_related(
        Prefetch("children", queryset=Partnership.objects.order_by("name"))
    )


def boards_for_listing():
    """Every board with its partnership and the board it reports to, grouped by partnership."""
    boards = Board.objects.select_related("partnership", "reports_to").order_by(
        "partnership__name", "name"
    )
    return [
        (partnership, list(rows)) for partnership, rows in groupby(boards, lambda b: b.partnership)
    ]


def _active_memberships(on=None):
    return Membership.objects.active(on).select_related(
        "user", "user__organisation", "representing", "board"
    )


@dataclass
class RoleGroup:
    role: Role
    memberships: list = field(default_factory=list)

    @property
    def heading(self):
        return ROLE_HEADINGS[self.role]


ROLE_HEADINGS = {
    Role.CHAIR: "Chair",
    Role.DEPUTY_CHAIR: "Deputy chair",
    Role.MEMBER: "Members",
    Role.IN_ATTENDANCE: "In attendance",
    Role.SECRETARIAT: "Secretariat",
}


def members_by_role(memberships):
    """Memberships grouped by role in the order of the minutes: chair first, secretariat last.

    Within a role, people without a seat come first, then each seat (ICP Leads, lay
    members...) together, each by name.
    """
    groups = {role: RoleGroup(role) for role in Role}
    for membership in sorted(memberships, key=lambda m: (m.constituency, m.user.full_name)):
        groups[membership.role].memberships.append(membership)
    return [group for group in groups.values() if group.memberships]


def board_by_slug(slug):
    return get_object_or_404(Board, slug=slug)


def board_detail(slug):
    """A board with everything its page shows, or 404."""
    today = timezone.localdate()
    queryset = Board.objects.select_related("partnership", "reports_to").prefetch_related(
        "quorum_requirements",
        Prefetch("reporting_boards", queryset=Board.objects.order_by("name")),
        Prefetch("memberships", queryset=_active_memberships(today), to_attr="active_memberships"),
    )
    board = get_object_or_404(queryset, slug=slug)
    board.members_by_role = members_by_role(board.active_memberships)
    return board


def organisations_for_listing():
    """Partner organisations grouped by kind, in the order the kinds are defined."""
    order = {kind: index for index, kind in enumerate(OrganisationKind.values)}
    organisations = sorted(Organisation.objects.all(), key=lambda o: (order[o.kind], o.name))
    return [
        (kind_label, list(rows))
        for kind_label, rows in groupby(organisations, lambda o: o.get_kind_display())
    ]


def organisation_detail(slug):
    """A partner with its partnerships and the current board seats held for it, or 404."""
    queryset = Organisation.objects.prefetch_related(
        Prefetch("partnerships", queryset=Partnership.objects.order_by("name")),
        Prefetch(
            "memberships",
            queryset=_active_memberships().order_by("board__name", "user__full_name"),
            to_attr="active_memberships",
        ),
    )
    return get_object_or_404(queryset, slug=slug)


def board_history(board):
    """Who changed what on a board, its quorum rule and its memberships, newest first."""
    return history_entries(
        Board.history.filter(id=board.pk),
        QuorumRequirement.history.filter(board_id=board.pk).select_related("board"),
        Membership.history.filter(board_id=board.pk).select_related(
            "user", "board", "representing"
        ),
    )
