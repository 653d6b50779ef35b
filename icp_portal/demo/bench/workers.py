"""The two processes that render a pack's parts: a process pool running the render task's
code, or a real Celery worker with a prefork pool of two."""

import multiprocessing
import os
import signal
import subprocess
import sys
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext, suppress
from itertools import count, repeat
from pathlib import Path
from unittest import mock

import django
from celery import current_app
from django.conf import settings
from django.core.management.base import CommandError
from kombu import Exchange, Queue

from meetings.models import UNFINISHED, BuildStatus, PackBuild
from meetings.pdf import pack_parts
from meetings.services import packs as pack_services
from meetings.tasks import render_pack_part

from .measure import (
    PROCESSES,
    WARM_UP_HTML,
    burn_here,
    peak_mb_of,
    render_part_here,
    reset_peak_of,
    rss_mb_of,
    wait_until,
    warm_up_here,
)

WORKER_START_SECONDS = 60
WORKER_STOP_SECONDS = 20


def not_sent(build_id, queue=None):
    """Stands in for `pack_services.enqueue` where the bench runs the build itself."""
    return True


def spawned_pool(processes):
    """Processes started afresh, each setting Django up, then warmed up; with the largest
    of their sizes once ready (MB)."""
    executor = ProcessPoolExecutor(
        max_workers=processes,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=django.setup,
    )
    ready = {}
    for number in count(step=processes):
        ready |= dict(executor.map(warm_up_here, range(number, number + processes)))
        if len(ready) >= processes:
            return executor, max(ready.values())


class ProcessPool:
    """Two render processes running the render task's code (`pack_parts.render_part`); the
    build is planned and assembled in this process, as `build_pack` and `assemble_pack`
    would do it."""

    label = f"process pool: concurrent.futures, {PROCESSES} spawned processes"

    def __enter__(self):
        self.executor, self.ready_mb = spawned_pool(PROCESSES)
        self.peaks = {}
        self.part_seconds = []
        return self

    def __exit__(self, *exc):
        self.executor.shutdown()

    def requesting(self):
        """A build asked for here is run by `finish`, not sent to Celery (eager without a
        broker, it would render every part in this process)."""
        return mock.patch.object(pack_services, "enqueue", not_sent)

    def render(self, htmls):
        media_root = str(settings.MEDIA_ROOT)
        for result in self.executor.map(render_part_here, htmls, repeat(media_root)):
            self.peaks[result.pid] = max(self.peaks.get(result.pid, 0), result.peak_mb)
            if result.rendered:
                self.part_seconds.append(result.seconds)

    def finish(self, build_id):
        """Run a requested build: the parts the cache lacks rendered by the processes, then
        both editions assembled and switched into place here."""
        missing = []
        pack_services.pack_build_run(build_id, send=missing.append)
        if missing:
            self.render(missing)
            pack_services.pack_build_assemble(build_id)
        return finished_build(build_id)

    def peak_mb(self):
        return max(self.peaks.values(), default=0.0)


