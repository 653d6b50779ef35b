"""(a) The demo pack of 2 December 2020, loaded into a throwaway database: a full build of
both editions with a cold part cache, then a rebuild after one paper's cover sheet changes,
then the build a ruling asks for when it withholds an item's papers from one member (the
shared editions again, and that member's own), each timed from the request to the build
marked done."""

import datetime
import io
import shutil
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.db import connection

from icp_portal.demo import meetings as demo
from icp_portal.demo.partners import email_for
from meetings.models import (
    BuildStatus,
    ConflictFlag,
    Meeting,
    Pack,
    PackBuild,
    Paper,
    Ruling,
    ScreeningStatus,
)
from meetings.pdf import pack_parts
from meetings.services import packs as pack_services
from meetings.services import papers as paper_services
from meetings.services import screening as screening_services
from partners.audit import save_with_history
from partners.models import User

from .workers import not_sent

DEMO_DAY = datetime.date(2020, 12, 2)


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
    with mock.patch.object(pack_services, "enqueue", not_sent):
        call_command("load_demo", stdout=io.StringIO())
    PackBuild.objects.all().delete()


@dataclass
class DemoFigures:
    full: list = field(default_factory=list)  # seconds
    rebuild: list = field(default_factory=list)
    personal: list = field(default_factory=list)  # a ruling withholds papers from one member
    personal_pages: int = 0
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
    flag = _finding_on(paper.item, secretary)
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
            paper_services.paper_change(
                actor=secretary, paper=paper, executive_summary=f"{summary} (Revised: run {run}.)"
            )
        build = workers.finish(PackBuild.objects.filter(meeting=meeting).latest("pk").pk)
        figures.rebuild.append(time.perf_counter() - started)
        figures.rebuild_parts = len(build.parts_needed)
        figures.personal.append(_withholding_build(workers, flag, secretary))
    personal = Pack.objects.filter(meeting=meeting).exclude(person=None).latest("pk")
    figures.personal_pages = personal.page_count
    for pack in Pack.objects.filter(build=build).order_by("edition"):
        figures.pages[pack.edition] = pack.page_count
    figures.peak_mb, figures.ready_mb = workers.peak_mb(), workers.ready_mb
    return figures


def _finding_on(item, secretary):
    """A screening finding on the item whose paper the bench changes: the demo's first
    finding (on a verbal item) again, for the same person and interest."""
    flag = ConflictFlag.objects.filter(meeting=item.meeting).order_by("pk").first()
    flag.pk, flag.item, flag.status, flag.ruling = None, item, ScreeningStatus.SUGGESTED, ""
    return save_with_history(flag, actor=secretary, reason="Benchmark")


def _withholding_build(workers, flag, secretary):
    """Seconds from a ruling that withholds an item's papers from one member to the packs
    built with that member's own edition; then the ruling is lifted (built, not timed)."""
    meeting = flag.meeting

    def decide(ruling, withhold):
        with workers.requesting():
            screening_services.flag_decide(
                actor=secretary, flag=flag, accept=True, ruling=ruling, withhold_papers=withhold
            )
        return workers.finish(PackBuild.objects.filter(meeting=meeting).latest("pk").pk)

    started = time.perf_counter()
    decide(Ruling.LEAVES, True)
    elapsed = time.perf_counter() - started
    decide(Ruling.TAKES_PART, False)
    return elapsed


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
