"""What goes into a board pack, in order, for one edition, and rendering its parts.

A part is either a document the portal generates (cover, contents, agenda, guidance, the
register's extract, the previous meeting's minutes, the action log, each paper's cover
sheet), rendered from a template by WeasyPrint as tagged PDF/UA (the pack keeps its structure
tree), or a file someone uploaded (a paper or an appendix), merged as it is: the contents say
which of those carry no tags, as a screen reader cannot follow them.

Generated parts are cached on disk under the hash of their HTML and the templates' version:
a rebuild renders again only the parts whose content changed.
"""

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from partners.pdf import html_to_pdf

from ..models import ItemFormat, Minutes, MinutesStatus, StandingKind
from ..permissions import edition_viewer
from ..selectors.actions import action_log_rows
from ..selectors.agenda import WITHHELD_FROM_YOU, meeting_page_for
from ..selectors.cover_sheets import cover_blocks, cover_sheet_questions
from ..selectors.declarations import register_extract
from ..selectors.minutes import minutes_page_for
from ..selectors.publication import previous_held_meeting

REGISTER_EXTRACT = "Register of interests: extract"
WITHOUT_PAPER = {ItemFormat.VERBAL, ItemFormat.PRESENTATION, ItemFormat.TO_FOLLOW}
# Change when a pack template changes, so cached parts are rendered again.
TEMPLATES_VERSION = "3"  # 3: parts rendered tagged


@dataclass
class PartSpec:
    """One part of a pack: its bookmark, and either the HTML to render or a stored file."""

    key: str
    title: str
    level: int = 0
    html: str | None = None
    path: str | None = None
    source: str = ""  # where it comes from, for messages: "item 5, Paper (version 2)"
    # Filled in by rendering: the PDF and whether WeasyPrint had to render it.
    pdf: bytes | None = None
    rendered: bool = False


@dataclass
class ContentsLine:
    label: str
    title: str
    part: str | None = None  # the key of its first part; None for a verbal item
    note: str = ""
    level: int = 0
    page: int | None = None
    files: list = field(default_factory=list)  # [(part key, name)] of its uploaded files
    untagged: str = ""  # which of them a screen reader cannot follow, filled in when built


@dataclass
class PackPlan:
    """Everything one edition of a pack holds, before its cover and contents are rendered."""

    meeting: object
    edition: str
    person: object = None  # whom a person's own edition is for (None: a shared edition)
    parts: list = field(default_factory=list)  # [PartSpec] after the contents page
    contents: list = field(default_factory=list)  # [ContentsLine]


def render_html(template, context):
    """A pack template rendered to HTML: the key of its cached PDF is the hash of this."""
    return render_to_string(f"pdf/pack/{template}.html", context)


def plan(meeting, edition, person=None, viewer=None):
    """The parts of one edition of a meeting's pack, in order, with its contents lines: a
    shared edition, or a person's own (`person`, seen as `viewer` sees it)."""
    viewer = viewer or edition_viewer(edition)
    board = meeting.board
    page = meeting_page_for(board, viewer, meeting)
    pack = PackPlan(meeting, edition, person)
    base = {"board": board, "meeting": meeting, "edition": edition, "page": page}
    base["cover_questions"] = cover_sheet_questions(board)

    def add(key, title, template, context, label=""):
        pack.parts.append(PartSpec(key, title, html=render_html(template, base | context)))
        pack.contents.append(ContentsLine(label, title, part=key))

    add("agenda", "Agenda", "agenda", {})
    if board.declarations_guidance.strip():
        add("guidance", "Declarations of interest: guidance", "guidance", {})
    add("register", REGISTER_EXTRACT, "register_extract", {"rows": register_extract(meeting)})
    previous = _previous_minutes(meeting, viewer)
    if previous is not None:
        title = f"Minutes of the meeting of {previous.meeting.date:%-d %B %Y}"
        if not previous.minutes.is_approved:
            title = f"Draft minutes of the meeting of {previous.meeting.date:%-d %B %Y}"
        add("minutes", title, "minutes", {"minutes_page": previous})
    else:
        _draft_minutes_withheld(pack, meeting, viewer)
    add("actions", "Action log", "action_log", {"rows": action_log_rows(meeting, viewer)})
    for _section, views in page.sections:
        for view in views:
            _item_parts(pack, base, view)
    return pack


def _previous_minutes(meeting, viewer):
    """The minutes of the board's meeting before this one, as this edition may show them:
    drafts go to members only."""
    previous = previous_held_meeting(meeting)
    if previous is None or not Minutes.objects.filter(meeting=previous).exists():
        return None
    if (
        not viewer.sees_confidential
        and not Minutes.objects.filter(meeting=previous, status=MinutesStatus.APPROVED).exists()
    ):
        return None
    return minutes_page_for(meeting.board, viewer, previous)


