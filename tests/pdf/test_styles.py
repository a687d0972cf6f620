"""Pseudo-element styles computed when asked for, with the UA's universal pseudo-element
rules out of selector matching (iqa_district/pdf/styles.py), leave every page
pixel-identical: list markers (default, custom ::marker, display: list-item
on a paragraph), footnote calls and markers, tables."""

import subprocess

import pytest
import weasyprint
from weasyprint.css import StyleFor

from iqa_district.pdf import render_pdf, styles

from .tools import pdftotext_pages, require_tool, squash

ITEMS = [f"ข้อเสนอแนะที่ {n} ควรพัฒนาทักษะการคิดวิเคราะห์ของผู้เรียน" for n in range(1, 40)]


def _pages(pdf, tmp_path, name):
    require_tool("pdftoppm")
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "80", "-png", path, tmp_path / name], check=True)
    return sorted(tmp_path.glob(f"{name}-*.png"))


@pytest.fixture
def without_patch(monkeypatch):
    """WeasyPrint's own styling, for comparison."""

    def use_original():
        monkeypatch.setattr(StyleFor, "set_computed_styles", styles._original_set_computed_styles)
        monkeypatch.setattr(StyleFor, "__call__", styles._original_call)
        monkeypatch.setattr(weasyprint.HTML, "_ua_stylesheets", styles._original_ua_stylesheets)

    return use_original


def test_lazy_pseudo_styles_leave_every_page_pixel_identical(
    tmp_path, test_templates, without_patch
):
    from PIL import Image, ImageChops

    context = {"items": ITEMS}
    lazy = render_pdf("pdf_tests/lists.html", context)
    assert StyleFor.__call__ is styles._call  # render_pdf installed the patch
    without_patch()
    eager = render_pdf("pdf_tests/lists.html", context)
    lazy_pages, eager_pages = _pages(lazy, tmp_path, "lazy"), _pages(eager, tmp_path, "eager")
    assert len(lazy_pages) == len(eager_pages) >= 2
    for a, b in zip(lazy_pages, eager_pages, strict=True):
        with Image.open(a) as image_a, Image.open(b) as image_b:
            difference = ImageChops.difference(image_a.convert("RGB"), image_b.convert("RGB"))
            assert difference.getbbox() is None, a.name
    text = squash("".join(pdftotext_pages(lazy)))
    assert squash(ITEMS[0]) in text
    assert "เชิงอรรถของข้อความ๑" in text


def test_only_asked_for_pseudo_styles_are_computed(test_templates):
    computed = []
    original = styles._original_set_computed_styles

    def counting(self, element, parent, root=None, pseudo_type=None, **kwargs):
        computed.append(pseudo_type)
        return original(self, element, parent, root=root, pseudo_type=pseudo_type, **kwargs)

    styles._original_set_computed_styles = counting
    try:
        render_pdf("pdf_tests/lists.html", {"items": ITEMS[:3]})
    finally:
        styles._original_set_computed_styles = original
    # Markers of the list items only (3 + 3 + the list-item paragraph), one footnote
    # call and marker; never one per element of the document.
    assert 0 < computed.count("marker") <= 8
    assert computed.count("footnote-call") == 1
    assert "note-callback" not in computed
