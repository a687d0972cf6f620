"""Helpers for the PDF engine tests: real poppler tools and pypdf on real WeasyPrint output.

Under CI (``CI=true``) pdftotext, pdffonts, pdftoppm, pdfinfo and pdfdetach must exist;
elsewhere the tests that need a missing tool skip.
"""

import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import UNDER_CI

TEST_TEMPLATES = Path(__file__).parent / "templates"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def require_tool(name):
    path = shutil.which(name)
    if path is None:
        if UNDER_CI:
            pytest.fail(f"{name} (poppler-utils) must be installed under CI")
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils)")
    return path


@pytest.fixture
def test_templates(settings):
    """Let render_pdf find the canary and layout templates of these tests."""
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEST_TEMPLATES]
    settings.TEMPLATES = templates


def _run(args, pdf_bytes):
    return subprocess.run(
        args, input=pdf_bytes, capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")


def pdftotext_pages(pdf_bytes):
    """The text of each page as `pdftotext -raw` extracts it."""
    require_tool("pdftotext")
    text = _run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], pdf_bytes)
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def pypdf_pages(pdf_bytes):
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages]


def pdfinfo(pdf_bytes):
    require_tool("pdfinfo")
    out = _run(["pdfinfo", "-enc", "UTF-8", "-"], pdf_bytes)
    return dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in out.splitlines())
    )


def squash(text):
    """Text without any whitespace (spaces and line breaks are layout, not content)."""
    return re.sub(r"\s+", "", text)


class _VisibleText(HTMLParser):
    """The text a reader sees in <body>, minus running header/footer elements."""

    SKIP = {"style", "script", "title", "head"}

    def __init__(self):
        super().__init__()
        self.parts = []
        self._skip_depth = 0
        self._stack = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "meta", "link", "input"):
            return
        classes = (dict(attrs).get("class") or "").split()
        skip = tag in self.SKIP or "pdf-header" in classes or "pdf-footer" in classes
        self._stack.append(skip)
        if skip:
            self._skip_depth += 1

    def handle_endtag(self, tag):
        if tag in ("br", "img", "meta", "link", "input") or not self._stack:
            return
        if self._stack.pop():
            self._skip_depth -= 1

    def handle_data(self, data):
        if not self._skip_depth:
            self.parts.append(data)


def visible_text(html):
    parser = _VisibleText()
    parser.feed(html)
    return "".join(parser.parts)
