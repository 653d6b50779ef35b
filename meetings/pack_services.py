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

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import pack_parts, pack_pdf
from .models import UNFINISHED, BuildStatus, Edition, Pack, PackBuild, pack_file_path

log = logging.getLogger(__name__)


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


def enqueue(build_id):
    """Tell a worker about a build; if the broker cannot be reached, the build waits."""
    from .tasks import build_pack

    try:
        build_pack.apply_async(args=[build_id])
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


def waiting_builds_enqueue():
    """Send the builds that could not reach a worker again (run periodically)."""
    waiting = list(
        PackBuild.objects.filter(status=BuildStatus.WAITING).values_list("pk", flat=True)
    )
    return sum(enqueue(pk) for pk in waiting)


def _claim(build_id):
    """Mark the build running, unless it is already finished (a redelivered task)."""
    with transaction.atomic():
        build = (
            PackBuild.objects.select_for_update().select_related("meeting__board").get(pk=build_id)
        )
        if build.status not in UNFINISHED:
            return None
        build.status, build.started_at = BuildStatus.RUNNING, timezone.now()
        build.attempts += 1
        build.progress, build.error = 0, ""
        build.save()
        return build


def _progress(build, done, total, stage):
    build.progress = int(100 * done / max(total, 1))
    build.stage = stage
    PackBuild.objects.filter(pk=build.pk).update(progress=build.progress, stage=stage)


def pack_build_run(build_id):
    """Build both editions of a meeting's pack for a build row. Safe to run twice."""
    build = _claim(build_id)
    if build is None:
        return None
    meeting = build.meeting
    try:
        plans = [pack_parts.plan(meeting, edition) for edition in Edition.values]
        total = sum(len(p.parts) for p in plans) + 2 * len(plans)
        done = 0
        files = []
        for plan in plans:
            for spec in plan.parts:
                pack_parts.render_part(spec)
                done += 1
                _progress(build, done, total, f"Rendering {spec.title}")
            files.append((plan, _assemble(build, plan)))
            done += 2
            _progress(build, done, total, f"Assembled the {plan.edition} edition")
        build.parts_total = sum(len(p.parts) for p in plans)
        build.parts_rendered = sum(s.rendered for p in plans for s in p.parts)
        _switch(build, files)
    except Exception as error:
        failed = isinstance(error, BuildFailed)
        message = str(error) if failed else f"{type(error).__name__}: {error}"
        PackBuild.objects.filter(pk=build.pk).update(
            status=BuildStatus.FAILED, error=message, finished_at=timezone.now()
        )
        log.exception("Pack build %s failed", build.pk)
        if not failed:
            raise
        return None
    return build


def _page_count(spec):
    try:
        return pack_pdf.page_count(spec.pdf)
    except pack_pdf.UnreadablePart as error:
        raise BuildFailed(f"{spec.title} ({spec.source}): {error.reason}") from error


def _assemble(build, plan):
    """One edition's pack as bytes: cover, contents numbered from the parts' page counts,
    then the parts."""
    meeting = plan.meeting
    version = _next_version(meeting, plan.edition)
    context = {"board": meeting.board, "meeting": meeting, "edition": plan.edition}
    cover = pack_parts.render_part(
        pack_parts.PartSpec(
            "cover",
            "Cover",
            html=pack_parts._html("cover", context | {"version": version, "note": build.reason}),
        )
    )
    counts = [_page_count(spec) for spec in plan.parts]
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
                html=pack_parts._html("contents", context | {"contents": plan.contents}),
            )
        )
        if _page_count(contents) == contents_pages:
            break
        contents_pages = _page_count(contents)
    parts = [pack_pdf.Part("Cover", cover.pdf), pack_pdf.Part("Contents", contents.pdf)]
    parts += [pack_pdf.Part(spec.title, spec.pdf, spec.level) for spec in plan.parts]
    label = Edition(plan.edition).label.lower()
    return pack_pdf.assemble(
        parts,
        title=f"{meeting.board.name} board pack, {meeting.date:%-d %B %Y} ({label})",
        footer=f"{meeting.board.name} – {meeting.date:%-d %B %Y}",
    )


def _next_version(meeting, edition):
    latest = Pack.objects.filter(meeting=meeting, edition=edition).aggregate(v=Max("version"))
    return (latest["v"] or 0) + 1


def _switch(build, files):
    """Write each edition's file under a temporary name, switch it into place, then record
    the new versions together: readers get the old pack until the new one is whole."""
    meeting = build.meeting
    written = []
    for plan, pdf in files:
        version = _next_version(meeting, plan.edition)
        pack = Pack(
            meeting=meeting,
            edition=plan.edition,
            version=version,
            build=build,
            page_count=pack_pdf.page_count(pdf),
            size=len(pdf),
            sha256=hashlib.sha256(pdf).hexdigest(),
            note=build.reason,
        )
        name = pack_file_path(pack, "")
        pack_parts.write_atomically(Path(default_storage.path(name)), pdf)
        pack.file.name = name
        written.append(pack)
    with transaction.atomic():
        for pack in written:
            pack.save()
        PackBuild.objects.filter(pk=build.pk).update(
            status=BuildStatus.DONE,
            progress=100,
            stage="Done",
            finished_at=timezone.now(),
            parts_total=build.parts_total,
            parts_rendered=build.parts_rendered,
        )
