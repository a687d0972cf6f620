"""Nothing is fetched from outside: canary payloads in templates and in user text."""

import http.server
import threading
from pathlib import Path

import pytest

from iqa_district.pdf import render_pdf
from iqa_district.pdf.fetcher import FetchRefused, SafeURLFetcher

from .tools import pdftotext_pages, require_tool, squash


class _Recorder(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        self.server.hits.append(self.path)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        body = b"body { color: red }"
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def canary_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_the_canary_server_records_hits(canary_server):
    """The check below can fail: a plain client does reach the server."""
    import urllib.request

    port = canary_server.server_address[1]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/probe", timeout=5) as response:
        assert response.status == 200
    assert canary_server.hits == ["/probe"]


def test_canary_payloads_are_neither_read_nor_contacted(canary_server, test_templates):
    port = canary_server.server_address[1]
    fetcher = SafeURLFetcher()
    payload = '<img src="file:///etc/passwd"><script>alert("x")</script>'
    pdf = render_pdf("pdf_tests/canary.html", {"port": port, "user_text": payload}, fetcher=fetcher)
    assert canary_server.hits == []
    refused = " ".join(fetcher.refused)
    for url in (
        "file:///etc/passwd",
        f"http://127.0.0.1:{port}/style.css",
        f"http://127.0.0.1:{port}/import.css",
        f"http://127.0.0.1:{port}/image.png",
        f"http://localhost:{port}/loopback.png",
        f"http://127.0.0.1:{port}/redirect",
    ):
        assert url in refused
    assert not [url for url in fetcher.served if not url.startswith("static:fonts/")]
    passwd = Path("/etc/passwd").read_bytes()[:30]
    assert passwd not in pdf
    for marker in (b"/EmbeddedFile", b"/FileAttachment", b"/EmbeddedFiles", b"/JavaScript"):
        assert marker not in pdf
    # User text is escaped: the markup shows as text, nothing is drawn or run.
    text = squash("".join(pdftotext_pages(pdf)))
    assert squash(f"ข้อความของผู้ใช้: {payload}") in text


def test_no_attachment_is_embedded(canary_server, test_templates, tmp_path):
    import subprocess

    require_tool("pdfdetach")
    path = tmp_path / "canary.pdf"
    path.write_bytes(render_pdf("pdf_tests/canary.html", {"port": canary_server.server_address[1]}))
    out = subprocess.run(["pdfdetach", "-list", path], capture_output=True, check=True)
    assert out.stdout.decode().startswith("0 embedded files")
    assert canary_server.hits == []


def test_user_text_in_official_templates_is_escaped(test_templates):
    pdf = render_pdf(
        "pdf_tests/order.html",
        {
            "office": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง เขต ๑",
            "number": 511,
            "year_be": 2565,
            "subject": "<script>alert(1)</script> แต่งตั้งคณะกรรมการ",
            "member": '<img src="file:///etc/passwd">นายสมชาย',
        },
    )
    text = squash("".join(pdftotext_pages(pdf)))
    assert squash("เรื่อง <script>alert(1)</script> แต่งตั้งคณะกรรมการ") in text
    assert squash('๑. <img src="file:///etc/passwd">นายสมชาย') in text


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1/",
        "https://example.org/x.css",
        "data:text/css,body{}",
        "ftp://127.0.0.1/x",
        "static:../../../../etc/passwd",
        "static:%2e%2e/%2e%2e/etc/passwd",
        "static:/etc/passwd",
        "static:..\\..\\etc\\passwd",
        "static:js/app.js",  # a static file, but not a font, stylesheet or image
        "static:fonts/no-such-font.ttf",
        "media:../../etc/passwd",
        "media:reports/not-allowed.png",
    ],
)
def test_the_fetcher_refuses(url):
    fetcher = SafeURLFetcher()
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_the_fetcher_serves_static_fonts_and_explicitly_allowed_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "reports").mkdir()
    logo = tmp_path / "reports" / "logo.png"
    logo.write_bytes(b"\x89PNG fake")
    other = tmp_path / "reports" / "other.png"
    other.write_bytes(b"\x89PNG other")

    fetcher = SafeURLFetcher(allowed_media=[logo])
    font = fetcher.fetch("static:fonts/Sarabun-Regular.ttf")
    assert font.headers["Content-Type"] == "font/ttf"
    assert fetcher.fetch("media:reports/logo.png").read() == b"\x89PNG fake"
    with pytest.raises(FetchRefused):
        fetcher.fetch("media:reports/other.png")
    with pytest.raises(FetchRefused):
        fetcher.fetch(f"file://{logo}")
