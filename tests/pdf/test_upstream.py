"""What the engine relies on upstream (iqa_district/pdf/upstream.py, internals.py): the
pins are requirements.txt's, the code the engine copies or wraps is the code it was
diffed against, and a wrong WeasyPrint fails at the first PDF, never at import."""

import ast
import hashlib
import importlib
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pydyf
import pytest
import weasyprint
from weasyprint.css import StyleFor

from iqa_district.pdf import internals, render_pdf, styles, upstream

ROOT = Path(__file__).resolve().parents[2]

# The upstream functions the engine copies, wraps or reproduces, by "module:qualified
# name", with a fingerprint of their source in the pinned versions and the engine code
# to re-diff against them when one changes.
FINGERPRINTS = {
    # Copied, with the text layer changed.
    "weasyprint.draw.text:draw_first_line": (
        "df38b8753e86c3ba",
        "textlayer.py: _draw_first_line, a copy with the text layer changed",
    ),
    # Wrapped or replaced.
    "weasyprint.pdf.fonts:Font.clean": ("3db83c9cee49a40f", "textlayer.py: _clean"),
    "weasyprint.pdf.fonts:_build_vector_font_dictionary": (
        "a21fcc622297b791",
        "textlayer.py: _build_vector_font_dictionary, which finds the CID font it adds",
    ),
    "pydyf:PDF.add_object": (
        "7bc9d39f5b5191be",
        "textlayer.py: _build_vector_font_dictionary, which records what it adds",
    ),
    "pydyf:Stream.end_marked_content": (
        "dbbf0d5155a850c8",
        "textlayer.py: _close_actual_text, which ends each line's /ActualText span",
    ),
    "pydyf:Stream.begin_marked_content": (
        "c1203f4f3a23bb2b",
        "textlayer.py: _close_actual_text, which writes what this writes, earlier in the "
        "stream (the operands and BDC, into Stream.stream)",
    ),
    "weasyprint.css:StyleFor.set_computed_styles": (
        "bed68bb994664484",
        "styles.py: _set_computed_styles and _call",
    ),
    "weasyprint.css:StyleFor.__call__": ("a101bba6e9bf492e", "styles.py: _call"),
    "weasyprint:HTML._ua_stylesheets": ("0a7aed806569b6ff", "styles.py: _ua_stylesheets"),
    # Relied on: the patches take effect through them or reproduce what they do.
    "weasyprint.draw.text:draw_text": (
        "d1cfa769e258eb9a",
        "textlayer.py: install, as draw_text calls draw_first_line through its module",
    ),
    "weasyprint.pdf.fonts:build_fonts_dictionary": (
        "934910c919b576e9",
        "textlayer.py: _clean and _build_vector_font_dictionary, called from here, and "
        "the spare codes, written into the ToUnicode CMap here",
    ),
    "weasyprint.pdf.fonts:Font.get_unused_glyph_id": (
        "77ad7a49f8d0a049",
        "textlayer.py: _SPARE_CODE_GAP, above the codes WeasyPrint takes for missing glyphs",
    ),
    "weasyprint.css:StyleFor.__init__": (
        "54051d21f99bb00d",
        "styles.py: _set_computed_styles and _call, which reproduce this cascade (root "
        "first, pseudo-elements last, cascaded styles cleared at the end)",
    ),
    "weasyprint.css:declaration_precedence": ("9486519884aa1c00", "styles.py: _UA_WEIGHT"),
}


def upstream_source(name):
    """The source of an upstream function, read from its module's file: by the time this
    runs the engine may have replaced the function objects with its own."""
    module_name, _, qualname = name.partition(":")
    source = inspect.getsource(importlib.import_module(module_name))
    scope = ast.parse(source).body
    for part in qualname.split("."):
        node = next(
            (
                node
                for node in scope
                if isinstance(node, ast.ClassDef | ast.FunctionDef) and node.name == part
            ),
            None,
        )
        if node is None:
            return None
        scope = node.body
    return ast.get_source_segment(source, node)


def fingerprint(source):
    return hashlib.sha256(source.encode()).hexdigest()[:16]


@pytest.mark.parametrize("name", sorted(FINGERPRINTS))
def test_the_upstream_code_the_engine_copies_or_wraps_is_unchanged(name):
    expected, engine = FINGERPRINTS[name]
    installed = f"WeasyPrint {weasyprint.__version__}, pydyf {pydyf.__version__}"
    todo = (
        f"re-diff it against iqa_district/pdf/{engine}, port what changed, then update its "
        "fingerprint in tests/pdf/test_upstream.py and the pins in requirements.txt and "
        "iqa_district/pdf/upstream.py"
    )
    source = upstream_source(name)
    assert source is not None, f"{name} is gone ({installed}): {todo}."
    assert fingerprint(source) == expected, f"{name} changed ({installed}): {todo}."


def test_the_fingerprints_read_upstream_code_not_the_engines_patches(test_templates):
    render_pdf("pdf_tests/lists.html", {"items": ["ข้อ ๑"]})
    assert StyleFor.__call__ is styles._call
    source = upstream_source("weasyprint.css:StyleFor.__call__")
    assert source.startswith("def __call__(self, element, pseudo_type=None):")
    assert "iqa" not in source
    assert upstream_source("weasyprint.css:StyleFor.no_such_method") is None


def test_the_pins_are_the_ones_in_requirements_txt():
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==(\S+)", requirements, re.M))
    assert {package: pins.get(package) for package in upstream.PINS} == upstream.PINS
    assert upstream.PINS == {
        "weasyprint": upstream.WEASYPRINT_VERSION,
        "pydyf": upstream.PYDYF_VERSION,
    }


def test_every_internal_the_engine_imports_is_listed_for_the_system_check():
    # An import is listed by name, by an attribute of it, or (a module) by its contents.
    listed = {(module, path.partition(".")[0]) for module, path in upstream.INTERNALS}
    listed_modules = {module for module, _ in upstream.INTERNALS}
    tree = ast.parse(Path(internals.__file__).read_text(encoding="utf-8"))
    imported = [
        (node.module, alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and not node.level
        for alias in node.names
    ]
    assert len(imported) > 10
    unlisted = [
        f"{module}.{name}"
        for module, name in imported
        if (module, name) not in listed and f"{module}.{name}" not in listed_modules
    ]
    assert unlisted == [], "add these to upstream.INTERNALS"


def test_another_pydyf_is_refused_too(monkeypatch):
    assert pydyf.__version__ == upstream.PYDYF_VERSION
    monkeypatch.setattr(pydyf, "__version__", "0.14.0")
    with pytest.raises(upstream.UnsupportedWeasyPrint, match="pydyf 0.14.0"):
        upstream.check_version()


def test_a_wrong_weasyprint_fails_at_the_first_pdf_not_at_import():
    """A newer WeasyPrint that moved an internal: the URLconf (which imports the engine)
    still loads, and the first PDF is refused with the reason, not an ImportError."""
    script = """
import weasyprint
import weasyprint.css

weasyprint.__version__ = "71.0"
del weasyprint.css.StyleFor

import django

django.setup()
from django.urls import get_resolver

get_resolver().url_patterns
from iqa_district.pdf import render_pdf
from iqa_district.pdf.upstream import UnsupportedWeasyPrint

try:
    render_pdf("pdf/_specimen.html", {})
except UnsupportedWeasyPrint as error:
    print("refused:", error)
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "iqa_district.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (
        f"refused: iqa_district.pdf patches internals of WeasyPrint {upstream.WEASYPRINT_VERSION}"
        in result.stdout
    )
    assert "but weasyprint 71.0 is installed" in result.stdout
