"""Board packs built by a real Celery worker over the real broker: a whole build, and a
build whose worker is killed while it plans, renders, assembles and switches the packs into
place, and which still finishes, the previous pack served meanwhile.

The builds are asked for as the portal asks for them (publishing papers, the rebuild
button's service) and `build_pack` reaches the worker when that transaction commits: the
worker fixture makes its queue the default one, and the follow-up tasks go to the queue
their build came from. Nothing here sends `build_pack` itself as well: a second delivery of
a running build claims it again, so `attempts` would count a send instead of a kill.
"""

import datetime
import hashlib
import os
import re
import shutil
import signal
import time
from collections import Counter
from pathlib import Path

import psycopg2
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings.models import AgendaItem, BuildStatus, Edition, Pack, PackBuild
from meetings.pdf import pack_parts
from meetings.services import packs as pack_services
from meetings.services import papers as paper_services
from meetings.services import publication as publication_services
from tests.factories import meeting_at, previous_minutes_to_follow
from tests.integration.conftest import database_url_of_the_test_database, wait_until
from tests.meetings.conftest import add_item, add_paper, upload
from tests.meetings.test_packs import outline, outline_tree

DAY = datetime.date(2021, 3, 3)
PUBLISHED = timezone.make_aware(datetime.datetime(2021, 2, 20, 9))
SECRET = "Pathology contract award"


def publish(meeting, secretary):
    previous_minutes_to_follow(meeting, secretary)
    publication_services.meeting_publish_papers(actor=secretary, meeting=meeting, now=PUBLISHED)


def build_of(meeting, reason):
    return PackBuild.objects.get(meeting=meeting, reason=reason)


def finished(build_id, timeout):
    """Wait for the build to finish; it must be DONE."""
    wait_until(
        lambda: PackBuild.objects.get(pk=build_id).status in {BuildStatus.DONE, BuildStatus.FAILED},
        timeout=timeout,
        message=f"pack build {build_id} to finish",
    )
    build = PackBuild.objects.get(pk=build_id)
    assert build.status == BuildStatus.DONE, build.error
    return build


def current(meeting, edition):
    return Pack.objects.filter(meeting=meeting, edition=edition).order_by("-version").first()


