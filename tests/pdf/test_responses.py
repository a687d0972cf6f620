"""Inline view and download responses with a safe Thai file name."""

import re
from urllib.parse import unquote

import pytest

from iqa_district.pdf import pdf_response
from iqa_district.pdf.render import safe_filename

PDF = b"%PDF-1.7 test"


def disposition_parts(response):
    value = response["Content-Disposition"]
    kind = value.split(";", 1)[0]
    fallback = re.search(r'filename="([^"]*)"', value).group(1)
    encoded = re.search(r"filename\*=UTF-8''(\S+)", value).group(1)
    return kind, fallback, encoded


def test_inline_response_with_a_thai_name():
    response = pdf_response(PDF, "แบบ ๗.๒ โรงเรียนบ้านหนองไผ่.pdf")
    kind, fallback, encoded = disposition_parts(response)
    assert kind == "inline"
    assert unquote(encoded) == "แบบ ๗.๒ โรงเรียนบ้านหนองไผ่.pdf"
    assert re.fullmatch(r"[A-Za-z0-9%._~-]+", encoded)  # RFC 5987: only attr-chars
    assert fallback == "document.pdf"
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(PDF))
    assert response.content == PDF


def test_download_response():
    response = pdf_response(PDF, "SAR 2567 โรงเรียน.pdf", inline=False)
    kind, fallback, encoded = disposition_parts(response)
    assert kind == "attachment"
    assert fallback == "SAR 2567.pdf"
    assert unquote(encoded) == "SAR 2567 โรงเรียน.pdf"


@pytest.mark.parametrize(
    "name",
    [
        'รายงาน/ปี "2567"\\สพป.เชียงใหม่',
        "../../etc/passwd",
        'คำสั่ง ที่ ๕๑๑/๒๕๖๕; filename="evil.exe"',
        "รายงาน\r\nSet-Cookie: a=b",
        "",
    ],
)
def test_unsafe_names_are_made_safe(name):
    response = pdf_response(PDF, name, inline=False)
    header = response["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    _, fallback, encoded = disposition_parts(response)
    decoded = unquote(encoded)
    for bad in '/\\";\r\n':
        assert bad not in decoded and bad not in fallback
    assert decoded.endswith(".pdf") and fallback.endswith(".pdf")
    assert not decoded.startswith(".")
    assert header.count('; filename="') == 1 and header.count("; filename*=") == 1
    assert re.fullmatch(r"[A-Za-z0-9 ._()-]+", fallback)


def test_safe_filename_keeps_the_thai_text():
    assert safe_filename('รายงาน/ปี "2567"') == "รายงาน_ปี _2567.pdf"
    assert safe_filename("แบบ ๗.๑") == "แบบ ๗.๑.pdf"
    assert safe_filename("") == "document.pdf"
    assert len(safe_filename("ก" * 400)) <= 150
