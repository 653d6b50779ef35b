"""Rendering the portal's own documents to PDF with WeasyPrint, never touching the network.

WeasyPrint's default fetcher follows any URL (remote stylesheets, images, file:// paths).
Every render here uses `PortalURLFetcher`, which resolves only the portal's static files.

Documents downloaded on their own are tagged PDF/UA (`tagged=True`): a screen reader follows
their headings and tables, in the language of `<html lang>`, under the title of `<title>`.
Tagging costs 13-26% more time; the pack's generated parts are tagged too, and the pack
grafts their structure trees into its own (meetings.pdf.pack_structure).
"""

import os
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

# A base URL that can never be fetched: documents refer to static files below it.
BASE_URL = "https://portal.invalid/"
STATIC_PREFIX = f"{BASE_URL}static/"
TAGGED_VARIANT = "pdf/ua-1"


class PortalURLFetcher(URLFetcher):
    """Serves `https://portal.invalid/static/<name>` from the static files; refuses the rest."""

    def fetch(self, url, headers=None):
        if not url.startswith(STATIC_PREFIX):
            raise URLFetchingError(f"Refused to fetch {url!r}: documents use only portal files.")
        name = unquote(urlsplit(url).path[len("/static/") :])
        path = finders.find(name) if name and ".." not in name.split("/") else None
        if not path or not os.path.isfile(path):
            raise URLFetchingError(f"No portal file {name!r}.")
        with open(path, "rb") as file:
            return URLFetcherResponse(url, body=file.read())


def render_pdf(template, context, tagged=False):
    """Render a template to PDF bytes (its <title> becomes the document's title)."""
    return html_to_pdf(render_to_string(template, context), tagged=tagged)


def html_to_pdf(html, tagged=False):
    """PDF bytes of an HTML document; `tagged` makes it PDF/UA-1 (structure tree, language,
    title shown by the viewer)."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=PortalURLFetcher())
    return document.write_pdf(pdf_variant=TAGGED_VARIANT if tagged else None)


def css_string(text):
    """`text` as a quoted CSS string that cannot end the string or the <style> element it
    is written into (a board's name is not ours to trust inside a stylesheet)."""
    escaped = "".join(
        char if char.isprintable() and char not in "\\\"'<>&" else f"\\{ord(char):x} "
        for char in text
    )
    return f'"{escaped}"'


def page_footer(text):
    """An @page rule printing `text` and the page number at the foot of every page, for
    templates that leave a `page_footer` slot in their stylesheet (templates/pdf/base.html)."""
    # Safe: every character of `text` has been through css_string.
    return mark_safe(
        "@page { @bottom-center { content: "
        f'{css_string(text)} " – page " counter(page) " of " counter(pages); '
        "font: 8pt sans-serif; color: #4c6272; } }"
    )
