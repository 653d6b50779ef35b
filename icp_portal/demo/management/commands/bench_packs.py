"""`manage.py bench_packs` (`make bench`): how long building board packs takes, and how much
memory a render process needs. A benchmark, not a test: it prints figures against targets and
never fails because a target is missed.

(a) The demo pack of 2 December 2020, loaded into a throwaway database: a full build of both
    editions with a cold part cache, then a rebuild after one paper's cover sheet changes,
    each timed from the request to the build marked done.
(b) A generated pack of about 200 A4 pages in 19 parts made of seed 003's text (one part of
    about 7 pages), without a meeting: the parts rendered by `pack_parts.render_part` into the
    bench's part cache by 2 processes, then a cover and contents numbered from the real page
    counts and `pack_pdf.assemble`, in this process. Timed: the full build with a cold cache,
    the rebuild after the 7-page part changes, the same content rendered by WeasyPrint as one
    single document, the merge; and the peak memory of a render process.

The 2 processes are real Celery workers (`celery -A icp_portal worker --pool prefork
--concurrency 2` on a queue of the bench's own) when CELERY_BROKER_URL names Redis and
DATABASE_URL PostgreSQL; otherwise a process pool of 2 (concurrent.futures, spawned processes)
runs the render task's code, and this process plans and assembles as the build and assembly
tasks would. Everything is written under a temporary directory (MEDIA_ROOT is overridden for
the run) and the throwaway database is dropped at the end.

Peak memory is the kernel's high-water mark of the process's resident set (VmHWM in
/proc/<pid>/status). `getrusage().ru_maxrss` cannot be used for spawned processes: Linux
carries the parent's peak across the exec that starts them, so each would report at least
this process's size.
"""

import datetime
import io
import multiprocessing
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager, nullcontext, suppress
from dataclasses import dataclass, field, replace
from itertools import count, repeat
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import django
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import override_settings
from django.utils import timezone
from kombu import Exchange, Queue

from icp_portal.celery import app
from icp_portal.demo import meetings as demo
from icp_portal.demo.partners import email_for
from icp_portal.demo.seeds.pack import Block, read_board_pack, read_document
from meetings import pack_parts, pack_pdf, pack_services, services
from meetings.models import UNFINISHED, BuildStatus, Edition, Meeting, Pack, PackBuild, Paper
from meetings.rendering import html_to_pdf, page_footer
from meetings.tasks import render_pack_part
from partners.models import User

PROCESSES = 2
DEMO_DAY = datetime.date(2020, 12, 2)

# The generated pack: 19 parts, the tenth about 7 pages, the others about 10.6, behind a cover
# and a contents page: about 200 pages in all.
PARTS = 19
SMALL_PART = 9
SMALL_PAGES = 7
PART_PAGES = 10.6
# How much room a block takes, in characters of running text; about 4,400 fill an A4 page of
# bench_part.html (measured on seed 003's text: 196 pages of parts for these budgets).
CHARS_PER_PAGE = 4400
BLOCK_EXTRA = {"heading": 250, "paragraph": 120, "list_item": 80}
TABLE_EXTRA, ROW_EXTRA = 200, 60

# The targets of issue 5, item 7.
FULL_TO_SINGLE = 0.65
REBUILD_TO_FULL = 0.15
PEAK_MB = 200

WARM_UP_HTML = "<!DOCTYPE html><html lang='en-GB'><body><p>Warm-up {}</p></body></html>"
WORKER_START_SECONDS = 60
WORKER_STOP_SECONDS = 20
BUILD_SECONDS = 600


# Measuring ------------------------------------------------------------------------------------


def peak_mb_of(pid="self"):
    """The peak resident set of a process in MB: its VmHWM, or ru_maxrss where there is no
    /proc (then only for this process, and maybe inflated as the module docstring says)."""
    peak = _status_mb(pid, "VmHWM")
    if peak is None and pid == "self":
        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return maxrss / 2**20 if sys.platform == "darwin" else maxrss / 1024  # bytes on macOS
    return peak or 0.0


def rss_mb_of(pid="self"):
    """The resident set of a process now, in MB (0 where there is no /proc)."""
    return _status_mb(pid, "VmRSS") or 0.0


def _status_mb(pid, name):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    line = next(line for line in status.splitlines() if line.startswith(f"{name}:"))
    return int(line.split()[1]) / 1024


def reset_peak_of(pid):
    """Start the process's high-water mark again from its current size (Linux 4.0+)."""
    with suppress(OSError):
        Path(f"/proc/{pid}/clear_refs").write_text("5")


