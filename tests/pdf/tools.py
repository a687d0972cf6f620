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
import unicodedata
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


def check_official_pdf(pdf, artifact_name, *, expect_text=(), allowed_digits=()):
    """What every official PDF must pass: only Sarabun embedded (no fallback font), page 1
    not blank (its PNG kept in test-artifacts/), each expected text read back intact by
    both `pdftotext -raw` and pypdf, the layout of ``layout_problems`` (margins, cells)
    and Thai numerals only (``arabic_digits``; ``allowed_digits`` are the strings that
    must stay as stored)."""
    names = embedded_font_names(pdf)
    assert names and names <= OFFICIAL_FONTS, names
    fraction, _ = dark_fraction(page_png(pdf, artifact_name))
    assert 0.002 < fraction < 0.5, fraction
    for pages in (pdftotext_pages(pdf), pypdf_pages(pdf)):
        text = squash("".join(pages))
        for expected in expect_text:
            assert squash(expected) in text, expected
    problems = layout_problems(pdf)
    assert not problems, "\n".join(problems)
    digits = arabic_digits(pdf, allowed=allowed_digits)
    assert not digits, "Arabic digits:\n" + "\n".join(digits)


# --- Layout and numerals (issue 12 items 4, 5, 7), on pdfplumber's boxes ---------------
# A4 margins of every official document (domain.md §9.2): 3 cm left, 2 cm right.
CM = 72 / 2.54
LEFT_MARGIN = 3 * CM
RIGHT_MARGIN = 2 * CM
# Half a border's width plus rounding: a 0.5 pt border drawn on the content edge.
EDGE_TOLERANCE = 0.6
# A glyph's advance box may touch a border; it may not reach this far across it.
CROSS_TOLERANCE = 0.8

# A number as printed: "2567", "45.75", "1,234", "16/12".
ARABIC_NUMBER = re.compile(r"[0-9]+(?:[.,:/][0-9]+)*")


def _spacing_glyphs(page):
    """Glyphs that take room on the line: Thai marks sit on their base (the text layer
    gives them a nominal width the next kern takes back), spaces draw nothing."""
    return [
        c for c in page.chars if c["width"] > 0.5 and c["text"].strip() and not _is_mark(c["text"])
    ]


def _borders(page):
    """Table borders as vertical and horizontal segments: WeasyPrint strokes each cell's
    border as a black line; thin black filled rectangles count as lines too (a chart's
    coloured bars do not)."""
    vertical, horizontal = [], []
    shapes = [
        *(line for line in page.lines if _black(line["stroking_color"])),
        *(
            rect
            for rect in page.rects
            if min(rect["width"], rect["height"]) < 1.5 and _black(rect["non_stroking_color"])
        ),
    ]
    for shape in shapes:
        if shape["width"] < 1.5 and shape["height"] > 1.5:
            vertical.append(((shape["x0"] + shape["x1"]) / 2, shape["top"], shape["bottom"]))
        elif shape["height"] < 1.5 and shape["width"] > 1.5:
            horizontal.append(((shape["top"] + shape["bottom"]) / 2, shape["x0"], shape["x1"]))
    return vertical, horizontal


def _black(color):
    values = color if isinstance(color, tuple | list) else (color,)
    return all(value == 0 for value in values[:3])


def _where(glyph):
    return (
        f"page {glyph['page_number']} {glyph['text']!r} at x={glyph['x0']:.1f} y={glyph['top']:.1f}"
    )


def layout_problems(pdf):
    """Everything that breaks the official layout, one line each (empty when all is well):

    - a glyph in the left (3 cm) or right (2 cm) margin, or a table border there;
    - a page whose table borders do not start and end exactly at those margins;
    - a glyph crossing a table border (text overflowing its cell, a heading past its box);
    - two glyphs drawn over each other on one line (figures of neighbouring cells).
    """
    import pdfplumber

    problems = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            left, right = LEFT_MARGIN, float(page.width) - RIGHT_MARGIN
            glyphs = _spacing_glyphs(page)
            problems.extend(
                f"{_where(glyph)}: in the margin"
                for glyph in glyphs
                if glyph["x0"] < left - EDGE_TOLERANCE or glyph["x1"] > right + EDGE_TOLERANCE
            )
            vertical, horizontal = _borders(page)
            xs = [x for x, _top, _bottom in vertical] + [
                x for _y, x0, x1 in horizontal for x in (x0, x1)
            ]
            if xs:
                low, high = min(xs), max(xs)
                if abs(low - left) > EDGE_TOLERANCE or abs(high - right) > EDGE_TOLERANCE:
                    problems.append(
                        f"page {page.page_number}: tables span {low / CM:.2f}–"
                        f"{(float(page.width) - high) / CM:.2f} cm from the edges, "
                        "not 3 cm left / 2 cm right"
                    )
            for glyph in glyphs:
                middle_top = glyph["top"] + 0.3 * glyph["height"]
                middle_bottom = glyph["bottom"] - 0.3 * glyph["height"]
                for x, top, bottom in vertical:
                    if (
                        top < middle_bottom
                        and bottom > middle_top
                        and glyph["x0"] + CROSS_TOLERANCE < x < glyph["x1"] - CROSS_TOLERANCE
                    ):
                        problems.append(f"{_where(glyph)}: crosses a cell border")
                        break
                else:
                    for y, x0, x1 in horizontal:
                        if x0 < glyph["x1"] and x1 > glyph["x0"] and middle_top < y < middle_bottom:
                            problems.append(f"{_where(glyph)}: crosses a row border")
                            break
            problems += _overprinted(glyphs)
    return problems


def _is_mark(text):
    """Thai vowel and tone marks (and zero-width characters) sit over or under their base
    glyph by design: the text layer reads each as its own character, so each has a box."""
    return bool(text) and all(unicodedata.category(c) in {"Mn", "Me", "Cf"} for c in text)


def _overprinted(glyphs):
    """Glyphs on one baseline whose advance boxes overlap by more than a third."""
    problems = []
    lines = {}
    for glyph in glyphs:
        if _is_mark(glyph["text"]):
            continue
        lines.setdefault(round(glyph["bottom"]), []).append(glyph)
    for line in lines.values():
        line.sort(key=lambda g: g["x0"])
        for before, after in zip(line, line[1:], strict=False):
            overlap = before["x1"] - after["x0"]
            if overlap > min(before["width"], after["width"]) / 3:
                problems.append(f"{_where(after)}: drawn over {before['text']!r}")
    return problems


def arabic_digits(pdf, *, allowed=()):
    """The lines with Arabic digits the PDF prints (pdfplumber's text of each page),
    ignoring the numbers in ``allowed`` (e.g. "1050130001", "45.75": what must stay as
    stored, such as a code quoted verbatim)."""
    import pdfplumber

    allowed = set(allowed)
    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            text = page.extract_text() or ""
            found.extend(
                f"page {page.page_number}: {line.strip()}"
                for line in text.splitlines()
                if set(ARABIC_NUMBER.findall(line)) - allowed
            )
    return found
