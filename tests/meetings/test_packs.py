"""Board packs: contents and order of both editions, page numbers, the part cache, the atomic
switch, unreadable papers, a broker that cannot be reached, and who is served which edition."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone
from kombu import pools as kombu_pools
from pypdf import PdfReader

from icp_portal.celery import app
from meetings.models import BuildStatus, Edition, Meeting, Pack, PackBuild, StandingKind
from meetings.pdf import pack_assembly as pack_pdf
from meetings.services import packs as pack_services
from meetings.services import papers as paper_services
from meetings.services import publication as publication_services
from tests.meetings.conftest import add_item, add_paper, upload

pytestmark = pytest.mark.django_db

DEC = "/boards/ics-board/meetings/2020-12-02/"


def build(meeting, actor=None, reason="Test build"):
    requested = pack_services.pack_build_request(actor=actor, meeting=meeting, reason=reason)
    pack_services.pack_build_run(requested.pk)
    return PackBuild.objects.get(pk=requested.pk)


def current(meeting, edition):
    return Pack.objects.filter(meeting=meeting, edition=edition).order_by("-version").first()


def read(pack):
    return PdfReader(pack.file.path)


def outline_tree(reader, entries=None):
    """The bookmarks as [(title, 1-based page, [children, as the same]), ...]."""
    tree = []
    for entry in reader.outline if entries is None else entries:
        if isinstance(entry, list):  # pypdf gives an item's children as a list after it
            title, page, _ = tree[-1]
            tree[-1] = (title, page, outline_tree(reader, entry))
        else:
            tree.append((entry.title, reader.get_destination_page_number(entry) + 1, []))
    return tree


def outline(reader):
    """Top-level bookmarks as (title, 1-based page), their children as ("  " + title, page);
    deeper bookmarks (headings within nested parts) are left out."""
    lines = []
    for title, page, children in outline_tree(reader):
        lines.append((title, page))
        lines += [("  " + child, child_page) for child, child_page, _ in children]
    return lines


def text(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def demo_december(demo_loaded):
    return Meeting.objects.get(board__slug="ics-board", date=datetime.date(2020, 12, 2))


def test_both_editions_of_the_demo_pack(demo_december):
    done = build(demo_december, reason="Papers published")
    assert done.status == BuildStatus.DONE, done.error
    public, members = (read(current(demo_december, e)) for e in Edition.values)

    for reader, edition in [(public, Edition.PUBLIC), (members, Edition.MEMBERS)]:
        pack = current(demo_december, edition)
        pages = len(reader.pages)
        assert pack.page_count == pages and pack.version == 1
        assert "ICS Board – 2 December 2020 – page 1 of" in reader.pages[0].extract_text()
        assert f"page {pages} of {pages}" in reader.pages[-1].extract_text()
        assert reader.metadata.title.startswith("ICS Board board pack, 2 December 2020")
        titles = [title for title, _, _ in outline_tree(reader)]
        assert titles[:7] == [
            "Cover",
            "Contents",
            "Agenda",
            "Declarations of interest: guidance",
            "Register of interests: extract",
            "Minutes of the meeting of 4 November 2020",
            "Action log",
        ]
        numbers = [int(t.split(".")[0]) for t in titles if re.match(r"\d+\.", t)]
        assert numbers == sorted(numbers)  # items in agenda order

    # The members' edition has the confidential paper of item 9; the public one has not.
    assert "9. Strategic Assurance Framework" in [t for t, _ in outline(members)]
    assert "9. Strategic Assurance Framework" not in [t for t, _ in outline(public)]
    assert len(members.pages) > len(public.pages)
    public_text = text(public)
    assert "System Assurance Framework & Strategic Risk" not in public_text
    assert "Members' edition" not in public_text and "Public edition" in public_text
    assert "Members' edition" in text(members)
    # The action log and the approved minutes of 4 November are in both.
    assert "ICSB200304-02" in public_text
    # Items 2 and 3 point at the guidance and the minutes the pack generates.
    contents = public.pages[1].extract_text()
    starts = dict(outline(public))
    assert re.search(
        rf"^2\. Declarations of Interest {starts['Declarations of interest: guidance']}$",
        contents,
        re.MULTILINE,
    )


def test_the_contents_page_numbers_are_where_each_part_starts(demo_december):
    build(demo_december)
    for edition in Edition.values:
        reader = read(current(demo_december, edition))
        contents = reader.pages[1].extract_text()
        starts = dict(outline(reader))
        checked = 0
        for title, page in starts.items():
            if title.startswith(("  ", "Cover", "Contents")):
                continue
            if title[0].isdigit():
                number = title.split(".")[0]
                match = re.search(rf"^{number}\. .*?(\d+)$", contents, re.MULTILINE | re.DOTALL)
            else:
                match = re.search(rf"^{re.escape(title)} (\d+)$", contents, re.MULTILINE)
            assert match, f"{title} is not in the contents of the {edition} edition"
            assert int(match.group(1)) == page, f"{title}: contents say {match.group(1)}"
            checked += 1
        assert checked >= 8


def with_previous_minutes_paper(meeting, secretary):
    """The standing item "minutes of the previous meeting" is attached: give it its paper."""
    minutes = meeting.items.get(standing=StandingKind.PREVIOUS_MINUTES)
    add_paper(minutes, secretary, title="Minutes of the previous meeting")


@pytest.fixture
def small_meeting(meeting, secretary):
    """A meeting with three papers (one with an appendix), its papers published."""
    with_previous_minutes_paper(meeting, secretary)
    first = add_paper(add_item(meeting, secretary, title="Finance Report"), secretary)
    paper_services.paper_file_upload(
        actor=secretary, paper=first, upload=upload(pages=2), slot=1, title="Capital plan"
    )
    add_paper(add_item(meeting, secretary, title="Clinical Strategy"), secretary, title="Strategy")
    publication_services.meeting_publish_papers(
        actor=secretary, meeting=meeting, now=timezone.make_aware(datetime.datetime(2020, 11, 1))
    )
    return meeting


def test_a_rebuild_renders_again_only_the_changed_part(small_meeting, secretary):
    first = build(small_meeting)
    assert first.parts_rendered > 0
    again = build(small_meeting)
    assert again.parts_rendered == 0 and again.parts_total == first.parts_total
    paper = small_meeting.items.get(title="Clinical Strategy").papers.get()
    paper_services.paper_change(actor=secretary, paper=paper, executive_summary="A new summary.")
    changed = build(small_meeting)
    # The cover sheet of that paper, in each of the two editions (the same HTML: one render).
    assert changed.parts_rendered == 1
    assert current(small_meeting, Edition.PUBLIC).version == 3
    assert "A new summary." in text(read(current(small_meeting, Edition.PUBLIC)))


def test_changing_a_published_paper_asks_for_a_build(small_meeting, secretary):
    paper = small_meeting.items.get(title="Clinical Strategy").papers.get()
    paper_services.paper_file_upload(actor=secretary, paper=paper, upload=upload(pages=7))
    latest = PackBuild.objects.filter(meeting=small_meeting).first()
    item = paper.item.number
    assert latest.reason.endswith(f"Supplement: item {item} paper replaced")
    assert latest.status == BuildStatus.QUEUED


def test_a_failure_in_assembly_leaves_the_previous_pack_served(
    small_meeting, secretary, monkeypatch
):
    build(small_meeting)
    before = {e: current(small_meeting, e) for e in Edition.values}
    served = {e: Path(p.file.path).read_bytes() for e, p in before.items()}
    real = pack_pdf.assemble
    calls = []

    def fail_on_the_second_edition(parts, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise pack_services.BuildFailed("Injected failure while assembling")
        return real(parts, **kwargs)

    monkeypatch.setattr(pack_pdf, "assemble", fail_on_the_second_edition)
    failed = build(small_meeting)
    assert failed.status == BuildStatus.FAILED
    assert failed.error == "Injected failure while assembling"
    for edition, pack in before.items():
        assert current(small_meeting, edition) == pack  # no new version of either edition
        assert Path(pack.file.path).read_bytes() == served[edition]
    folder = Path(before[Edition.PUBLIC].file.path).parent
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_an_unreadable_paper_is_named_and_the_pack_not_switched(small_meeting):
    build(small_meeting)
    stored = small_meeting.items.get(title="Finance Report").papers.get().files.get(slot=0)
    with open(stored.file.path, "wb") as file:
        file.write(b"%PDF-1.7\nthis is not a PDF any more\n%%EOF")
    failed = build(small_meeting)
    assert failed.status == BuildStatus.FAILED
    assert "file 'paper.pdf' version 1" in failed.error
    assert f"item {stored.paper.item.number}" in failed.error
    assert current(small_meeting, Edition.PUBLIC).version == 1


def test_a_meeting_with_no_papers_still_gets_a_valid_pack(meeting, secretary):
    publication_services.meeting_publish_agenda(
        actor=secretary, meeting=meeting, now=timezone.make_aware(datetime.datetime(2020, 11, 1))
    )
    assert build(meeting).status == BuildStatus.DONE
    reader = read(current(meeting, Edition.PUBLIC))
    assert [t for t, _ in outline(reader)] == [
        "Cover",
        "Contents",
        "Agenda",
        "Register of interests: extract",
        "Action log",
    ]
    assert "(verbal)" in reader.pages[1].extract_text()


def test_a_request_during_a_running_build_gets_a_build_of_its_own(small_meeting):
    running = pack_services.pack_build_request(actor=None, meeting=small_meeting, reason="One")
    PackBuild.objects.filter(pk=running.pk).update(status=BuildStatus.RUNNING)
    second = pack_services.pack_build_request(actor=None, meeting=small_meeting, reason="Two")
    assert second.pk != running.pk
    third = pack_services.pack_build_request(actor=None, meeting=small_meeting, reason="Three")
    assert third.pk == second.pk and third.reason == "Two; Three"


def test_a_redelivered_build_is_not_built_twice(small_meeting):
    done = build(small_meeting)
    assert pack_services.pack_build_run(done.pk) is None
    assert Pack.objects.filter(meeting=small_meeting).count() == 2


DEAD_BROKER = "redis://127.0.0.1:9/0"  # the discard port: nothing answers


@pytest.fixture
def unreachable_broker(monkeypatch):
    """The broker cannot be reached. Celery reads CELERY_BROKER_URL from the environment
    before its own settings, so both change; tasks are sent, not run in this process."""
    monkeypatch.setenv("CELERY_BROKER_URL", DEAD_BROKER)
    monkeypatch.setitem(app.conf, "broker_url", DEAD_BROKER)
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    forget_connections()
    yield
    forget_connections()


def forget_connections():
    """Celery and kombu keep pools of broker connections for the URL they first used."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
    kombu_pools.reset()


