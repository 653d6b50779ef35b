"""PDFs the portal renders itself: WeasyPrint never leaves the portal's own files."""

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from pypdf import PdfReader
from weasyprint.urls import URLFetchingError

from partners.pdf import STATIC_PREFIX, PortalURLFetcher, html_to_pdf


def test_the_fetcher_refuses_a_remote_url():
    with pytest.raises(URLFetchingError, match="Refused"):
        PortalURLFetcher().fetch("http://169.254.169.254/latest/meta-data/")


def test_the_fetcher_refuses_a_file_path():
    with pytest.raises(URLFetchingError, match="Refused"):
        PortalURLFetcher().fetch("file:///etc/passwd")


def test_the_fetcher_refuses_climbing_out_of_the_static_files():
    with pytest.raises(URLFetchingError):
        PortalURLFetcher().fetch(f"{STATIC_PREFIX}../../../etc/passwd")


def test_the_fetcher_serves_the_portals_own_static_files():
    response = PortalURLFetcher().fetch(f"{STATIC_PREFIX}css/portal.css")
    assert b"NHS.UK frontend" in response.read()


class CountingHandler(BaseHTTPRequestHandler):
    requests = []

    def do_GET(self):
        CountingHandler.requests.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_hostile_document_makes_no_request():
    server = HTTPServer(("127.0.0.1", 0), CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    here = f"http://127.0.0.1:{server.server_port}"
    hostile = (
        f'<link rel="stylesheet" href="{here}/a.css"><style>@import "{here}/b.css";'
        f'body {{ background: url({here}/c.png) }}</style><img src="{here}/d.png">'
        '<link rel="attachment" href="file:///etc/passwd"><p>Hello</p>'
    )
    try:
        pdf = html_to_pdf(hostile)
    finally:
        server.shutdown()
    assert CountingHandler.requests == []
    assert b"root:" not in pdf
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
