"""Checking uploaded PDFs by their content, never by their name.

A paper goes to the public and into board packs, so the portal accepts only a complete,
readable, unencrypted PDF without active content, and says exactly why it refuses one.
"""

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

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


def check_pdf(upload, *, field="file") -> CheckedPdf:
    """Read an uploaded file and return its facts, or refuse it saying which check failed.

    Raises ValidationError on `field` for an empty file, one over the size limit, one that
    is not a PDF, a truncated or damaged PDF, an encrypted one, or one with active content.
    """
    name = getattr(upload, "name", None) or "The file"
    try:
        content = _read(upload, settings.PAPER_MAX_UPLOAD_BYTES)
        pages = _page_count(content)
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
    return content


def _page_count(content):
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise Refused("is protected by a password. Upload a copy without one.")
        pages = len(reader.pages)
        for page in reader.pages:
            page.get_contents()
        found = _active_content(reader)
    except PyPdfError as error:
        raise Refused(f"is damaged and cannot be read ({error}). Save it as PDF again.") from None
    if pages == 0:
        raise Refused("has no pages.")
    if found:
        raise Refused(
            f"contains {', '.join(sorted(found))}, which the portal does not publish. "
            "Save or print it again as a plain PDF."
        )
    return pages


def _active_content(reader):
    """What active content any object of the document holds, compressed streams included."""
    found = set()
    for obj in _every_object(reader):
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in ACTIVE_KEYS:
                    found.add(ACTIVE_KEYS[key])
                if key == "/S" and isinstance(value, NameObject) and value in ACTIVE_KEYS:
                    found.add(ACTIVE_KEYS[value])
    return found


def _every_object(reader):
    """The trailer and every numbered object, each with the direct objects nested in it."""
    numbers = [(num, gen) for gen, nums in reader.xref.items() for num in nums]
    numbers += [(num, 0) for num in reader.xref_objStm]
    roots = [reader.trailer] + [reader.get_object(IndirectObject(n, g, reader)) for n, g in numbers]
    for root in roots:
        yield from _nested(root)


def _nested(obj):
    # Indirect references are not followed: every numbered object is visited on its own.
    yield obj
    if isinstance(obj, DictionaryObject):
        children = obj.values()
    elif isinstance(obj, ArrayObject):
        children = obj
    else:
        return
    for child in children:
        if not isinstance(child, IndirectObject):
            yield from _nested(child)
