"""Checks for any official PDF, on real output: real poppler tools and real pypdf.

Other apps' tests can use them too:

    from tests.pdf.tools import check_official_pdf
    check_official_pdf(pdf_bytes, "supervision-committee-order", expect_text=["คำสั่ง"])

Under CI (``CI=true``) pdftotext, pdffonts, pdftoppm, pdfinfo and pdfdetach must exist;
elsewhere the checks that need a missing tool skip.
"""

import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import UNDER_CI

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
OFFICIAL_FONTS = {"Sarabun", "Sarabun-Bold", "Sarabun-Italic", "Sarabun-BoldItalic"}


def require_tool(name):
    path = shutil.which(name)
    if path is None:
        if UNDER_CI:
            pytest.fail(f"{name} (poppler-utils) must be installed under CI")
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils)")
    return path


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
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in out.splitlines())
    }


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


def pdffonts(pdf):
    require_tool("pdffonts")
    out = subprocess.run(
        ["pdffonts", "-"], input=pdf, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    rows = out.splitlines()[2:]  # two header lines
    fonts = []
    for row in rows:
        # name, type words..., encoding, emb, sub, uni, object id, generation
        parts = row.split()
        fonts.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return fonts


def embedded_font_names(pdf):
    """Font names without the subset tag (``ABCDEF+``)."""
    return {re.sub(r"^[A-Z]{6}\+", "", font["name"]) for font in pdffonts(pdf)}


def page_png(pdf, name, page=1):
    require_tool("pdftoppm")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf_path = ARTIFACTS / f"{name}.pdf"
    pdf_path.write_bytes(pdf)
    prefix = ARTIFACTS / name
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            pdf_path,
            prefix,
        ],
        check=True,
        timeout=60,
    )
    return prefix.with_suffix(".png")


def dark_fraction(png):
    from PIL import Image

    with Image.open(png) as image:
        gray = image.convert("L")
        histogram = gray.histogram()
        width, height = gray.size
    return sum(histogram[:128]) / (width * height), (width, height)


def check_official_pdf(pdf, artifact_name, *, expect_text=()):
    """What every official PDF must pass: only Sarabun embedded (no fallback font), page 1
    not blank (its PNG kept in test-artifacts/), and each expected text read back intact
    by both `pdftotext -raw` and pypdf."""
    names = embedded_font_names(pdf)
    assert names and names <= OFFICIAL_FONTS, names
    fraction, _ = dark_fraction(page_png(pdf, artifact_name))
    assert 0.002 < fraction < 0.5, fraction
    for pages in (pdftotext_pages(pdf), pypdf_pages(pdf)):
        text = squash("".join(pages))
        for expected in expect_text:
            assert squash(expected) in text, expected
