"""(b) A generated pack of about 200 A4 pages in 19 parts (one of about 7 pages) made of seed
003's text, or of the demo's own papers where the seed is not at hand, without a meeting: the
parts rendered by `pack_parts.render_part` into the bench's part cache by 2 processes, then a
cover and contents numbered from the real page counts and `pack_assembly.assemble`, in this
process. Timed: the full build with a cold cache, the
rebuild after the 7-page part changes, the same content rendered by WeasyPrint as one single
document, the merge; and the peak memory of a render process."""

import datetime
import shutil
import time
from dataclasses import dataclass, field, replace
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import timezone

from icp_portal.demo import seeds
from icp_portal.demo.data.guidance import PARAGRAPHS
from icp_portal.demo.data.papers import PAPERS
from icp_portal.demo.seeds.bodies import Block, read_document
from icp_portal.demo.seeds.pack import read_board_pack
from meetings.models import Edition
from meetings.pdf import pack_assembly, pack_parts
from partners.pdf import page_footer

from .demo_pack import DEMO_DAY
from .measure import render_document_here
from .workers import spawned_pool

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
# Where the Board's declarations of interest guidance begins and ends in the seed pack.
GUIDANCE_BOUNDS = ("Declaration of Interests for member", "Minutes of the Formal")


@dataclass(frozen=True)
class GeneratedPart:
    """One part of the generated pack: a paper made of the source documents' blocks."""

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
    each as (title, blocks); without the seed, the demo's own papers and guidance."""
    path = seeds.pack_path()
    if not path.exists():
        return demo_documents()
    documents = []
    for sheet in read_board_pack(path).cover_sheets:
        summary = [
            Block("heading", "Executive summary"),
            Block("paragraph", sheet.executive_summary or sheet.purpose),
            Block("heading", "Recommendations"),
            Block("paragraph", sheet.recommendations or "Not stated."),
        ]
        documents.append((sheet.title, summary + sheet.body))
    guidance = read_document(path, *GUIDANCE_BOUNDS)
    documents.append(("Declarations of interest: guidance", guidance))
    return documents


def demo_documents():
    """The demo's papers (summary, recommendations and body) and its interests guidance,
    each as (title, blocks)."""
    documents = []
    for paper in PAPERS:
        summary = [
            Block("heading", "Executive summary"),
            Block("paragraph", paper.executive_summary),
            Block("heading", "Recommendations"),
            Block("paragraph", paper.recommendations),
        ]
        documents.append((paper.title, summary + list(paper.body)))
    guidance = [Block("paragraph", text) for text in PARAGRAPHS]
    documents.append(("Declarations of interest: guidance", guidance))
    return documents


def room(block):
    """How much of a page a block takes, in characters of running text (a rough model)."""
    if block.kind == "table":
        return TABLE_EXTRA + sum(ROW_EXTRA + sum(map(len, row)) for row in block.rows)
    return len(block.text) + BLOCK_EXTRA[block.kind]


def generated_parts():
    """19 parts cut from the source documents read over and over, each document opening with
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
    merge: float  # pack_assembly.assemble: copying, stamping, bookmarks, saving
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
    counts = [pack_assembly.page_count(spec.pdf) for spec in specs]
    contents_pages = 1
    for _ in range(3):
        page = 1 + pack_assembly.page_count(cover.pdf) + contents_pages
        lines = []
        for number, (spec, pages) in enumerate(zip(specs, counts, strict=True), start=1):
            lines.append(pack_parts.ContentsLine(f"{number}.", spec.title, spec.key, page=page))
            page += pages
        html = render_to_string("pdf/pack/contents.html", context | {"contents": lines})
        contents = pack_parts.render_part(pack_parts.PartSpec("contents", "Contents", html=html))
        if pack_assembly.page_count(contents.pdf) == contents_pages:
            break
        contents_pages = pack_assembly.page_count(contents.pdf)
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
    pdf = pack_assembly.assemble(
        [pack_assembly.Part("Cover", cover.pdf), pack_assembly.Part("Contents", contents.pdf)]
        + [pack_assembly.Part(spec.title, spec.pdf) for spec in specs],
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
        pages=pack_assembly.page_count(pdf),
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
    source: str = "seed 003"  # what the parts are made of


def part_pages(parts):
    """Each part's page count, from the cache the full build filled."""
    return [
        pack_assembly.page_count(pack_parts.render_part(spec).pdf)
        for spec in (pack_parts.PartSpec(part.key, part.title, html=part.html) for part in parts)
    ]


def bench_generated(workers, runs):
    parts = generated_parts()
    figures = GeneratedFigures()
    if not seeds.pack_path().exists():
        figures.source = "the demo's papers"
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
