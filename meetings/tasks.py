"""Celery tasks of the meetings app: thin, each calls one service.

A pack build fans out: `build_pack` finds the parts the cache lacks and sends one
`render_pack_part` each, so the workers render them in parallel; the render that completes
the set sends `assemble_pack`. Every step is idempotent (a build row claimed under a lock,
parts cached by content, a finished build left alone), so a task may be delivered twice:
acks_late with reject_on_worker_lost redelivers it when a worker dies in the middle. The
follow-up tasks go to the queue the build came from.
"""

from celery import shared_task

from .services import packs as pack_services

# Seconds. Far below the broker's visibility timeout (3600), so Redis never hands a task
# that is still running to a second worker.
SOFT_LIMIT = 300
HARD_LIMIT = 330
RELIABLE = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "soft_time_limit": SOFT_LIMIT,
    "time_limit": HARD_LIMIT,
    "autoretry_for": (OSError,),
    "retry_backoff": 5,
    "max_retries": 3,
}


def _queue(task):
    """The queue this task came from (None when run in-process)."""
    return (task.request.delivery_info or {}).get("routing_key")


@shared_task(**RELIABLE)
def build_pack(self, build_id):
    queue = _queue(self)
    build = pack_services.pack_build_run(
        build_id, send=lambda html: render_pack_part.apply_async((build_id, html), queue=queue)
    )
    return build.pk if build else None


@shared_task(**RELIABLE)
def render_pack_part(self, build_id, html):
    queue = _queue(self)
    pack_services.pack_part_render(
        build_id, html, assemble=lambda: assemble_pack.apply_async((build_id,), queue=queue)
    )


@shared_task(**RELIABLE)
def assemble_pack(self, build_id):
    build = pack_services.pack_build_assemble(build_id)
    return build.pk if build else None


@shared_task(acks_late=True)
def enqueue_waiting_pack_builds():
    return pack_services.waiting_builds_enqueue()
