"""Rendering the portal's own documents to PDF with WeasyPrint, never touching the network.

WeasyPrint's default fetcher follows any URL (remote stylesheets, images, file:// paths).
Every render here uses `PortalURLFetcher`, which resolves only the portal's static files.
"""

import os
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

# A base URL that can never be fetched: documents refer to static files below it.
BASE_URL = "https://portal.invalid/"
STATIC_PREFIX = f"{BASE_URL}static/"


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


def render_pdf(template, context):
    """Render a template to PDF bytes (its <title> becomes the document's title)."""
    return html_to_pdf(render_to_string(template, context))


def html_to_pdf(html):
    return HTML(string=html, base_url=BASE_URL, url_fetcher=PortalURLFetcher()).write_pdf()