def test_publishing_succeeds_when_the_broker_is_down_and_the_build_waits(
    meeting, secretary, unreachable_broker, django_capture_on_commit_callbacks
):
    with_previous_minutes_paper(meeting, secretary)
    with django_capture_on_commit_callbacks(execute=True):
        publication_services.meeting_publish_papers(
            actor=secretary,
            meeting=meeting,
            now=timezone.make_aware(datetime.datetime(2020, 11, 1)),
        )
    assert Meeting.objects.get(pk=meeting.pk).status == "papers_published"
    waiting = PackBuild.objects.get(meeting=meeting)
    assert (waiting.status, waiting.stage) == (BuildStatus.WAITING, "Waiting for a worker")
    app.conf["task_always_eager"] = True  # a worker is back (run here)
    assert pack_services.waiting_builds_enqueue() == 1
    assert PackBuild.objects.get(pk=waiting.pk).status == BuildStatus.DONE


def test_everyone_gets_their_edition_at_the_same_address(small_meeting, client_as, board):
    build(small_meeting)
    url = f"/boards/{board.slug}/meetings/{small_meeting.date}/pack.pdf"
    for persona, edition in [
        ("anonymous", Edition.PUBLIC),
        ("outsider", Edition.PUBLIC),
        ("member", Edition.MEMBERS),
        ("secretary", Edition.MEMBERS),
    ]:
        response = client_as(persona).get(url)
        served = b"".join(response.streaming_content)
        assert served == Path(current(small_meeting, edition).file.path).read_bytes(), persona
    assert client_as("anonymous").get(url)["Cache-Control"] == "private"
    assert client_as("member").get(url)["Cache-Control"] == "private, no-store"


