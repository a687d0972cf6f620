"""Sarabun regular and bold are embedded, and no other font (no fallback) is."""

import logging
import re
import subprocess
from pathlib import Path

import pytest

from iqa_district.pdf import render_pdf
from iqa_district.pdf.specimen import specimen_context

from .tools import pdffonts, require_tool

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
FONTS = ROOT / "static" / "fonts"


def test_only_sarabun_regular_and_bold_are_embedded():
    # The specimen has a cover, running header, page numbers in the margin boxes,
    # tables, bold, a signature block and check boxes: every place a fallback font
    # could slip in.
    pdf = render_pdf("pdf/_specimen.html", specimen_context(sections=1))
    fonts = pdffonts(pdf)
    names = {re.sub(r"^[A-Z]{6}\+", "", font["name"]) for font in fonts}
    assert names == {"Sarabun", "Sarabun-Bold"}, fonts
    for font in fonts:
        assert font["emb"] == "yes" and font["sub"] == "yes" and font["uni"] == "yes", font


def test_page_numbers_alone_use_sarabun(test_templates):
    """The margin boxes are styled on their own (they do not inherit from <html>)."""
    pdf = render_pdf("pdf_tests/rows.html", {"rows": range(1, 3)})
    names = {re.sub(r"^[A-Z]{6}\+", "", font["name"]) for font in pdffonts(pdf)}
    assert names <= {"Sarabun", "Sarabun-Bold"}


def test_a_fallback_font_is_reported(test_templates, monkeypatch):
    """User text with a character Sarabun lacks draws in a system font: it is logged, and
    pdffonts shows it, so the test above can fail."""
    require_tool("fc-list")
    covering = subprocess.run(["fc-list", ":charset=2713"], capture_output=True, check=True)
    if not covering.stdout.strip():
        pytest.skip("no system font has U+2713, so nothing can fall back")
    # Listen on the engine's own logger: another test's logging set-up (Celery, Django)
    # may have changed the root logger that caplog relies on.
    records = []
    handler = logging.Handler(level=logging.WARNING)
    handler.emit = records.append
    engine_logger = logging.getLogger("iqa_district.pdf.render")
    monkeypatch.setattr(engine_logger, "disabled", False)
    monkeypatch.setattr(engine_logger, "level", engine_logger.level)  # restored afterwards
    engine_logger.setLevel(logging.WARNING)  # setLevel also clears the logger's cache
    engine_logger.addHandler(handler)
    try:
        pdf = render_pdf("pdf_tests/syllables.html", {"text": "ผ่าน ✓ ☐"})
    finally:
        engine_logger.removeHandler(handler)
    assert any("used fallback fonts" in r.getMessage() for r in records)
    names = {re.sub(r"^[A-Z]{6}\+", "", font["name"]) for font in pdffonts(pdf)}
    assert names - {"Sarabun", "Sarabun-Bold", "Sarabun-Italic"}


def characters_missing_from_sarabun(text):
    from fontTools.ttLib import TTFont

    cmap = TTFont(FONTS / "Sarabun-Regular.ttf").getBestCmap()
    text = re.sub(r"{% comment %}.*?{% endcomment %}|{#.*?#}", "", text, flags=re.DOTALL)
    return sorted({c for c in text if not c.isspace() and ord(c) not in cmap})


def test_every_pdf_template_uses_only_characters_sarabun_has():
    """A ✓ or ☐ typed into any PDF template (templates/pdf/, templates/<app>/pdf/) would
    pull in a fallback font."""
    missing = {
        str(path.relative_to(TEMPLATES)): chars
        for path in sorted(TEMPLATES.rglob("*.html"))
        if "pdf" in path.relative_to(TEMPLATES).parts
        if (chars := characters_missing_from_sarabun(path.read_text(encoding="utf-8")))
    }
    assert missing == {}


def test_the_character_check_can_fail():
    assert characters_missing_from_sarabun("ผ่าน ✓ {# ☐ #}") == ["✓"]
