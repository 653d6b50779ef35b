"""Building board packs: requested in the request's transaction, built by a worker.

A build row is written with whatever asked for it (publishing papers, a supplement, a
replaced paper, the secretariat by hand) and the worker is told only once that transaction
has committed; if the broker cannot be reached the row waits, and a periodic task sends it
again. The worker renders each edition's parts (the cached ones are not rendered again),
numbers the contents from the parts' real page counts, merges and stamps them, writes the
file under a temporary name and switches it into place; only then is the new version
recorded. A failed or killed build leaves the previous version served.
"""

import hashlib
import logging
from pathlib import Path

from celery import current_app
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from partners.audit import save_with_history

from ..models import (
    UNFINISHED,
    BuildStatus,
    Edition,
    Meeting,
    Pack,
    PackBuild,
    pack_file_path,
)
from ..pdf import pack_assembly, pack_parts
from ..permissions import edition_for, personal_viewers

log = logging.getLogger(__name__)

BUILD_TASK = "meetings.tasks.build_pack"


class BuildFailed(Exception):
    """A build cannot finish: the message says which part of which item, and why."""


@transaction.atomic
def pack_build_request(*, actor, meeting, reason):
    """Ask for the meeting's packs to be built once this transaction commits.

    A build still waiting to start will read the meeting as it is by then, so it is reused;
    a build already running gets a successor, so a change made during a build is never
    half in one pack.
    """
    pending = (
        PackBuild.objects.select_for_update()
        .filter(meeting=meeting, status__in=[BuildStatus.QUEUED, BuildStatus.WAITING])
        .first()
    )
    if pending is not None:
        pending.reason = f"{pending.reason}; {reason}"[:300]
        pending.save(update_fields=["reason"])
        return pending
    build = PackBuild.objects.create(meeting=meeting, reason=reason[:300], requested_by=actor)
    transaction.on_commit(lambda: enqueue(build.pk))
    return build


def enqueue(build_id, queue=None):
    """Tell a worker about a build; if the broker cannot be reached, the build waits."""
    # The task is found in the Celery app's registry by its name, so that the services never
    # import the tasks (which import the services): a build is sent from here and only here.
    build_pack = current_app.tasks[BUILD_TASK]
    try:
        build_pack.apply_async(args=[build_id], queue=queue)
    except Exception as error:  # kombu raises OperationalError, redis its own; all mean wait
        log.warning("Pack build %s waits for a worker: %s", build_id, error)
        PackBuild.objects.filter(pk=build_id, status=BuildStatus.QUEUED).update(
            status=BuildStatus.WAITING, stage="Waiting for a worker"
        )
        return False
    PackBuild.objects.filter(pk=build_id, status=BuildStatus.WAITING).update(
        status=BuildStatus.QUEUED, stage=""
    )
    return True


# A running build this long after it started was lost with its worker (the hard time limit
# of every pack task is far shorter): the periodic task starts it again.
STALE_AFTER = timezone.timedelta(minutes=30)


def waiting_builds_enqueue(now=None):
    """Send again the builds that could not reach a worker, and the ones lost mid-way: a
    running build whose worker died, or a queued one whose message went with a broker or a
    worker that was killed (run periodically)."""
    stale = (now or timezone.now()) - STALE_AFTER
    waiting = (
        PackBuild.objects.filter(status=BuildStatus.WAITING)
        | PackBuild.objects.filter(status=BuildStatus.RUNNING, started_at__lt=stale)
        | PackBuild.objects.filter(status=BuildStatus.QUEUED, requested_at__lt=stale)
    )
    sent = sum(enqueue(pk) for pk in waiting.values_list("pk", flat=True))
    media = Path(default_storage.location)
    pack_parts.stale_temporary_files_remove([pack_parts.cache_dir(), media / "packs"], stale)
    return sent


def _claim(build_id):
    """Mark the build running, unless it is already finished (a redelivered task)."""
    with transaction.atomic():
        build = (
            PackBuild.objects.select_for_update()
            .select_related("meeting__board")
            .filter(pk=build_id)
            .first()
        )
        # A message that outlived its build (a database loaded afresh beside an embedded
        # broker's folder) has nothing to build.
        if build is None or build.status not in UNFINISHED:
            return None
        build.status, build.started_at = BuildStatus.RUNNING, timezone.now()
        build.attempts += 1
        build.progress, build.error, build.assembling = 0, "", False
        build.parts_rendered = 0
        build.save()
        return build