def wait_until(condition, what, timeout=BUILD_SECONDS, interval=0.02):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise CommandError(f"Timed out after {timeout} s waiting for {what}.")
        time.sleep(interval)


@dataclass
class Rendered:
    """What a render process reports about one part."""

    rendered: bool
    seconds: float
    pid: int
    peak_mb: float
    pages: int = 0


# Work done in the render processes: these run in spawned processes that have run
# django.setup() (the pool's initializer) before they are imported.


def render_part_here(html, media_root):
    """Render one generated part into the part cache with the code the render task runs."""
    settings.MEDIA_ROOT = media_root
    started = time.perf_counter()
    spec = pack_parts.render_part(pack_parts.PartSpec("part", "", html=html))
    return Rendered(spec.rendered, time.perf_counter() - started, os.getpid(), peak_mb_of())


def render_document_here(html):
    """Render an HTML document with WeasyPrint, not cached: the single-document figure."""
    started = time.perf_counter()
    pdf = html_to_pdf(html)
    seconds = time.perf_counter() - started
    return Rendered(True, seconds, os.getpid(), peak_mb_of(), pack_pdf.page_count(pdf))


def burn_here(loops):
    """Pure Python work for `parallel_speedup`; returns its seconds."""
    started, total = time.perf_counter(), 0
    for number in range(loops):
        total += number * number
    return time.perf_counter() - started


def warm_up_here(number):
    """Load WeasyPrint's fonts with a small render, as a worker up for a while has them; the
    pause keeps this process busy so that the next warm-up goes to another one. Returns the
    process's pid and its size now, ready to render."""
    html_to_pdf(WARM_UP_HTML.format(number))
    time.sleep(0.3)
    return os.getpid(), rss_mb_of()


# The two processes ------------------------------------------------------------------------------


def _not_sent(build_id, queue=None):
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
        return mock.patch.object(pack_services, "enqueue", _not_sent)

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
        self.app, self.queue = app, f"bench-{uuid.uuid4().hex[:8]}"
        self.log = self.folder / f"worker-{self.queue}.log"
        self.process = self._start()
        self.default_queue = app.conf.task_default_queue
        app.conf.task_default_queue = self.queue
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


# (a) The demo pack ------------------------------------------------------------------------------


@contextmanager
def throwaway_database(folder):
    """A new database, migrated, dropped afterwards: a SQLite file in `folder`, or a new
    PostgreSQL database beside the one DATABASE_URL names. Yields its URL for workers."""
    db = connection.settings_dict
    old_name, old_test_name = db["NAME"], db["TEST"].get("NAME")
    if connection.vendor == "sqlite":
        db["TEST"]["NAME"] = str(Path(folder) / "bench.sqlite3")
    else:
        db["TEST"]["NAME"] = f"{old_name}_bench_{uuid.uuid4().hex[:8]}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield database_url(db)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        db["TEST"]["NAME"] = old_test_name


def database_url(db):
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    return f"postgres://{db['USER']}{password}@{host}/{db['NAME']}"


def load_demo():
    """The demo data, without the pack builds its publishing asks for: the bench asks for
    its own."""
    if not (settings.SEEDS_DIR / demo.SEED_PACK).exists():
        raise CommandError(f"The demo needs the seeds: {settings.SEEDS_DIR} (set SEEDS_DIR).")
    with mock.patch.object(pack_services, "enqueue", _not_sent):
        call_command("load_demo", stdout=io.StringIO())
    PackBuild.objects.all().delete()


@dataclass
class DemoFigures:
    full: list = field(default_factory=list)  # seconds
    rebuild: list = field(default_factory=list)
    full_parts: int = 0  # parts the workers rendered
    rebuild_parts: int = 0
    pages: dict = field(default_factory=dict)  # edition label: pages
    peak_mb: float = 0.0
    ready_mb: float = 0.0  # a worker process's size once started, before its first part


def demo_subjects():
    """The demo meeting, its secretary, and the paper whose cover sheet the bench changes:
    the first published paper on an item taken in public (so it is in both editions)."""
    meeting = Meeting.objects.get(board__slug="ics-board", starts_at__date=DEMO_DAY)
    secretary = User.objects.get(email=email_for(demo.SECRETARY))
    paper = (
        Paper.objects.filter(
            item__meeting=meeting,
            item__confidential=False,
            confidential=False,
            published_at__isnull=False,
        )
        .order_by("item__number", "pk")
        .first()
    )
    return meeting, secretary, paper


