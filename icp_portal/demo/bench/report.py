"""The bench's report: each figure as the median of its runs, and the targets."""

import os
import statistics

from .demo_pack import DEMO_DAY
from .generated import PARTS, SMALL_PART
from .measure import PROCESSES
from .workers import parallel_speedup

# The targets of issue 5, item 7.
FULL_TO_SINGLE = 0.65
REBUILD_TO_FULL = 0.15
PEAK_MB = 200


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
        timing("rebuild, a member's own edition added", figures.personal),
        f"      the shared editions and that member's own ({figures.personal_pages} pages)",
        f"  {'peak memory of a worker process':<38} {figures.peak_mb:6.0f} MB  "
        f"(ready, before its first part: {figures.ready_mb:.0f} MB)",
    ]


def generated_lines(figures):
    full, rebuild, single = figures.full, figures.rebuild, figures.single
    sizes = figures.part_pages
    lines = [
        f"(b) Generated pack from {figures.source}: {full[-1].pages} A4 pages, {PARTS} parts of "
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
        timing("merge (pack_assembly.assemble)", [build.merge for build in full]),
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