def _progress(build_id, done, total, stage, share=90):
    progress = int(share * done / max(total, 1))
    PackBuild.objects.filter(pk=build_id, status=BuildStatus.RUNNING).update(
        progress=progress, stage=stage
    )


def _fail(build_id, error):
    failed = isinstance(error, BuildFailed)
    message = str(error) if failed else f"{type(error).__name__}: {error}"
    PackBuild.objects.filter(pk=build_id).update(
        status=BuildStatus.FAILED, error=message, finished_at=timezone.now()
    )
    log.error("Pack build %s failed: %s", build_id, message)


def _plans(meeting):
    """The shared editions, then the own edition of each person from whom a ruling withholds
    some of the meeting's papers."""
    plans = [pack_parts.plan(meeting, edition) for edition in Edition.values]
    for person, viewer in personal_viewers(meeting):
        plans.append(pack_parts.plan(meeting, edition_for(viewer), person, viewer))
    return plans


def pack_build_run(build_id, send=None):
    """Start a build: work out which generated parts the cache lacks and hand each to a
    render task (`send(html)`, on the workers' queue); with none lacking, assemble at once.
    Safe to run twice: a finished build is left alone, a running one starts over."""
    build = _claim(build_id)
    if build is None:
        return None
    try:
        plans = _plans(build.meeting)
        missing = {}
        for plan in plans:
            for spec in plan.parts:
                if spec.html is not None and not pack_parts.is_cached(spec.html):
                    missing[pack_parts.cache_key(spec.html)] = spec.html
        PackBuild.objects.filter(pk=build_id).update(
            parts_needed=list(missing),
            parts_total=sum(len(p.parts) for p in plans),
            stage=f"Rendering {len(missing)} part{'s' if len(missing) != 1 else ''}",
        )
    except Exception as error:
        _fail(build_id, error)
        raise
    if not missing or send is None:
        return pack_build_assemble(build_id)
    for html in missing.values():
        send(html)
    return PackBuild.objects.get(pk=build_id)


def pack_part_render(build_id, html, assemble=None):
    """Render one generated part into the cache; the render that completes the set hands the
    build to assembly (`assemble()`), once."""
    spec = pack_parts.render_part(pack_parts.PartSpec("part", "", html=html))
    if spec.rendered:
        PackBuild.objects.filter(pk=build_id).update(parts_rendered=F("parts_rendered") + 1)
    build = PackBuild.objects.get(pk=build_id)
    if build.status != BuildStatus.RUNNING:
        return
    done = sum(pack_parts.is_cached_key(key) for key in build.parts_needed)
    _progress(
        build_id,
        done,
        len(build.parts_needed),
        f"Rendered {done} of {len(build.parts_needed)} parts",
    )
    if done < len(build.parts_needed):
        return
    claimed = PackBuild.objects.filter(
        pk=build_id, status=BuildStatus.RUNNING, assembling=False
    ).update(assembling=True, stage="Assembling")
    if claimed:
        if assemble is None:
            pack_build_assemble(build_id)
        else:
            assemble()


def pack_build_assemble(build_id):
    """Assemble both editions from the parts (rendering any the cache still lacks, such as a
    paper changed since the build started) and switch them into place."""
    build = PackBuild.objects.select_related("meeting__board").get(pk=build_id)
    if build.status != BuildStatus.RUNNING:
        return None
    try:
        files = []
        plans = _plans(build.meeting)
        for plan in plans:
            for spec in plan.parts:
                pack_parts.render_part(spec)
            rendered = sum(spec.rendered for spec in plan.parts)
            if rendered:
                PackBuild.objects.filter(pk=build_id).update(
                    parts_rendered=F("parts_rendered") + rendered
                )
            version = _next_version(plan)
            files.append((plan, version, _assemble(build, plan, version)))
            _progress(
                build_id, len(files), len(plans), f"Assembled the {plan.edition} edition", 100
            )
        return _switch(build, files)
    except Exception as error:
        _fail(build_id, error)
        if not isinstance(error, BuildFailed):
            raise
        return None


def _page_count(spec):
    try:
        return pack_assembly.page_count(spec.pdf)
    except pack_assembly.UnreadablePart as error:
        raise BuildFailed(f"{spec.title} ({spec.source}): {error.reason}") from error


def _tagged(spec):
    try:
        return pack_assembly.tagged(spec.pdf)
    except pack_assembly.UnreadablePart as error:
        raise BuildFailed(f"{spec.title} ({spec.source}): {error.reason}") from error