def bench_demo(workers, runs):
    meeting, secretary, paper = demo_subjects()
    summary = paper.executive_summary
    figures = DemoFigures()
    for run in range(1, runs + 1):
        shutil.rmtree(pack_parts.cache_dir(), ignore_errors=True)  # a cold part cache
        started = time.perf_counter()
        with workers.requesting():
            build = pack_services.pack_build_request(
                actor=secretary, meeting=meeting, reason=f"Bench run {run}"
            )
        build = workers.finish(build.pk)
        figures.full.append(time.perf_counter() - started)
        figures.full_parts = len(build.parts_needed)

        started = time.perf_counter()
        with workers.requesting():
            services.paper_change(
                actor=secretary, paper=paper, executive_summary=f"{summary} (Revised: run {run}.)"
            )
        build = workers.finish(PackBuild.objects.filter(meeting=meeting).latest("pk").pk)
        figures.rebuild.append(time.perf_counter() - started)
        figures.rebuild_parts = len(build.parts_needed)
    for pack in Pack.objects.filter(build=build).order_by("edition"):
        figures.pages[pack.edition] = pack.page_count
    figures.peak_mb, figures.ready_mb = workers.peak_mb(), workers.ready_mb
    return figures


# (b) The generated pack -------------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedPart:
    """One part of the generated pack: a paper made of seed 003's blocks."""

    key: str
    title: str
    blocks: tuple

    @property
    def html(self):
        return render_to_string("demo/bench_part.html", bench_context() | {"parts": [self]})

    def revised(self, run):
        """The part changed: a new title (so the contents change too) and a new paragraph."""
        note = Block("paragraph", f"Revised for run {run} of the benchmark.")
        return replace(self, title=f"{self.title} (revised {run})", blocks=(note, *self.blocks))


def bench_context():
    """A board and meeting for the templates, from the seed's agenda heading."""
    board = SimpleNamespace(
        name="ICS Board", partnership=SimpleNamespace(name="Lancashire and South Cumbria")
    )
    starts = timezone.make_aware(datetime.datetime.combine(DEMO_DAY, datetime.time(10)))
    meeting = SimpleNamespace(
        date=DEMO_DAY,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        location="Microsoft Teams",
        online_link="",
    )
    return {"board": board, "meeting": meeting, "edition": Edition.PUBLIC}


def seed_documents():
    """Seed 003's papers (summary, recommendations and body) and its interests guidance,
    each as (title, blocks)."""
    path = settings.SEEDS_DIR / demo.SEED_PACK
    documents = []
    for sheet in read_board_pack(path).cover_sheets:
        summary = [
            Block("heading", "Executive summary"),
            Block("paragraph", sheet.executive_summary or sheet.purpose),
            Block("heading", "Recommendations"),
            Block("paragraph", sheet.recommendations or "Not stated."),
        ]
        documents.append((sheet.title, summary + sheet.body))
    guidance = read_document(path, *demo.GUIDANCE_BOUNDS)
    documents.append(("Declarations of interest: guidance", guidance))
    return documents


def room(block):
    """How much of a page a block takes, in characters of running text (a rough model)."""
    if block.kind == "table":
        return TABLE_EXTRA + sum(ROW_EXTRA + sum(map(len, row)) for row in block.rows)
    return len(block.text) + BLOCK_EXTRA[block.kind]


def generated_parts():
    """19 parts cut from the seed's documents read over and over, each document opening with
    its title as a heading; a part ends at the block that fills its pages."""
    documents = seed_documents()

    def stream():
        while True:
            for title, blocks in documents:
                yield title, Block("heading", title)
                for block in blocks:
                    yield title, block

    blocks = stream()
    parts = []
    for number in range(1, PARTS + 1):
        pages = SMALL_PAGES if number - 1 == SMALL_PART else PART_PAGES
        taken, used, first = [], 0, None
        while used < pages * CHARS_PER_PAGE:
            title, block = next(blocks)
            first, used = first or title, used + room(block)
            taken.append(block)
        parts.append(GeneratedPart(f"part-{number}", f"{number}. {first}", tuple(taken)))
    return parts


def single_html(parts, version):
    """The whole generated pack as one document: cover, contents, parts, page footers."""
    context = bench_context()
    footer = page_footer(f"{context['board'].name} – {DEMO_DAY:%-d %B %Y}")
    context |= {"parts": parts, "single": True, "version": version, "page_footer": footer}
    return render_to_string("demo/bench_part.html", context)


