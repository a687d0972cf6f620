"""Every PDF reader the district's officers meet, each returning the text of each page.

pdftotext (poppler: Evince, Okular, most Linux viewers), pypdf, pdfminer.six (its
default layout analysis and its plain stream order), PyMuPDF (MuPDF: SumatraPDF,
mobile viewers), pypdfium2 (PDFium: Chrome and Edge) and pdf.js (Firefox), the last run
by Node from tests/pdf/js (``npm ci`` there installs the pinned pdfjs-dist).
"""

import io
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import UNDER_CI

from .tools import pdftotext_pages, pypdf_pages, require_tool

PDFJS_DIR = Path(__file__).parent / "js"


def _pdftotext(pdf, *options):
    require_tool("pdftotext")
    out = subprocess.run(
        ["pdftotext", *options, "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode("utf-8")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def pdftotext_default_pages(pdf):
    """`pdftotext` without options: poppler's own reading-order analysis."""
    return _pdftotext(pdf)


def pdfminer_layout_pages(pdf):
    """pdfminer.six's ``extract_text`` with its default layout analysis."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer

    return [
        "".join(box.get_text() for box in page if isinstance(box, LTTextContainer))
        for page in extract_pages(io.BytesIO(pdf), laparams=LAParams())
    ]


def pdfminer_stream_pages(pdf):
    """pdfminer.six without layout analysis: characters in content-stream order."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    resources = PDFResourceManager()
    # No LAParams: the page keeps its characters as drawn, unsorted and ungrouped.
    device = PDFPageAggregator(resources, laparams=None)
    interpreter = PDFPageInterpreter(resources, device)
    pages = []
    for page in PDFPage.get_pages(io.BytesIO(pdf)):
        interpreter.process_page(page)
        layout = device.get_result()
        pages.append("".join(item.get_text() for item in layout if isinstance(item, LTChar)))
    return pages


def pymupdf_pages(pdf):
    import pymupdf

    with pymupdf.open(stream=pdf, filetype="pdf") as document:
        return [page.get_text() for page in document]


def pdfium_pages(pdf):
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            # PDFium marks a hyphen that ends a line with U+0002 (and joins the lines).
            pages.append(textpage.get_text_bounded().replace("\x02", "-"))
            textpage.close()
            page.close()
        return pages
    finally:
        document.close()


def require_pdfjs():
    node = shutil.which("node")
    installed = (PDFJS_DIR / "node_modules" / "pdfjs-dist").is_dir()
    if node and installed:
        return node
    reason = "node is not installed" if not node else "pdfjs-dist is not installed"
    hint = f"{reason} (apt-get install nodejs npm; npm ci --prefix {PDFJS_DIR})"
    if UNDER_CI:
        pytest.fail(f"{hint}: required under CI")
    pytest.skip(hint)


def pdfjs_pages(pdf):
    node = require_pdfjs()
    out = subprocess.run(
        [node, str(PDFJS_DIR / "page-text.mjs")],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout
    pages: list[str] = json.loads(out)
    return pages


READERS: dict[str, Callable[[bytes], list[str]]] = {
    "pdftotext -raw": pdftotext_pages,
    "pdftotext": pdftotext_default_pages,
    "pypdf": pypdf_pages,
    "pdfminer layout": pdfminer_layout_pages,
    "pdfminer stream": pdfminer_stream_pages,
    "PyMuPDF": pymupdf_pages,
    "PDFium": pdfium_pages,
    "pdf.js": pdfjs_pages,
}