def test_the_secretariat_sees_the_build_and_can_rebuild(small_meeting, client_as, board):
    build(small_meeting)
    client = client_as("secretary")
    url = f"/boards/{board.slug}/meetings/{small_meeting.date}/pack/"
    from tests.conftest import text_of

    page = text_of(client.get(url))
    assert "Done" in page and "v1" in page
    assert client.post(f"{url}rebuild/").status_code == 302
    queued = PackBuild.objects.filter(meeting=small_meeting).first()
    assert (queued.status, queued.reason) == (BuildStatus.QUEUED, "Rebuilt by hand")
    running = client.get(url)
    assert b"data-refresh-seconds" in running.content and b"<progress" in running.content
    assert b'http-equiv="refresh"' not in running.content  # it would move people reading


def test_the_tasks_fan_out_one_render_per_missing_part_then_assemble_once(
    small_meeting, monkeypatch, tasks_in_process
):
    from meetings import tasks

    assembled = []
    real = pack_services.pack_build_assemble
    monkeypatch.setattr(
        pack_services, "pack_build_assemble", lambda pk: assembled.append(pk) or real(pk)
    )
    requested = pack_services.pack_build_request(actor=None, meeting=small_meeting, reason="x")
    tasks.build_pack.apply(args=[requested.pk])
    done = PackBuild.objects.get(pk=requested.pk)
    assert done.status == BuildStatus.DONE, done.error
    assert len(done.parts_needed) == done.parts_rendered > 0
    assert assembled == [requested.pk]  # the last render hands over, once
    # A render delivered again after the build finished changes nothing.
    html = next(iter(pack_parts_html(small_meeting)))
    tasks.render_pack_part.apply(args=[requested.pk, html])
    assert assembled == [requested.pk]