@dataclass
class BuildTimes:
    total: float
    parts: float  # rendering the parts the cache lacked, in the two processes
    front: float  # cover and contents, rendered here from the real page counts
    merge: float  # pack_pdf.assemble: copying, stamping, bookmarks, saving
    rendered: int
    pages: int
    part_seconds: float  # the parts' renders added up, where the processes report them


def front_matter(specs, version):
    """Cover and contents, as pack_services._assemble makes them: the cover names the pack's
    version (so it is new every build), the contents are numbered from the parts' real page
    counts, again if their own length moves the pages."""
    context = bench_context()
    cover_html = render_to_string("pdf/pack/cover.html", context | {"version": version})
    cover = pack_parts.render_part(pack_parts.PartSpec("cover", "Cover", html=cover_html))
    counts = [pack_pdf.page_count(spec.pdf) for spec in specs]
    contents_pages = 1
    for _ in range(3):
        page = 1 + pack_pdf.page_count(cover.pdf) + contents_pages
        lines = []
        for number, (spec, pages) in enumerate(zip(specs, counts, strict=True), start=1):
            lines.append(pack_parts.ContentsLine(f"{number}.", spec.title, spec.key, page=page))
            page += pages
        html = render_to_string("pdf/pack/contents.html", context | {"contents": lines})
        contents = pack_parts.render_part(pack_parts.PartSpec("contents", "Contents", html=html))
        if pack_pdf.page_count(contents.pdf) == contents_pages:
            break
        contents_pages = pack_pdf.page_count(contents.pdf)
    return cover, contents


def build_generated(workers, parts, version):
    """Build the generated pack: the parts the cache lacks rendered by the two processes,
    then the others read from the cache, the cover and contents, and the merge."""
    started = time.perf_counter()
    specs = [pack_parts.PartSpec(part.key, part.title, html=part.html) for part in parts]
    missing = {
        pack_parts.cache_key(spec.html): spec.html
        for spec in specs
        if not pack_parts.is_cached(spec.html)
    }
    known = len(workers.part_seconds)
    workers.render(list(missing.values()))
    rendered = time.perf_counter()
    for spec in specs:
        pack_parts.render_part(spec)  # from the cache now
    cover, contents = front_matter(specs, version)
    merging = time.perf_counter()
    pdf = pack_pdf.assemble(
        [pack_pdf.Part("Cover", cover.pdf), pack_pdf.Part("Contents", contents.pdf)]
        + [pack_pdf.Part(spec.title, spec.pdf) for spec in specs],
        title="ICS Board generated pack (benchmark)",
        footer=f"ICS Board – {DEMO_DAY:%-d %B %Y}",
    )
    finished = time.perf_counter()
    return BuildTimes(
        total=finished - started,
        parts=rendered - started,
        front=merging - rendered,
        merge=finished - merging,
        rendered=len(missing),
        pages=pack_pdf.page_count(pdf),
        part_seconds=sum(workers.part_seconds[known:]),
    )


@dataclass
class GeneratedFigures:
    full: list = field(default_factory=list)  # [BuildTimes]
    rebuild: list = field(default_factory=list)
    single: list = field(default_factory=list)  # [Rendered]
    part_pages: list = field(default_factory=list)
    peak_mb: float = 0.0
    ready_mb: float = 0.0  # a render process's size once started, before its first part
    single_peak_mb: float = 0.0
    single_ready_mb: float = 0.0


def part_pages(parts):
    """Each part's page count, from the cache the full build filled."""
    return [
        pack_pdf.page_count(pack_parts.render_part(spec).pdf)
        for spec in (pack_parts.PartSpec(part.key, part.title, html=part.html) for part in parts)
    ]


def bench_generated(workers, runs):
    parts = generated_parts()
    figures = GeneratedFigures()
    single, figures.single_ready_mb = spawned_pool(1)
    try:
        for run in range(1, runs + 1):
            shutil.rmtree(pack_parts.cache_dir(), ignore_errors=True)  # a cold part cache
            figures.full.append(build_generated(workers, parts, version=2 * run - 1))
            figures.part_pages = part_pages(parts)
            revised = list(parts)
            revised[SMALL_PART] = parts[SMALL_PART].revised(run)
            figures.rebuild.append(build_generated(workers, revised, version=2 * run))
            html = single_html(parts, version=2 * run - 1)
            figures.single.append(single.submit(render_document_here, html).result())
    finally:
        single.shutdown()
    figures.peak_mb, figures.ready_mb = workers.peak_mb(), workers.ready_mb
    figures.single_peak_mb = max(result.peak_mb for result in figures.single)
    return figures