class CeleryWorkers:
    """`celery -A icp_portal worker --pool prefork --concurrency 2` on a queue of its own, as
    tests/integration/conftest.py starts one. While it runs, the tasks sent here without a
    queue (a build asked for when a transaction commits) go to that queue."""

    label = f"Celery: one worker, prefork pool of {PROCESSES} processes, Redis broker"

    def __init__(self, folder, database_url, build_id):
        self.folder, self.database_url, self.build_id = Path(folder), database_url, build_id
        self.part_seconds = []  # rendered in the workers; their times are not reported back

    def __enter__(self):
        # The portal's Celery app, the one `-A icp_portal` gives the worker: whichever is
        # current here, so the bench does not import the project's wiring.
        self.app, self.queue = current_app, f"bench-{uuid.uuid4().hex[:8]}"
        self.log = self.folder / f"worker-{self.queue}.log"
        self.process = self._start()
        self.default_queue = self.app.conf.task_default_queue
        self.app.conf.task_default_queue = self.queue
        try:
            wait_until(self._ready, "the Celery worker to start", WORKER_START_SECONDS, 0.2)
            self.render([WARM_UP_HTML.format(f"celery {n}") for n in range(2 * PROCESSES)])
            self.ready_mb = max(map(rss_mb_of, self.children()), default=0.0)
        except BaseException:
            self.__exit__()
            raise
        return self

    def _start(self):
        env = os.environ | {
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        }
        command = [sys.executable, "-m", "celery", "-A", "icp_portal", "worker"]
        command += ["--pool", "prefork", "--concurrency", str(PROCESSES)]
        command += ["--without-mingle", "--without-gossip", "--queues", self.queue]
        command += ["--hostname", f"{self.queue}@%h", "--loglevel", "INFO"]
        # Into a file: a pipe nobody reads fills up and blocks the worker.
        with open(self.log, "w") as output:
            return subprocess.Popen(
                command,
                cwd=settings.BASE_DIR,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def _ready(self):
        if self.process.poll() is not None:
            tail = self.log.read_text(errors="replace")[-2000:]
            raise CommandError(f"The Celery worker stopped:\n{tail}")
        return " ready." in self.log.read_text(errors="replace")

    def __exit__(self, *exc):
        self.app.conf.task_default_queue = self.default_queue
        self.process.terminate()  # a warm shutdown: a task under way is finished first
        try:
            self.process.wait(timeout=WORKER_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        with suppress(ProcessLookupError):  # pool processes its parent left behind
            os.killpg(self.process.pid, signal.SIGKILL)
        self._forget_queue()

    def _forget_queue(self):
        """Delete the bench's queue and its bindings from the broker (declared first: a
        channel deletes only the bindings it knows)."""
        queue = Queue(self.queue, Exchange(self.queue), routing_key=self.queue)
        with suppress(Exception), self.app.connection_for_write() as broker:
            bound = queue.bind(broker.default_channel)
            bound.declare()
            bound.delete()

    def children(self):
        """The pids of the worker's pool processes."""
        pids = set()
        for children in Path(f"/proc/{self.process.pid}/task").glob("*/children"):
            try:
                pids |= {int(pid) for pid in children.read_text().split()}
            except FileNotFoundError:  # a thread that ended meanwhile
                continue
        return sorted(pids)

    def requesting(self):
        return nullcontext()  # the request sends `build_pack` to the worker on commit

    def render(self, htmls):
        """Send one `render_pack_part` task per part (for a build row already done, so the
        task renders into the cache and stops there); wait until every part is cached."""
        keys = [pack_parts.cache_key(html) for html in htmls]
        for html in htmls:
            render_pack_part.apply_async((self.build_id, html), queue=self.queue)
        wait_until(lambda: all(map(pack_parts.is_cached_key, keys)), "the parts to render")

    def finish(self, build_id):
        wait_until(
            lambda: PackBuild.objects.get(pk=build_id).status not in UNFINISHED,
            f"pack build {build_id}",
        )
        return finished_build(build_id)

    def reset_peak(self):
        for pid in self.children():
            reset_peak_of(pid)

    def peak_mb(self):
        return max((peak_mb_of(pid) for pid in self.children()), default=0.0)


def finished_build(build_id):
    build = PackBuild.objects.get(pk=build_id)
    if build.status != BuildStatus.DONE:
        raise CommandError(f"Pack build {build_id} ended {build.status}: {build.error}")
    return build


def parallel_speedup(loops=20_000_000):
    """How much more work two processes do than one, now, on this machine: 2.0 with two free
    cores; less when the cores are shared (other jobs, a VM's neighbours)."""
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(PROCESSES, mp_context=spawn, initializer=django.setup) as pool:
        list(pool.map(burn_here, [loops // 10] * PROCESSES))  # both started
        alone = pool.submit(burn_here, loops).result()
        started = time.perf_counter()
        list(pool.map(burn_here, [loops] * PROCESSES))
        return PROCESSES * alone / (time.perf_counter() - started)
