"""Celery tasks of the meetings app: thin, each calls one service.

A pack build is idempotent (a build row claimed under a lock; a finished one is not built
again), so it may be delivered twice: acks_late with reject_on_worker_lost redelivers it
when a worker dies in the middle.
"""

from celery import shared_task

from . import pack_services

BUILD_SOFT_LIMIT = 600  # seconds; the broker's visibility timeout (3600) is well beyond
BUILD_HARD_LIMIT = 660


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=BUILD_SOFT_LIMIT,
    time_limit=BUILD_HARD_LIMIT,
    autoretry_for=(OSError,),
    retry_backoff=5,
    max_retries=3,
)
def build_pack(build_id):
    build = pack_services.pack_build_run(build_id)
    return build.pk if build else None


@shared_task(acks_late=True)
def enqueue_waiting_pack_builds():
    return pack_services.waiting_builds_enqueue()