# Reporting --------------------------------------------------------------------------------------


def median(values):
    return statistics.median(values)


def timing(label, values):
    """'  label   12.34 s  (runs: 12.10, 12.34, 12.90)': the median, then each run."""
    runs = ", ".join(f"{value:.2f}" for value in values)
    return f"  {label:<38} {median(values):6.2f} s  (runs: {runs})"


def breakdown(builds, what):
    """Where a build's time went, as medians."""
    parts = median([build.parts for build in builds])
    front = median([build.front for build in builds])
    merge = median([build.merge for build in builds])
    return f"      {what} {parts:.2f} s, cover and contents {front:.2f} s, merge {merge:.2f} s"


def demo_lines(figures):
    pages = ", ".join(f"{edition} {count} pages" for edition, count in figures.pages.items())
    return [
        f"(a) Demo pack of {DEMO_DAY:%-d %B %Y}, both editions ({pages}); request to done",
        timing("full build, cold part cache", figures.full),
        f"      {figures.full_parts} generated parts rendered by the workers",
        timing("rebuild, one cover sheet changed", figures.rebuild),
        f"      {figures.rebuild_parts} part rendered by the workers, then each edition's "
        "cover and contents",
        f"  {'peak memory of a worker process':<38} {figures.peak_mb:6.0f} MB  "
        f"(ready, before its first part: {figures.ready_mb:.0f} MB)",
    ]


def generated_lines(figures):
    full, rebuild, single = figures.full, figures.rebuild, figures.single
    sizes = figures.part_pages
    lines = [
        f"(b) Generated pack from seed 003: {full[-1].pages} A4 pages, {PARTS} parts of "
        f"{min(sizes)}-{max(sizes)} pages (part {SMALL_PART + 1}: {sizes[SMALL_PART]} pages)",
        timing(f"full build, cold cache, {PROCESSES} processes", [b.total for b in full]),
        breakdown(full, f"{PARTS} parts"),
    ]
    if full[-1].part_seconds:
        renders = median([build.part_seconds for build in full])
        lines.append(f"      (the part renders add up to {renders:.2f} s)")
    lines += [
        timing(f"rebuild, part {SMALL_PART + 1} changed", [b.total for b in rebuild]),
        breakdown(rebuild, "part"),
        timing("one single document (WeasyPrint)", [result.seconds for result in single]),
        f"      {single[-1].pages} pages, peak memory {figures.single_peak_mb:.0f} MB "
        f"(ready: {figures.single_ready_mb:.0f} MB)",
        timing("merge (pack_pdf.assemble)", [build.merge for build in full]),
        f"  {'peak memory of a render process':<38} {figures.peak_mb:6.0f} MB  "
        f"(ready, before its first part: {figures.ready_mb:.0f} MB)",
    ]
    return lines


def target_lines(figures):
    full = median([build.total for build in figures.full])
    rebuild = median([build.total for build in figures.rebuild])
    single = median([result.seconds for result in figures.single])
    rows = [
        (
            f"full build <= {FULL_TO_SINGLE} x single document",
            f"{full / single:.2f} x",
            full / single <= FULL_TO_SINGLE,
        ),
        (
            f"rebuild <= {REBUILD_TO_FULL} x full build",
            f"{rebuild / full:.2f} x",
            rebuild / full <= REBUILD_TO_FULL,
        ),
        (
            f"peak memory per render process < {PEAK_MB} MB",
            f"{figures.peak_mb:.0f} MB",
            figures.peak_mb < PEAK_MB,
        ),
    ]
    return ["Targets, generated pack"] + [
        f"  {target:<44} {value:>8}  {'PASS' if passed else 'MISS'}"
        for target, value, passed in rows
    ]


def machine_line():
    """How busy the machine is: the figures mean little if other work shares the cores."""
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    speedup = parallel_speedup()
    return f"Machine: load average {load}; {PROCESSES} processes do {speedup:.2f}x the work of one"


# The command ------------------------------------------------------------------------------------


def services_set():
    """Real workers can run: a Redis broker and a PostgreSQL database."""
    redis = settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://"))
    return redis and connection.vendor == "postgresql"


def bench_build():
    """A finished build row for the generated parts' render tasks to name: the task renders
    its part into the cache, finds the build done and stops there."""
    meeting, secretary, _paper = demo_subjects()
    build = PackBuild.objects.create(
        meeting=meeting,
        reason="Benchmark: generated parts",
        requested_by=secretary,
        status=BuildStatus.DONE,
    )
    return build.pk


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