def sha256_of(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def outline_titles(reader):
    """Top-level bookmarks' titles, nested ones as "  " + title (deeper ones left out)."""
    return [title for title, _page in outline(reader)]


def intact(pack):
    """The pack's file is whole: the bytes recorded for it, and a PDF of its pages."""
    assert sha256_of(pack.file.path) == pack.sha256
    assert len(PdfReader(pack.file.path).pages) == pack.page_count > 0
    return True


def served(client_as, meeting):
    """The pack.pdf the public is given."""
    response = client_as("anonymous").get(reverse("meetings:pack", args=meeting.url_args()))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def temporary_files(folder):
    return [path.name for path in Path(folder).iterdir() if path.name.endswith(".tmp")]


def test_a_worker_builds_both_editions_of_a_published_meeting(
    celery_prefork_worker, board, secretary, builds_only_in_the_worker
):
    meeting = meeting_at(board, DAY, actor=secretary)
    finance = add_paper(add_item(meeting, secretary, title="Finance Report"), secretary)
    paper_services.paper_file_upload(
        actor=secretary, paper=finance, upload=upload(pages=2), slot=1, title="Capital plan"
    )
    add_paper(add_item(meeting, secretary, title="Clinical Strategy"), secretary, title="Strategy")
    secret = add_item(
        meeting,
        secretary,
        title=SECRET,
        confidential=True,
        public_title="Commercial contract update",
        confidential_reason="Commercially sensitive",
    )
    add_paper(secret, secretary, title="Contract award recommendation")
    started = time.monotonic()

    publish(meeting, secretary)  # asks for a build, sent to the worker on commit

    requested = build_of(meeting, "Papers published")
    done = finished(requested.pk, timeout=45)
    elapsed = time.monotonic() - started
    assert builds_only_in_the_worker == []  # this process only asked
    assert done.started_at is not None and done.finished_at >= done.started_at
    assert (done.attempts, done.progress) == (1, 100)
    assert done.parts_rendered > 0  # WeasyPrint ran in the worker
    readers = {}
    for edition in Edition.values:
        pack = current(meeting, edition)
        assert (pack.version, pack.build_id) == (1, done.pk)
        assert intact(pack)
        reader = readers[edition] = PdfReader(pack.file.path)
        pages = len(reader.pages)
        footer = f"ICS Board – 3 March 2021 – page 1 of {pages}"
        assert footer in reader.pages[0].extract_text()
        assert f"page {pages} of {pages}" in reader.pages[-1].extract_text()
        titles = outline_titles(reader)
        assert titles[:3] == ["Cover", "Contents", "Agenda"]
        assert "Action log" in titles
        number = meeting.items.get(title="Finance Report").number
        assert f"{number}. Finance Report" in titles
        # The cover sheet's headings, then the paper and its appendix.
        finance = next(
            kids for title, _, kids in outline_tree(reader) if title == f"{number}. Finance Report"
        )
        assert [title for title, _, _ in finance][-2:] == ["Paper", "Capital plan"]
    secret_bookmark = f"{secret.number}. {SECRET}"
    assert secret_bookmark in outline_titles(readers[Edition.MEMBERS])
    assert secret_bookmark not in outline_titles(readers[Edition.PUBLIC])
    assert len(readers[Edition.MEMBERS].pages) > len(readers[Edition.PUBLIC].pages)
    folder = Path(current(meeting, Edition.PUBLIC).file.path).parent
    assert temporary_files(folder) == []
    print(f"built by the worker in {elapsed:.1f}s")


# Papers whose cover sheets the rebuild renders again, one render task each; their long
# summaries make each render take a good fraction of a second, so a kill while they render
# lands in the middle of one.
PAPERS = 10
SUMMARY = "\n\n".join(
    f"{n}. Elective recovery: which providers carry which share of the backlog, and the "
    "workforce, estates and digital investment each needs to return to the agreed levels. " * 3
    for n in range(1, 121)
)


@pytest.fixture
def locks(celery_prefork_worker):
    """Locks held from other connections, so that a worker waits at a chosen point of a
    build, as on a slow or busy database (without a sleep in the portal's code):
    `hold_table(model, mode)`, `hold_row(instance)`, `release(what)` (the model or the
    instance), and how many sessions wait on a table (`waiting_on(model)`) or to update its
    rows (`waiting_to_update(model)`). All released before the worker is stopped, which
    would otherwise wait for the task they hold up."""
    held = {}

    class Locks:
        def _hold(self, key, statement, params=()):
            locker = psycopg2.connect(database_url_of_the_test_database())
            with locker.cursor() as cursor:  # a transaction, until release()
                cursor.execute(statement, params)
            held[key] = locker
            # Should this process ever wait for such a lock itself, fail instead of hanging.
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '10s'")

        def hold_table(self, model, mode="ACCESS EXCLUSIVE"):
            self._hold(model, f"LOCK TABLE {model._meta.db_table} IN {mode} MODE")

        def hold_row(self, instance):
            table = instance._meta.db_table
            self._hold(instance, f"SELECT 1 FROM {table} WHERE id = %s FOR UPDATE", [instance.pk])

        def release(self, key):
            locker = held.pop(key)
            locker.rollback()
            locker.close()
            if not held:
                with connection.cursor() as cursor:
                    cursor.execute("RESET lock_timeout")

        def release_all(self):
            for key in list(held):
                self.release(key)

        def waiting_on(self, model):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = %s::regclass",
                    [model._meta.db_table],
                )
                return cursor.fetchone()[0]

        def waiting_to_update(self, model):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND query LIKE %s",
                    [f'UPDATE "{model._meta.db_table}"%'],
                )
                return cursor.fetchone()[0]

    locks = Locks()
    yield locks
    locks.release_all()


