"""One print engine: no module outside iqa_district/pdf builds a PDF its own way."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "iqa_district" / "pdf"
SKIP_DIRS = {".venv", "node_modules", "staticfiles", "media", ".git", "test-artifacts"}
DIRECT_USE = re.compile(r"^\s*(import weasyprint|from weasyprint\b)", re.MULTILINE)


def project_python_files():
    for path in ROOT.rglob("*.py"):
        parts = set(path.relative_to(ROOT).parts)
        if parts & SKIP_DIRS or ENGINE in path.parents or path.parent == Path(__file__).parent:
            continue
        yield path


def test_only_the_engine_imports_weasyprint():
    offenders = [
        str(path.relative_to(ROOT))
        for path in project_python_files()
        if DIRECT_USE.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == [], "use iqa_district.pdf.render_pdf instead of WeasyPrint: " + ", ".join(
        offenders
    )


def test_the_scan_finds_a_direct_use():
    """The check can fail."""
    sample = "def build():\n    from weasyprint import HTML\n"
    assert DIRECT_USE.search(sample)
    assert not DIRECT_USE.search("from iqa_district.pdf import render_pdf\n")
