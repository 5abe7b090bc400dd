"""The PDF's URL fetcher: files inside static/ only; never the network, never another file."""

import http.server
import io
import logging
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from screening.pdf import STATIC, STYLESHEET, StaticOnlyFetcher, URLRefused


@pytest.fixture
def listener():
    """A real HTTP server on localhost that records every request made to it."""
    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_file_inside_static_is_served():
    response = StaticOnlyFetcher().fetch(STYLESHEET.as_uri())
    try:
        assert response.read() == STYLESHEET.read_bytes()
        assert response.content_type == "text/css"
    finally:
        response.close()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://example.com/style.css",
        "ftp://example.com/file",
        "data:text/css,body{color:red}",
        "file:///etc/passwd",
        "file://remote-host/share/file.css",
        (STATIC / "pdf" / ".." / ".." / "pyproject.toml").as_uri(),
        STATIC.as_uri() + "/pdf/%2e%2e/%2e%2e/pyproject.toml",
        STATIC.as_uri() + "/pdf/no-such-file.css",
        STATIC.as_uri(),
    ],
)
def test_every_other_url_is_refused(url):
    with pytest.raises(URLRefused, match="refused"):
        StaticOnlyFetcher().fetch(url)


def test_a_symlink_inside_static_pointing_out_is_refused(tmp_path):
    root = tmp_path / "static"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the PDF")
    (root / "innocent.css").symlink_to(secret)
    (root / "real.css").write_text("p {}")
    fetcher = StaticOnlyFetcher(root)
    with pytest.raises(URLRefused, match="outside the static folder"):
        fetcher.fetch((root / "innocent.css").as_uri())
    assert fetcher.fetch((root / "real.css").as_uri()).read() == b"p {}"


def test_weasyprint_with_the_fetcher_makes_no_request_and_reads_no_other_file(listener, caplog):
    base, requests = listener
    caplog.set_level(logging.WARNING, logger="weasyprint")
    html = f"""<html><head>
      <link rel="stylesheet" href="{base}/remote.css">
      <link rel="stylesheet" href="{Path("/etc/passwd").as_uri()}">
      <style>@import url("{base}/imported.css"); p {{ background: url("{base}/bg.png") }}</style>
      </head><body><p>Hello</p><img src="{base}/pixel.png"><img src="file:///etc/hostname"></body></html>"""
    document = HTML(string=html, url_fetcher=StaticOnlyFetcher()).write_pdf()
    assert requests == []
    refused = [record.getMessage() for record in caplog.records if "refused" in record.getMessage()]
    assert len(refused) >= 5
    assert "Hello" in PdfReader(io.BytesIO(document)).pages[0].extract_text()


def test_the_listener_does_see_requests_without_the_fetcher(listener, caplog):
    # Pins that the test above would notice a request: WeasyPrint's default fetcher does reach it.
    base, requests = listener
    caplog.set_level(logging.ERROR, logger="weasyprint")
    HTML(string=f'<link rel="stylesheet" href="{base}/remote.css"><p>Hi</p>').write_pdf()
    assert requests == ["/remote.css"]
