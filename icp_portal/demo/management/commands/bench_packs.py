"""`manage.py bench_packs` (`make bench`): how long building board packs takes, and how much
memory a render process needs. A benchmark, not a test: it prints figures against targets and
never fails because a target is missed.

(a) The demo pack of 2 December 2020, loaded into a throwaway database: a full build of both
    editions with a cold part cache, then a rebuild after one paper's cover sheet changes,
    each timed from the request to the build marked done.
(b) A generated pack of about 200 A4 pages in 19 parts made of seed 003's text, or of the
    demo's own papers without it (one part of about 7 pages), without a meeting: the parts
    rendered by `pack_parts.render_part` into the bench's part cache by 2 processes, then a
    cover and contents numbered from the real page counts and `pack_pdf.assemble`, in this
    process. Timed: the full build with a cold cache, the rebuild after the 7-page part
    changes, the same content rendered by WeasyPrint as one single document, the merge; and
    the peak memory of a render process.

The 2 processes are real Celery workers (`celery -A icp_portal worker --pool prefork
--concurrency 2` on a queue of the bench's own) when CELERY_BROKER_URL names Redis and
DATABASE_URL PostgreSQL; otherwise a process pool of 2 (concurrent.futures, spawned processes)
runs the render task's code, and this process plans and assembles as the build and assembly
tasks would. Everything is written under a temporary directory (MEDIA_ROOT is overridden for
the run) and the throwaway database is dropped at the end.

The parts of the bench are in `icp_portal/demo/bench/`.
"""

import os
import tempfile
from contextlib import ExitStack, contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from icp_portal.demo.bench.demo_pack import bench_build, bench_demo, load_demo, throwaway_database
from icp_portal.demo.bench.generated import bench_generated
from icp_portal.demo.bench.report import demo_lines, generated_lines, machine_line, target_lines
from icp_portal.demo.bench.workers import CeleryWorkers, ProcessPool


def services_set():
    """Real workers can run: a Redis broker and a PostgreSQL database."""
    redis = settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://"))
    return redis and connection.vendor == "postgresql"


@contextmanager
def section_workers(celery):
    """The Celery workers with their peak memory counted afresh, or a new process pool."""
    if celery is not None:
        celery.reset_peak()
        yield celery
        return
    with ProcessPool() as pool:
        yield pool


class Command(BaseCommand):
    help = (
        "Time building board packs: the demo pack of 2 December 2020 and a generated "
        "200-page pack, against the targets of issue 5. A benchmark: it never fails."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=3, help="Runs per figure (median).")
        parser.add_argument(
            "--mode",
            choices=["auto", "pool", "celery"],
            default="auto",
            help="celery: real workers (a Redis CELERY_BROKER_URL and a PostgreSQL "
            "DATABASE_URL); pool: a process pool; auto (default): celery when both are set.",
        )
        parser.add_argument(
            "--only", choices=["demo", "generated"], help="Run one of the two benchmarks."
        )

    def handle(self, *args, runs, mode, only, **options):
        if runs < 1:
            raise CommandError("--runs must be at least 1.")
        if mode == "celery" and not services_set():
            raise CommandError(
                "--mode celery needs a Redis CELERY_BROKER_URL and a PostgreSQL DATABASE_URL."
            )
        celery = mode == "celery" or (mode == "auto" and services_set())
        with ExitStack() as stack:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="icp-bench-")))
            stack.enter_context(override_settings(MEDIA_ROOT=folder / "media"))
            self.say(f"Board pack benchmark: median of {runs} run(s), {os.cpu_count()} CPUs")
            self.say(machine_line())
            workers = None
            if only != "generated" or celery:
                url = stack.enter_context(throwaway_database(folder))
                self.say(
                    f"Database: throwaway {connection.vendor} {connection.settings_dict['NAME']}"
                )
                self.say("Loading the demo...")
                load_demo()
                if celery:
                    workers = stack.enter_context(CeleryWorkers(folder, url, bench_build()))
            self.say(f"Workers: {(workers or ProcessPool).label}\n")
            if only != "generated":
                with section_workers(workers) as section:
                    self.say(*demo_lines(bench_demo(section, runs)), "")
            if only != "demo":
                with section_workers(workers) as section:
                    figures = bench_generated(section, runs)
                self.say(*generated_lines(figures), "", *target_lines(figures))
            self.say("", machine_line())

    def say(self, *lines):
        for line in lines:
            self.stdout.write(line)
        self.stdout.flush()