def kill_the_pool_child(worker):
    """SIGKILL the pool process running the task; wait for the worker to replace it."""
    [child] = worker.children()
    os.kill(child, signal.SIGKILL)
    wait_until(
        lambda: len([pid for pid in worker.children() if pid != child]) == 1,
        timeout=15,
        message="the worker to replace its killed child",
        interval=0.05,
    )


TASK_EVENT = re.compile(r"Task ([\w.]+)\[([0-9a-f-]+)\] (received|succeeded|raised|retry)")


def under_way(worker, task, for_seconds=0.1):
    """A condition: the worker has been running one `task` for a while (received, not yet
    finished; one task at a time). Sets `.id` to its task id."""
    first_seen = {}

    def condition():
        events = TASK_EVENT.findall(worker.log())
        if not events or events[-1][0] != task or events[-1][2] != "received":
            return False
        condition.id = events[-1][1]
        since = first_seen.setdefault(condition.id, time.monotonic())
        return time.monotonic() - since >= for_seconds

    return condition


def deliveries(log, task):
    """How many times the worker received each task of this name, by task id."""
    return Counter(re.findall(rf"Task {re.escape(task)}\[([0-9a-f-]+)\] received", log))


def test_a_worker_killed_mid_build_leaves_the_old_pack_served_and_the_build_finishes(
    celery_prefork_worker, locks, board, secretary, client_as
):
    """Killed four times: while planning, while rendering the parts, while assembling the
    editions, and while switching them into place."""
    worker = celery_prefork_worker
    meeting = meeting_at(board, DAY, actor=secretary)
    for number in range(1, PAPERS + 1):
        item = add_item(meeting, secretary, title=f"Programme report {number}")
        add_paper(item, secretary, title=f"Programme report {number}", executive_summary=SUMMARY)
    started = time.monotonic()
    publish(meeting, secretary)
    first = finished(build_of(meeting, "Papers published").pk, timeout=45)
    timings = {"v1": time.monotonic() - started}
    v1 = {edition: current(meeting, edition) for edition in Edition.values}
    v1_bytes = {e: Path(pack.file.path).read_bytes() for e, pack in v1.items()}

    def old_pack_still_served():
        for edition, pack in v1.items():
            assert current(meeting, edition) == pack
            assert Path(pack.file.path).read_bytes() == v1_bytes[edition]
            assert intact(pack)
        assert served(client_as, meeting) == v1_bytes[Edition.PUBLIC]

    def rebuild_now():
        return PackBuild.objects.get(pk=rebuild.pk)

    # The rebuild finds none of its generated parts cached: it renders them all again.
    shutil.rmtree(pack_parts.cache_dir())
    locks.hold_table(AgendaItem)
    started = time.monotonic()
    rebuild = pack_services.pack_build_request(
        actor=secretary, meeting=meeting, reason="Rebuilt by hand"
    )
    assert rebuild.pk != first.pk

    # 1. Killed while planning: the build is claimed (RUNNING) and its planner waits on the
    # database. The parent hands the task back to the broker at once; a new child claims
    # the build again.
    wait_until(
        lambda: rebuild_now().status == BuildStatus.RUNNING and locks.waiting_on(AgendaItem) == 1,
        timeout=20,
        message="the worker to claim the build and start planning it",
        interval=0.05,
    )
    kill_the_pool_child(worker)
    assert rebuild_now().status == BuildStatus.RUNNING
    old_pack_still_served()
    wait_until(
        lambda: rebuild_now().attempts == 2,
        timeout=20,
        message="the task to be delivered again and the build claimed again",
        interval=0.05,
    )
    locks.release(AgendaItem)

    # 2. Killed while rendering the parts (one task each), some done and more to do: the
    # render under way goes back to the broker and is done again, and the last render
    # hands the build to assembly. The renders never read the agenda, but assembly starts
    # by planning the editions again: held there, it waits for step 3.
    rendering = under_way(worker, "meetings.tasks.render_pack_part")
    wait_until(
        lambda: (
            2 <= rebuild_now().parts_rendered <= len(rebuild_now().parts_needed) - 3 and rendering()
        ),
        timeout=30,
        message="the worker to be in the middle of rendering the parts",
        interval=0.02,
    )
    locks.hold_table(AgendaItem)
    during = rebuild_now()
    assert during.status == BuildStatus.RUNNING and not during.assembling
    kill_the_pool_child(worker)
    old_pack_still_served()

    # 3. Killed while assembling, one edition merged and the other not: the assembler
    # reports its progress between the two, and that row is held.
    wait_until(
        lambda: rebuild_now().assembling and locks.waiting_on(AgendaItem) == 1,
        timeout=45,
        message="the last render to hand the build to assembly",
        interval=0.05,
    )
    locks.hold_row(rebuild)
    # Step 4's hold: packs may still be read, not recorded.
    locks.hold_table(Pack, mode="EXCLUSIVE")
    locks.release(AgendaItem)
    wait_until(
        lambda: locks.waiting_to_update(PackBuild) == 1,
        timeout=30,
        message="the worker to assemble the first edition",
        interval=0.05,
    )
    kill_the_pool_child(worker)
    assert rebuild_now().status == BuildStatus.RUNNING
    old_pack_still_served()
    locks.release(rebuild)

    # 4. Killed while switching into place: the assembly delivered again has written the
    # first edition's new file and waits to record it. Readers are still given version 1,
    # and the transaction that would have recorded version 2 dies with the process.
    folder = Path(v1[Edition.PUBLIC].file.path).parent
    wait_until(
        lambda: locks.waiting_on(Pack) == 1,
        timeout=45,
        message="the assembly delivered again to reach the switch",
        interval=0.05,
    )
    assert [name for name in os.listdir(folder) if name.endswith("-v2.pdf")]
    assert rebuild_now().status == BuildStatus.RUNNING
    old_pack_still_served()
    kill_the_pool_child(worker)
    # Checked before the table is let go: once it is, the assembly delivered again may
    # finish within a second and rightly serve version 2.
    old_pack_still_served()
    locks.release(Pack)

    done = finished(rebuild.pk, timeout=60)
    timings["v2"] = time.monotonic() - started
    assert done.attempts == 2  # claimed twice: the planner was killed once
    log = worker.log()
    assert log.count("Task handler raised error: WorkerLostError") == 4
    assert sorted(deliveries(log, "meetings.tasks.build_pack").values()) == [1, 2]
    renders = deliveries(log, "meetings.tasks.render_pack_part")
    # Only the render that was killed was delivered twice.
    assert [task for task, times in renders.items() if times > 1] == [rendering.id]
    assert renders[rendering.id] == 2
    # The first build's assembly once; the rebuild's, killed twice, three times.
    assert sorted(deliveries(log, "meetings.tasks.assemble_pack").values()) == [1, 3]
    for edition, old in v1.items():
        new = current(meeting, edition)
        assert (new.version, new.build_id) == (2, done.pk)
        assert intact(new)
        assert new.sha256 != old.sha256  # "version 2" on its cover
        assert Path(old.file.path).read_bytes() == v1_bytes[edition]  # v1 kept as it was
    assert Pack.objects.filter(meeting=meeting).count() == 4
    assert temporary_files(folder) == []
    assert sorted(path.name for path in folder.iterdir()) == [
        "members-v1.pdf",
        "members-v2.pdf",
        "public-v1.pdf",
        "public-v2.pdf",
    ]
    new_public = Path(current(meeting, Edition.PUBLIC).file.path).read_bytes()
    assert served(client_as, meeting) == new_public
    print({stage: f"{seconds:.1f}s" for stage, seconds in timings.items()})
