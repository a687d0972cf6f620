"""The PDF engine's system check (iqa_district/pdf/checks.py): `manage.py check` fails,
saying what it found, what the engine expects and what to do, when WeasyPrint, pydyf or
Pango is not what the engine was written for; it passes on the real installation."""

import io
import re
import sys
import types

import pydyf
import pytest
import weasyprint
import weasyprint.html
import weasyprint.pdf.fonts
import weasyprint.text.ffi
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from weasyprint.css import StyleFor

from iqa_district.pdf.checks import check_pdf_engine
from iqa_district.pdf.upstream import PYDYF_VERSION, WEASYPRINT_VERSION


def failing_check():
    """The output of a `manage.py check` that must fail."""
    with pytest.raises(SystemCheckError) as raised:
        call_command("check", stdout=io.StringIO())
    return str(raised.value)


def test_the_real_installation_passes():
    assert check_pdf_engine() == []
    output = io.StringIO()
    call_command("check", stdout=output)
    assert "no issues" in output.getvalue()


def test_another_weasyprint_fails_the_check(monkeypatch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    output = failing_check()
    assert "(iqa_district.pdf.E001) WeasyPrint 71.0 is installed" in output
    assert f"written against WeasyPrint {WEASYPRINT_VERSION}" in output
    assert "HINT: iqa_district/pdf copies and patches WeasyPrint internals: re-diff" in output
    assert "update the pins in requirements.txt and iqa_district/pdf/upstream.py" in output


def test_another_pydyf_fails_the_check(monkeypatch):
    monkeypatch.setattr(pydyf, "__version__", "0.14.0")
    output = failing_check()
    assert "(iqa_district.pdf.E002) pydyf 0.14.0 is installed" in output
    assert f"written against pydyf {PYDYF_VERSION}" in output
    assert "re-diff" in output


@pytest.mark.parametrize(
    "owner, attribute, name",
    [
        (
            weasyprint.pdf.fonts,
            "_build_vector_font_dictionary",
            "weasyprint.pdf.fonts._build_vector_font_dictionary",
        ),
        (StyleFor, "set_computed_styles", "weasyprint.css.StyleFor.set_computed_styles"),
        (pydyf.PDF, "add_object", "pydyf.PDF.add_object"),
    ],
)
def test_a_missing_internal_fails_the_check(monkeypatch, owner, attribute, name):
    monkeypatch.delattr(owner, attribute)
    output = failing_check()
    assert f"(iqa_district.pdf.E004) {name} is missing from" in output
    assert "the PDF engine imports, copies or patches it" in output
    assert "re-diff" in output


def test_a_missing_ua_rule_fails_the_check(monkeypatch):
    rule = re.compile(r"^::footnote-call \{[^}]*\}\n", re.M)
    assert rule.search(weasyprint.html.UA)
    monkeypatch.setattr(weasyprint.html, "UA", rule.sub("", weasyprint.html.UA))
    output = failing_check()
    assert "(iqa_district.pdf.E005) WeasyPrint's user-agent stylesheet" in output
    assert "no universal ::footnote-call rule" in output
    assert "Re-check iqa_district/pdf/styles.py" in output
    assert "::marker" not in output


def test_an_old_pango_fails_the_check(monkeypatch):
    monkeypatch.setattr(
        weasyprint.text.ffi, "pango", types.SimpleNamespace(pango_version=lambda: 14205)
    )
    output = failing_check()
    assert "(iqa_district.pdf.E003) WeasyPrint loaded Pango 1.42.5" in output
    assert "needs Pango 1.44.0 or later" in output


def test_a_weasyprint_that_cannot_be_imported_fails_the_check(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    output = failing_check()
    assert "(iqa_district.pdf.E006) The PDF engine cannot import WeasyPrint" in output
    assert "Pango, HarfBuzz, fontconfig" in output
