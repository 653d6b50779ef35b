"""Who may see or do what with boards. The only module that talks to django-guardian.

Board roles come from memberships; `services.py` keeps the guardian object permissions
below in step with them. Views and templates ask the questions here and nothing else.

Every board, with its purpose, members, quorum rule and terms of reference, is public
information: anyone may see a board. What a role adds is its confidential business and, for
the secretariat, running its meetings.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from guardian.models import UserObjectPermission
from guardian.shortcuts import assign_perm, remove_perm

from ..models import Board, Membership, Role

GOVERNANCE_ADMINS = "Governance administrators"

SEE_CONFIDENTIAL = "view_confidential"
MANAGE_MEETINGS = "manage_meetings"

# What each role on a board lets its holder do on that board.
ROLE_PERMISSIONS = {
    Role.CHAIR: {SEE_CONFIDENTIAL},
    Role.DEPUTY_CHAIR: {SEE_CONFIDENTIAL},
    Role.MEMBER: {SEE_CONFIDENTIAL},
    Role.IN_ATTENDANCE: {SEE_CONFIDENTIAL},
    Role.SECRETARIAT: {SEE_CONFIDENTIAL, MANAGE_MEETINGS},
}
BOARD_PERMISSIONS = {SEE_CONFIDENTIAL, MANAGE_MEETINGS}

# Model-wide permissions of governance administrators: the reference data of the admin.
# Never the board object permissions above, which would then hold for every board.
SIGN_IN_RECORD_PERMISSIONS = [
    "view_accessattempt",
    "delete_accessattempt",
    "view_accesslog",
    "view_accessfailurelog",
    "view_totpdevice",
    "delete_totpdevice",
    "view_staticdevice",
    "delete_staticdevice",
]
GOVERNANCE_ADMIN_MODELS = [
    "organisation",
    "partnership",
    "board",
    "quorumrequirement",
    "membership",
    "user",
    "giftrules",
    "addeddecisionmaker",
]


def is_governance_admin(user):
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_is_governance_admin"):
        user._is_governance_admin = user.groups.filter(name=GOVERNANCE_ADMINS).exists()
    return user._is_governance_admin


# Only a superuser hands out access to the admin itself (staff, superuser, groups, model
# permissions): a governance administrator who could change them could widen her own access
# to every board's confidential business.
def can_grant_admin_access(user):
    return user.is_authenticated and user.is_active and user.is_superuser


def can_change_person(user, person):
    """May `user` change `person`'s account in the admin (name, organisation, active)?

    Accounts that can use the admin belong to superusers, apart from one's own: otherwise a
    governance administrator could take over a superuser's account by changing its email.
    """
    if can_grant_admin_access(user) or person.pk == user.pk:
        return True
    return not (person.is_staff or person.is_superuser)


def can_change_sign_in_of(user, person):
    """May `user` set `person`'s password or email, the keys to the account?

    An email address is a key too: whoever changes it can reset the password.
    """
    return can_grant_admin_access(user) or person.pk == user.pk


def can_set_new_person_password(user):
    """May `user` choose the password of an account they add? Only a superuser: anyone else
    could add an account they control and then give it a seat on a board."""
    return can_grant_admin_access(user)


def can_change_memberships_of(user, person):
    """May `user` start, change or end `person`'s seats on boards in the admin?

    Governance administrators manage everyone's roles but their own: a seat on a board (as
    secretariat above all) would widen her own access, so another administrator gives it.
    """
    return can_grant_admin_access(user) or person.pk != user.pk


def can_see_confidential(user, board):
    return user.is_authenticated and user.has_perm(f"partners.{SEE_CONFIDENTIAL}", board)


def can_manage_board(user, board):
    return user.is_authenticated and user.has_perm(f"partners.{MANAGE_MEETINGS}", board)


def chairs_board(user, board):
    """The board's chair or deputy chair today: they decide on its conflict screening."""
    if not user.is_authenticated:
        return False
    return (
        Membership.objects.active()
        .filter(board=board, user=user, role__in=[Role.CHAIR, Role.DEPUTY_CHAIR])
        .exists()
    )


def board_manager_ids(board):
    """The ids of everyone who may run the board's meetings (its secretariat, and anyone
    given the right on its own)."""
    return set(
        UserObjectPermission.objects.filter(
            content_type=ContentType.objects.get_for_model(Board),
            object_pk=str(board.pk),
            permission__codename=MANAGE_MEETINGS,
        ).values_list("user_id", flat=True)
    )


def can_see_board_history(user, board):
    return can_manage_board(user, board) or is_governance_admin(user)


def board_permissions_of(user, board):
    """The board permissions stored for a user (a superuser's implicit ones not included)."""
    return set(
        UserObjectPermission.objects.filter(
            user=user,
            content_type=ContentType.objects.get_for_model(Board),
            object_pk=str(board.pk),
            permission__codename__in=BOARD_PERMISSIONS,
        ).values_list("permission__codename", flat=True)
    )


def board_permissions_set(user, board, wanted):
    """Grant and withdraw so the user holds exactly `wanted` on the board."""
    held = board_permissions_of(user, board)
    for codename in wanted - held:
        assign_perm(codename, user, board)
    for codename in held - wanted:
        remove_perm(codename, user, board)


def board_permission_holders():
    """(user id, board id) of everyone holding any board permission."""
    rows = UserObjectPermission.objects.filter(
        content_type=ContentType.objects.get_for_model(Board),
        permission__codename__in=BOARD_PERMISSIONS,
    ).values_list("user_id", "object_pk")
    return {(user_id, int(object_pk)) for user_id, object_pk in rows}


def board_permissions_forget(board):
    """Guardian keeps object permissions of deleted objects unless told to forget them."""
    UserObjectPermission.objects.filter(
        content_type=ContentType.objects.get_for_model(Board), object_pk=str(board.pk)
    ).delete()


def governance_admin_group_ensure(**kwargs):
    """Create the governance administrators' group with its model-wide permissions."""
    group, _ = Group.objects.get_or_create(name=GOVERNANCE_ADMINS)
    wanted = Permission.objects.filter(
        content_type__app_label="partners",
        content_type__model__in=GOVERNANCE_ADMIN_MODELS,
    ).exclude(codename__in=BOARD_PERMISSIONS)
    # Sign-in records (django-axes): read them all; lift a lockout by deleting its attempts.
    # Second factors (django-otp): remove a lost one, and its owner sets up a new one.
    sign_in_records = Permission.objects.filter(
        content_type__app_label__in=["axes", "otp_totp", "otp_static"],
        codename__in=SIGN_IN_RECORD_PERMISSIONS,
    )
    group.permissions.set([*wanted, *sign_in_records])
    return group
