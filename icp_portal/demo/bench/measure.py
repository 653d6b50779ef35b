"""Measuring the bench: peak and current memory of a process, waiting, and the work done in
the render processes.

Peak memory is the kernel's high-water mark of the process's resident set (VmHWM in
/proc/<pid>/status). `getrusage().ru_maxrss` cannot be used for spawned processes: Linux
carries the parent's peak across the exec that starts them, so each would report at least
this process's size.
"""

import os
import resource
import sys
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from meetings.pdf import pack_assembly, pack_parts
from partners.pdf import html_to_pdf

PROCESSES = 2
WARM_UP_HTML = "<!DOCTYPE html><html lang='en-GB'><body><p>Warm-up {}</p></body></html>"
BUILD_SECONDS = 600


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
    return Rendered(True, seconds, os.getpid(), peak_mb_of(), pack_assembly.page_count(pdf))


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