def pack_parts_html(meeting):
    from meetings.pdf import pack_parts

    return [s.html for s in pack_parts.plan(meeting, Edition.PUBLIC).parts if s.html]


def test_a_build_lost_with_its_worker_is_started_again(small_meeting, tasks_in_process):
    lost = pack_services.pack_build_request(actor=None, meeting=small_meeting, reason="Lost")
    PackBuild.objects.filter(pk=lost.pk).update(
        status=BuildStatus.RUNNING, started_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert pack_services.waiting_builds_enqueue() == 1
    finished = PackBuild.objects.get(pk=lost.pk)
    assert (finished.status, finished.attempts) == (BuildStatus.DONE, 1)
    recent = pack_services.pack_build_request(actor=None, meeting=small_meeting, reason="Now")
    PackBuild.objects.filter(pk=recent.pk).update(
        status=BuildStatus.RUNNING, started_at=timezone.now()
    )
    assert pack_services.waiting_builds_enqueue() == 0  # still running somewhere


def test_a_queued_build_whose_message_was_lost_is_sent_again(small_meeting, tasks_in_process):
    """A worker killed outright takes the message it had taken from the embedded broker
    with it: the build stays queued until the periodic task sends it again."""
    lost = pack_services.pack_build_request(actor=None, meeting=small_meeting, reason="Lost")
    PackBuild.objects.filter(pk=lost.pk).update(
        requested_at=timezone.now() - datetime.timedelta(hours=1)
    )
    recent = pack_services.pack_build_request(actor=None, meeting=small_meeting, reason="Now")
    assert recent.pk == lost.pk  # still waiting to start: reused
    assert pack_services.waiting_builds_enqueue() == 1
    assert PackBuild.objects.get(pk=lost.pk).status == BuildStatus.DONE
    fresh = pack_services.pack_build_request(actor=None, meeting=small_meeting, reason="New")
    assert pack_services.waiting_builds_enqueue() == 0  # on its way to a worker
    assert PackBuild.objects.get(pk=fresh.pk).status == BuildStatus.QUEUED


def test_a_message_for_a_build_that_no_longer_exists_builds_nothing(small_meeting):
    assert pack_services.pack_build_run(10**9) is None
    assert not Pack.objects.filter(meeting=small_meeting).exists()


def test_the_pack_address_says_when_the_pack_is_being_built(small_meeting, client_as, board):
    url = f"/boards/{board.slug}/meetings/{small_meeting.date}/pack.pdf"
    from tests.conftest import text_of

    requested = PackBuild.objects.get(meeting=small_meeting)  # asked for by publishing
    for status in [BuildStatus.QUEUED, BuildStatus.RUNNING, BuildStatus.WAITING]:
        PackBuild.objects.filter(pk=requested.pk).update(status=status)
        response = client_as("anonymous").get(url)
        assert response.status_code == 404  # nothing to download yet
        assert "The pack is being built" in text_of(response), status
        assert response["Retry-After"] == "60"
    PackBuild.objects.filter(pk=requested.pk).update(status=BuildStatus.FAILED)
    assert "The pack has not been built yet" in text_of(client_as("member").get(url))
    # Once built, a failed rebuild leaves that pack served.
    build(small_meeting)
    failed = pack_services.pack_build_request(actor=None, meeting=small_meeting, reason="Bad")
    PackBuild.objects.filter(pk=failed.pk).update(status=BuildStatus.FAILED)
    response = client_as("anonymous").get(url)
    served = b"".join(response.streaming_content)
    assert served == Path(current(small_meeting, Edition.PUBLIC).file.path).read_bytes()


def test_temporary_files_left_by_a_killed_process_are_swept(small_meeting, tasks_in_process):
    import os

    from meetings.pdf import pack_parts

    build(small_meeting)
    folder = Path(current(small_meeting, Edition.PUBLIC).file.path).parent
    old, fresh = folder / ".public-v2.pdf.abc.tmp", folder / ".public-v2.pdf.def.tmp"
    for path in (old, fresh):
        path.write_bytes(b"%PDF-half")
    an_hour_ago = (timezone.now() - datetime.timedelta(hours=1)).timestamp()
    os.utime(old, (an_hour_ago, an_hour_ago))
    pack_services.waiting_builds_enqueue()
    assert not old.exists() and fresh.exists()  # a fresh one may be a write in progress
    assert pack_parts.cache_dir().exists()


def cover_version(pack):
    match = re.search(r"Pack version (\d+)", read(pack).pages[0].extract_text())
    assert match, f"no version on the cover of {pack}"
    return int(match.group(1))


def test_overlapping_builds_print_on_the_cover_the_version_they_record(small_meeting, monkeypatch):
    """A second build starts, assembles and records its packs while the first is between
    its assembly and its switch: each cover still shows the version recorded for it."""
    real_switch = pack_services._switch
    switching = []

    def another_build_finishes_first(build_row, files):
        switching.append(build_row.pk)
        if len(switching) == 1:
            # The first build is running, so this request gets a build of its own.
            build(small_meeting, reason="Overtaking")
        return real_switch(build_row, files)

    monkeypatch.setattr(pack_services, "_switch", another_build_finishes_first)
    first = build(small_meeting, reason="Overtaken")
    second = PackBuild.objects.get(reason="Overtaking")
    assert switching == [first.pk, second.pk]
    assert (first.status, second.status) == (BuildStatus.DONE, BuildStatus.DONE), first.error
    for edition in Edition.values:
        overtook = Pack.objects.get(build=second, edition=edition)
        overtaken = Pack.objects.get(build=first, edition=edition)
        assert (overtook.version, overtaken.version) == (1, 2)
        for pack in (overtook, overtaken):
            assert cover_version(pack) == pack.version, f"{pack}: cover v{cover_version(pack)}"


def test_each_pack_version_is_recorded_in_its_history_with_who_asked_and_why(
    small_meeting, secretary
):
    reason = "Papers published; " + "; ".join(
        f"Supplement: item {n} paper replaced" for n in range(8)
    )
    done = build(small_meeting, actor=secretary, reason=reason)
    assert done.status == BuildStatus.DONE, done.error
    assert len(done.reason) > 100  # longer than a history's reason
    records = Pack.history.filter(build_id=done.pk)
    assert sorted(r.edition for r in records) == sorted(Edition.values)
    for record in records:
        assert (record.history_type, record.history_user) == ("+", secretary)
        assert record.history_change_reason == f"Built: {done.reason}"[:100]
