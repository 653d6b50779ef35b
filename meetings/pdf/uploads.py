"""Checking uploaded PDFs by their content, never by their name.

A paper goes to the public and into board packs, so the portal accepts only a complete,
readable, unencrypted PDF without active content, and says exactly why it refuses one.

A small upload can still be huge once opened (a 16 MB file can hold 100,000 pages, or a
stream of zeros that unpacks to gigabytes), so the check counts pages from the page tree,
unpacks one stream at a time against a running total, and stops at a deadline: it never
holds more than one unpacked stream, and a file it cannot finish checking in time is refused.
"""

import hashlib
import io
import re
import time
import zlib
from dataclasses import dataclass

import pikepdf
import pikepdf.settings
from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import filters as pypdf_filters
from pypdf.errors import LimitReachedError, PyPdfError

# Names that make a PDF do things when opened, or carry other files: not for a board paper.
ACTIVE_KEYS = {
    "/JavaScript": "JavaScript",
    "/JS": "JavaScript",
    "/OpenAction": "an action that runs when it is opened",
    "/AA": "actions that run on events",
    "/Launch": "a command that starts a program",
    "/EmbeddedFiles": "embedded files",
    "/EmbeddedFile": "embedded files",
    "/RichMedia": "embedded media",
    "/XFA": "an XFA form",
}
# Actions named by /S that have no key of their own.
ACTIVE_ACTIONS = ACTIVE_KEYS | {
    "/SubmitForm": "a form that sends what is typed into it elsewhere",
    "/ImportData": "a form that reads data from another file",
}
# Links whose address runs a script or opens a file on the reader's own computer.
ACTIVE_LINKS = {
    "javascript:": "a link that runs JavaScript",
    "vbscript:": "a link that runs a script",
    "file:": "a link to a file on the reader's computer",
}
# Markup that makes a browser treat the file as a web page (an HTML and PDF polyglot).
# Tags of four letters or more, so that compressed data matches them only by a tiny chance.
HTML_MARKUP = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|object|embed|meta|style)[\s>/]",
    re.IGNORECASE,
)
IMAGE_CODECS = {"/DCTDecode", "/DCT", "/JPXDecode", "/JBIG2Decode", "/CCITTFaxDecode", "/CCF"}
PYPDF_DECODERS = {
    "/ASCIIHexDecode": pypdf_filters.ASCIIHexDecode,
    "/AHx": pypdf_filters.ASCIIHexDecode,
    "/ASCII85Decode": pypdf_filters.ASCII85Decode,
    "/A85": pypdf_filters.ASCII85Decode,
    "/LZWDecode": pypdf_filters.LZWDecode,
    "/LZW": pypdf_filters.LZWDecode,
    "/RunLengthDecode": pypdf_filters.RunLengthDecode,
    "/RL": pypdf_filters.RunLengthDecode,
}
INFLATE_CHUNK = 1 << 20
CONTAINERS = (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)
# qpdf unpacks object and cross-reference streams itself while it reads a file, before the
# check can count them (a 4 MB file whose object stream unpacks to 1 GB held 1.1 GB): its
# decoders stop at the same allowance. qpdf keeps this bound per process, not per document,
# so every PDF the portal opens (board packs included) is bound by it.
pikepdf.settings.set_qpdf_limits(
    **{
        f"{decoder}_max_memory": settings.PAPER_MAX_UNPACKED_BYTES
        for decoder in ["flate", "run_length", "png", "tiff"]
    }
)
ENCRYPTED = "is protected by a password. Upload a copy without one."


@dataclass(frozen=True)
class CheckedPdf:
    content: bytes
    page_count: int
    sha256: str

    @property
    def size(self):
        return len(self.content)


def megabytes(size):
    return f"{size / 1_000_000:.1f} MB"


class Refused(Exception):
    pass


class TooLarge(Exception):
    """An unpacked stream passed what is left of the allowance."""


@dataclass(frozen=True)
class Limits:
    pages: int
    unpacked_bytes: int
    seconds: float

    @classmethod
    def from_settings(cls):
        return cls(
            settings.PAPER_MAX_PAGES,
            settings.PAPER_MAX_UNPACKED_BYTES,
            settings.PAPER_CHECK_SECONDS,
        )