DRAFT_FOR_THE_BOARD = "The draft minutes are for the board; they are published once approved"


def _draft_minutes_withheld(pack, meeting, viewer):
    """The public edition says where the previous meeting's draft minutes are, rather than
    carrying them or silently leaving them out."""
    previous = previous_held_meeting(meeting)
    if viewer.sees_confidential or previous is None:
        return
    if Minutes.objects.filter(meeting=previous, status=MinutesStatus.DRAFT).exists():
        title = f"Minutes of the meeting of {previous.date:%-d %B %Y}"
        pack.contents.append(ContentsLine("", title, note=DRAFT_FOR_THE_BOARD))


def _generated_for(pack, item):
    """The part the pack generates for a standing item's attachment, if it has one."""
    keys = {spec.key for spec in pack.parts}
    if item.standing == StandingKind.DECLARATIONS and "guidance" in keys:
        return "guidance"
    if item.standing == StandingKind.PREVIOUS_MINUTES:
        return "minutes" if "minutes" in keys else "actions"
    return None


def _item_parts(pack, base, view):
    item = view.item
    label = f"{item.reference}."
    if view.private:
        pack.contents.append(ContentsLine(label, view.title, note="Taken in private"))
        return
    generated = _generated_for(pack, item)
    if not view.papers and generated:
        pack.contents.append(ContentsLine(label, view.title, part=generated))
        return
    if not view.papers:
        # A paper this edition leaves out (confidential, or not yet out) is not "attached".
        shown = item.format in WITHOUT_PAPER
        note = item.get_format_display() if shown else "No paper in this edition"
        if view.format_label == WITHHELD_FROM_YOU:
            note = WITHHELD_FROM_YOU
        pack.contents.append(ContentsLine(label, view.title, note=note))
        return
    for number, paper_view in enumerate(view.papers):
        paper = paper_view.paper
        key = f"paper-{paper.pk}"
        title = f"{item.reference}. {paper.title}" if number else f"{item.reference}. {view.title}"
        pack.parts.append(
            PartSpec(
                key,
                title,
                html=render_html("cover_sheet", base | _cover_sheet_context(base, paper, item)),
            )
        )
        line = ContentsLine(label if not number else "", paper.title, part=key)
        pack.contents.append(line)
        for stored in [paper_view.main, *paper_view.appendices]:
            if stored is None:
                continue
            name = "Paper" if stored.slot == 0 else stored.label
            file = f"file '{stored.original_name}' version {stored.version}"
            source = f"item {item.reference}, {file}"
            pack.parts.append(
                PartSpec(f"file-{stored.pk}", name, level=1, path=stored.file.path, source=source)
            )
            line.files.append((f"file-{stored.pk}", name))


def untagged_note(untagged, files):
    """What the contents say of a paper whose uploaded files (`files`, by name: "Paper" or an
    appendix's label) include some with no tags (`untagged`): "" when there are none."""
    if not untagged:
        return ""
    if len(untagged) == len(files):
        return "this paper is not tagged"
    names = ["the paper itself" if name == "Paper" else name for name in untagged]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{listed} {'is' if len(names) == 1 else 'are'} not tagged"


def _cover_sheet_context(base, paper, item):
    return {"paper": paper, "item": item, "sheet": cover_blocks(paper, base["cover_questions"])}


# Rendering ------------------------------------------------------------------------------


def cache_dir():
    return Path(settings.MEDIA_ROOT) / "pack-parts"


def cache_key(html):
    return hashlib.sha256(f"{TEMPLATES_VERSION}\n{html}".encode()).hexdigest()


def is_cached_key(key):
    return (cache_dir() / f"{key}.pdf").exists()


def is_cached(html):
    return is_cached_key(cache_key(html))


def render_part(spec):
    """The part's PDF: an uploaded file as stored, a generated one from the cache or WeasyPrint."""
    if spec.path is not None:
        spec.pdf = Path(spec.path).read_bytes()
        return spec
    cached = cache_dir() / f"{cache_key(spec.html)}.pdf"
    if cached.exists():
        spec.pdf = cached.read_bytes()
        return spec
    spec.pdf, spec.rendered = html_to_pdf(spec.html, tagged=True), True
    write_atomically(cached, spec.pdf)
    return spec


def write_atomically(path, data):
    """Write to a temporary name beside the file, then switch it into place: a reader sees the
    old file or the whole new one, never half of one, even if this process is killed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def stale_temporary_files_remove(folders, older_than):
    """Temporary files a killed process left behind (`write_atomically` cannot clean up after
    SIGKILL). Returns how many were removed."""
    removed = 0
    for folder in folders:
        if not folder.exists():
            continue
        for path in folder.rglob(".*.tmp"):
            if path.stat().st_mtime < older_than.timestamp():
                path.unlink(missing_ok=True)
                removed += 1
    return removed
