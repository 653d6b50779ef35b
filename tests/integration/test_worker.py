"""The nightly permission refresh, run by a real worker over the real broker."""

from guardian.models import UserObjectPermission

from partners import permissions, tasks
from tests.integration.conftest import wait_until


def test_a_worker_withdraws_permissions_no_membership_gives(
    celery_worker_process, board, member, outsider
):
    permissions.board_permissions_set(outsider, board, {permissions.MANAGE_MEETINGS})

    tasks.refresh_board_permissions.apply_async(queue=celery_worker_process)

    wait_until(
        lambda: not UserObjectPermission.objects.filter(user=outsider).exists(),
        message="the worker to withdraw the outsider's permission",
    )
    assert permissions.can_see_confidential(member, board)