class Deadline:
    """Asked inside every loop of the check, so a slow file is refused, not waited for."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def check(self):
        if time.monotonic() > self.ends:
            raise Refused(
                f"could not be checked within {self.seconds:g} seconds, the most the portal "
                "allows. Save or print it again as a plain PDF, or split it into smaller files."
            )


def check_pdf(upload, *, field="file") -> CheckedPdf:
    """Read an uploaded file and return its facts, or refuse it saying which check failed.

    Raises ValidationError on `field` for an empty file, one over the size limit, one that
    is not a PDF or is also a web page, a truncated or damaged PDF, an encrypted one, one
    with too many pages or too much packed into it, one with active content, or one that
    cannot be checked within the time allowed.
    """
    name = getattr(upload, "name", None) or "The file"
    limits = Limits.from_settings()
    deadline = Deadline(limits.seconds)
    try:
        content = _read(upload, settings.PAPER_MAX_UPLOAD_BYTES)
        pages = _page_count(content, limits, deadline)
    except Refused as reason:
        raise ValidationError({field: f"{name} {reason}"}) from None
    return CheckedPdf(content, pages, hashlib.sha256(content).hexdigest())


def _read(upload, limit):
    if upload.size is not None and upload.size > limit:
        raise Refused(
            f"is {megabytes(upload.size)}; the largest file allowed is {megabytes(limit)}. "
            "Save it again with smaller images, or split off appendices."
        )
    upload.seek(0)
    content = upload.read(limit + 1)
    if not content:
        raise Refused("is empty. Choose the file again.")
    if len(content) > limit:
        raise Refused(f"is larger than {megabytes(limit)}, the largest file allowed.")
    if not content.startswith(b"%PDF-"):
        raise Refused("is not a PDF, whatever its name says. Save it as PDF and try again.")
    if b"%%EOF" not in content[-2048:]:
        raise Refused("is incomplete: the PDF stops before its end. Upload it again.")
    if HTML_MARKUP.search(content):
        raise Refused(
            "is a web page as well as a PDF (it holds HTML markup), which the portal does not "
            "publish. Save or print it again as a plain PDF."
        )
    return content


def _page_count(content, limits, deadline):
    try:
        # Pushing inherited attributes down to the pages would walk the whole page tree
        # (100,000 pages: 1 s and 220 MB) before a single page is counted.
        with pikepdf.open(io.BytesIO(content), inherit_page_attributes=False) as pdf:
            if pdf.is_encrypted:
                raise Refused(ENCRYPTED)
            pages = _count_pages(pdf, limits.pages, deadline)
            _check_unpacked_size(pdf, limits.unpacked_bytes, deadline)
            found = _active_content(pdf, deadline)
    except pikepdf.PasswordError:
        raise Refused(ENCRYPTED) from None
    except (pikepdf.PdfError, PyPdfError, ValueError, TypeError) as error:
        raise Refused(
            f"is damaged and cannot be read ({_reason(error)}). Save it as PDF again."
        ) from None
    if pages == 0:
        raise Refused("has no pages.")
    if found:
        raise Refused(
            f"contains {', '.join(sorted(found))}, which the portal does not publish. "
            "Save or print it again as a plain PDF."
        )
    return pages


def _reason(error):
    # qpdf names the in-memory stream it read ("stream <_io.BytesIO object at 0x…>: …").
    return (
        re.sub(r"^stream <[^>]*>( \(object \d+ \d+\))?:\s*", "", str(error)) or type(error).__name__
    )


def _too_many_pages(count, limit, *, exact):
    counted = f"{count:,}" if exact else f"more than {limit:,}"
    return Refused(
        f"has {counted} pages; the largest paper allowed has {limit:,}. "
        "Split it into smaller papers or appendices."
    )


def _count_pages(pdf, limit, deadline):
    """The pages of the page tree, counted without loading them, stopping past the limit."""
    tree = pdf.Root.get("/Pages")
    if not isinstance(tree, pikepdf.Dictionary):
        return 0
    claimed = tree.get("/Count")
    if isinstance(claimed, int) and claimed > limit:
        raise _too_many_pages(int(claimed), limit, exact=True)
    count = 0
    visited = set()
    # One iterator per level of the tree, so a list of 100,000 pages is read only as far as
    # the limit.
    waiting = [iter([tree])]
    while waiting:
        deadline.check()
        node = next(waiting[-1], None)
        if node is None:
            waiting.pop()
            continue
        if not isinstance(node, pikepdf.Dictionary):
            continue
        kids = node.get("/Kids")
        if kids is None:
            count += 1
            if count > limit:
                raise _too_many_pages(count, limit, exact=False)
            continue
        if node.is_indirect:
            if node.objgen in visited:
                raise pikepdf.PdfError("its page tree contains itself")
            visited.add(node.objgen)
        if not isinstance(kids, pikepdf.Array):
            raise pikepdf.PdfError("a list of pages is not a list")
        waiting.append(iter(kids))
    return count


def _check_unpacked_size(pdf, limit, deadline):
    """Unpack every stream, one at a time, until their total passes the limit."""
    total = 0
    for obj in pdf.objects:
        deadline.check()
        if isinstance(obj, pikepdf.Stream):
            try:
                total += _unpacked_size(obj, limit - total, deadline)
            except TooLarge:
                total = limit + 1
            if total > limit:
                raise Refused(
                    f"unpacks to more than {megabytes(limit)}; the most a paper may hold "
                    f"once opened is {megabytes(limit)}. Save or print it again as a plain PDF."
                )


def _filter_names(stream):
    chain = stream.get("/Filter")
    if chain is None:
        return []
    names = [chain] if isinstance(chain, pikepdf.Name) else list(chain)
    return [str(name) for name in names]


def _unpacked_size(stream, allowance, deadline):
    """The stream's size once its filters are undone, up to the image codecs.

    Raises TooLarge as soon as the size passes the allowance, having unpacked no more than
    that, so a bomb costs at most the allowance in time and one chunk in memory.
    """
    data = stream.read_raw_bytes()
    chain = _filter_names(stream)
    for position, name in enumerate(chain):
        if name in IMAGE_CODECS:
            break
        last = position == len(chain) - 1 or chain[position + 1] in IMAGE_CODECS
        if name in ("/FlateDecode", "/Fl"):
            size, data = _inflate(data, allowance, deadline, keep=not last)
            if last:
                return size
        elif name in PYPDF_DECODERS:
            # pypdf stops these at its own limit (75 MB) and raises LimitReachedError.
            try:
                data = PYPDF_DECODERS[name].decode(data)
            except LimitReachedError:
                raise TooLarge from None
        else:
            raise pikepdf.PdfError(f"a stream uses an unknown filter {name}")
        if len(data) > allowance:
            raise TooLarge
    return len(data)


def _inflate(data, allowance, deadline, *, keep):
    """Undo Flate chunk by chunk, counting the output and keeping it only if asked."""
    inflater = zlib.decompressobj()
    kept = []
    size = 0
    pending = data
    while pending and not inflater.eof:
        deadline.check()
        try:
            chunk = inflater.decompress(pending, INFLATE_CHUNK)
        except zlib.error:
            # Readers show what unpacks before the damage, as qpdf does: so does the count.
            break
        pending = inflater.unconsumed_tail
        size += len(chunk)
        if size > allowance:
            raise TooLarge
        if keep:
            kept.append(chunk)
    if not inflater.eof:
        try:
            chunk = inflater.flush()
        except zlib.error:
            chunk = b""
        size += len(chunk)
        if size > allowance:
            raise TooLarge
        kept.append(chunk)
    return size, b"".join(kept) if keep else b""


def _active_content(pdf, deadline):
    """What active content any object of the document holds, compressed streams included."""
    found = set()
    for root in [pdf.trailer, *pdf.objects]:
        deadline.check()
        for obj in _nested(root):
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                found |= _active_in(obj)
    return found


def _active_in(dictionary):
    found = set()
    for key, value in dictionary.items():
        if key in ACTIVE_KEYS:
            found.add(ACTIVE_KEYS[key])
        if key == "/S" and isinstance(value, pikepdf.Name) and str(value) in ACTIVE_ACTIONS:
            found.add(ACTIVE_ACTIONS[str(value)])
        if key == "/URI" and isinstance(value, pikepdf.String):
            address = re.sub(rb"[\x00-\x20]", b"", bytes(value)).lower()
            for scheme, says in ACTIVE_LINKS.items():
                if address.startswith(scheme.encode()):
                    found.add(says)
    return found


def _nested(obj):
    # Indirect references are not followed: every numbered object is visited on its own.
    yield obj
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        children = obj.values()
    elif isinstance(obj, pikepdf.Array):
        children = obj
    else:
        return
    for child in children:
        if isinstance(child, CONTAINERS) and not child.is_indirect:
            yield from _nested(child)
