"""Every write that matters to partners, boards and memberships.

Membership rows are the source of truth for board roles; each service that starts, changes
or ends a membership brings the person's guardian permissions on that board in step in the
same transaction.
"""

from django.db import transaction
from django.utils import timezone

from .. import permissions
from ..audit import delete_with_history, save_with_history
from ..models import VOTING_ROLES, Board, Membership, User


@transaction.atomic
def record_save(*, actor, instance, reason=""):
    """Create or update an organisation, partnership, board or person, with history."""
    verb = "Changed" if instance.pk else "Added"
    reason = reason or f"{verb} {instance._meta.verbose_name}"
    return save_with_history(instance, actor=actor, reason=reason)


@transaction.atomic
def board_delete(*, actor, board):
    """Delete a board that has no memberships, and forget every permission held on it."""
    permissions.board_permissions_forget(board)
    delete_with_history(board, actor=actor, reason="Deleted board")


def _lock_board(board_id):
    # Serialises membership changes on one board, so that two secretaries cannot both
    # appoint a chair for the same dates.
    Board.objects.select_for_update().filter(pk=board_id).first()


@transaction.atomic
def membership_start(*, actor, user, board, role, voting=None, **fields):
    """Give a person a seat on a board, and the access that comes with it.

    `voting` defaults to what the role implies: chairs and members vote, people in
    attendance and the secretariat do not.
    """
    _lock_board(board.pk)
    membership = Membership(user=user, board=board, role=role, **fields)
    membership.voting = role in VOTING_ROLES if voting is None else voting
    role_name = membership.get_role_display().lower()
    save_with_history(membership, actor=actor, reason=f"Started membership as {role_name}")
    board_permissions_sync(user=membership.user, board=board)
    return membership


@transaction.atomic
def membership_change(*, actor, membership, reason="Changed membership", **fields):
    """Change a membership's role, vote, organisation or dates, and the access with it.

    Moving a membership to another person or board re-syncs both the old and new pairs.
    """
    before = (membership.user_id, membership.board_id)
    for name, value in fields.items():
        setattr(membership, name, value)
    _lock_board(membership.board_id)
    save_with_history(membership, actor=actor, reason=reason)
    for user_id, board_id in {before, (membership.user_id, membership.board_id)}:
        board_permissions_sync(user=User.objects.get(pk=user_id), board=Board(pk=board_id))
    return membership


@transaction.atomic
def membership_end(*, actor, membership, ends_on=None):
    """End a membership (today unless told otherwise); access ends that day."""
    ends_on = ends_on or timezone.localdate()
    return membership_change(
        actor=actor, membership=membership, ends_on=ends_on, reason="Ended membership"
    )


@transaction.atomic
def membership_delete(*, actor, membership):
    """Remove a membership entered by mistake (ending it keeps the record; this does not)."""
    user, board = membership.user, membership.board
    delete_with_history(membership, actor=actor, reason="Deleted membership entered in error")
    board_permissions_sync(user=user, board=board)


def board_permissions_sync(*, user, board, on=None):
    """Grant exactly the board permissions the person's memberships in force give them."""
    roles = Membership.objects.active(on).filter(user=user, board_id=board.pk)
    wanted = set().union(
        *(permissions.ROLE_PERMISSIONS[role] for role in roles.values_list("role", flat=True))
    )
    permissions.board_permissions_set(user, board, wanted)


@transaction.atomic
def board_permissions_refresh(*, on=None):
    """Bring every person's board permissions in step with the memberships in force today.

    Memberships start and end on dates; this runs each night (Celery beat) so that a
    membership dated to start or end in the future takes effect on its day.
    Returns the number of (person, board) pairs checked.
    """
    pairs = set(Membership.objects.values_list("user_id", "board_id"))
    pairs |= permissions.board_permission_holders()
    users = User.objects.in_bulk({user_id for user_id, _ in pairs})
    for user_id, board_id in pairs:
        board_permissions_sync(user=users[user_id], board=Board(pk=board_id), on=on)
    return len(pairs)