def _note_untagged(plan):
    """Say in the contents which uploaded papers carry no tags: the pack keeps the structure
    of those that do, but a screen reader can only read the others' text in page order."""
    tagged = {spec.key: _tagged(spec) for spec in plan.parts if spec.path is not None}
    for line in plan.contents:
        untagged = [name for key, name in line.files if not tagged[key]]
        line.untagged = pack_parts.untagged_note(untagged, line.files)


def _assemble(build, plan, version):
    """One edition's pack as bytes: cover (showing `version`), contents numbered from the
    parts' page counts, then the parts."""
    meeting = plan.meeting
    context = {
        "board": meeting.board,
        "meeting": meeting,
        "edition": plan.edition,
        "person": plan.person,
    }
    cover = pack_parts.render_part(
        pack_parts.PartSpec(
            "cover",
            "Cover",
            html=pack_parts.render_html(
                "cover", context | {"version": version, "note": build.reason}
            ),
        )
    )
    counts = [_page_count(spec) for spec in plan.parts]
    _note_untagged(plan)
    contents, contents_pages = None, 1
    for _ in range(3):  # the contents' own length moves every page after it
        first = 1 + _page_count(cover) + contents_pages
        part_starts = {}
        page = first
        for spec, count in zip(plan.parts, counts, strict=True):
            part_starts.setdefault(spec.key, page)
            page += count
        for line in plan.contents:
            line.page = part_starts.get(line.part)
        contents = pack_parts.render_part(
            pack_parts.PartSpec(
                "contents",
                "Contents",
                html=pack_parts.render_html("contents", context | {"contents": plan.contents}),
            )
        )
        if _page_count(contents) == contents_pages:
            break
        contents_pages = _page_count(contents)
    parts = [pack_assembly.Part("Cover", cover.pdf), pack_assembly.Part("Contents", contents.pdf)]
    # Uploaded files get a band below their pages for the footer: theirs may fill the bottom.
    parts += [
        pack_assembly.Part(spec.title, spec.pdf, spec.level, band=spec.path is not None)
        for spec in plan.parts
    ]
    label = Edition(plan.edition).label.lower()
    if plan.person is not None:
        label = f"{label} for {plan.person.full_name}"
    return pack_assembly.assemble(
        parts,
        title=f"{meeting.board.name} board pack, {meeting.day_name} ({label})",
        footer=f"{meeting.board.name} – {meeting.day_name}",
    )


def _next_version(plan):
    """The next version of a shared edition, or of one person's own (whichever its kind)."""
    packs = Pack.objects.filter(meeting=plan.meeting, person=plan.person)
    if plan.person is None:
        packs = packs.filter(edition=plan.edition)
    latest = packs.aggregate(v=Max("version"))
    return (latest["v"] or 0) + 1


def _switch(build, files):
    """Write each edition's file under a temporary name, switch it into place, then record
    the new versions together: readers get the old pack until the new one is whole. A build
    assembled twice (a redelivered task) records its packs once."""
    meeting = build.meeting
    with transaction.atomic():
        locked = PackBuild.objects.select_for_update().get(pk=build.pk)
        if locked.status != BuildStatus.RUNNING:
            return None
        # One switch at a time per meeting, so two builds never take the same version.
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        for plan, printed, pdf in files:
            # The version is the order in which packs are switched, so only this lock
            # decides it. Holding the lock through rendering and merging (seconds for a
            # large pack) would hold up every write to the meeting, so the cover was
            # printed with the version expected then; if another build has switched since,
            # the edition is assembled again with the version it is recorded as (its parts
            # are rendered already: a new cover and a merge).
            version = _next_version(plan)
            if version != printed:
                pdf = _assemble(build, plan, version)
            pack = Pack(
                meeting=meeting,
                edition=plan.edition,
                person=plan.person,
                version=version,
                build=build,
                page_count=pack_assembly.page_count(pdf),
                size=len(pdf),
                sha256=hashlib.sha256(pdf).hexdigest(),
                note=build.reason,
            )
            name = pack_file_path(pack, "")
            pack_parts.write_atomically(Path(default_storage.path(name)), pdf)
            pack.file.name = name
            # The history's reason holds 100 characters; the build's may be longer.
            save_with_history(pack, actor=build.requested_by, reason=f"Built: {build.reason}"[:100])
        locked.status, locked.progress, locked.stage = BuildStatus.DONE, 100, "Done"
        locked.finished_at = timezone.now()
        locked.save(update_fields=["status", "progress", "stage", "finished_at"])
        return locked
