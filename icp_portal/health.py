"""/healthz: is this web process fit to serve? For the compose stack and load balancers.

It answers 200 "ok" when the database answers, the broker answers (when one is configured)
and uploaded files can be written; otherwise 503. The public learns nothing more: what failed
goes to the log.
"""

import logging
import os
import tempfile

from django.conf import settings
from django.db import connections
from django.http import HttpResponse
from kombu import Connection

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
BROKER_TIMEOUT_SECONDS = 2


class HealthCheckMiddleware:
    """Answers /healthz ahead of the rest of the stack.

    Probes ask by the server's internal address over plain HTTP, so the host check
    (ALLOWED_HOSTS) and the HTTPS redirect would turn them away; the answer names no host
    and carries nothing private, so it needs neither.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTH_PATH and request.method in {"GET", "HEAD"}:
            return healthz(request)
        return self.get_response(request)


def healthz(request):
    failures = [name for name, check in CHECKS if not passes(name, check)]
    response = HttpResponse(
        "unavailable" if failures else "ok",
        content_type="text/plain; charset=utf-8",
        status=503 if failures else 200,
    )
    response["Cache-Control"] = "no-store"
    return response


def passes(name, check):
    try:
        check()
    except Exception:
        logger.exception("Health check failed: %s", name)
        return False
    return True


def check_database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_broker():
    # Without a broker, tasks run in the web process: nothing to reach.
    if not settings.CELERY_BROKER_URL:
        return
    options = {
        **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        "socket_timeout": BROKER_TIMEOUT_SECONDS,
        "socket_connect_timeout": BROKER_TIMEOUT_SECONDS,
    }
    with Connection(
        settings.CELERY_BROKER_URL,
        connect_timeout=BROKER_TIMEOUT_SECONDS,
        transport_options=options,
    ) as connection:
        connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0)


def check_media_writable():
    os.makedirs(settings.MEDIA_ROOT, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=settings.MEDIA_ROOT, prefix=".healthz-"):
        pass


CHECKS = [
    ("database", check_database),
    ("broker", check_broker),
    ("media", check_media_writable),
]
