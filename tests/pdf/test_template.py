"""The official print base: A4, margins 3 cm / 2 cm, Sarabun 16 pt, Thai page numbers,
cover pages, repeated table headers, rows that never split, signature blocks, orders."""

import datetime
import io
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from iqa_district.pdf import render_pdf
from iqa_district.pdf.specimen import specimen_context

from .tools import pdfinfo, pdftotext_pages, require_tool, squash

CM = 72 / 2.54


def words_with_boxes(pdf):
    """[(page number, word, xMin, yMin, xMax, yMax)] from `pdftotext -bbox`."""
    require_tool("pdftotext")
    out = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    html = re.sub(r"<!DOCTYPE[^>]*>", "", out)
    root = ET.fromstring(html.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))  # noqa: S314 (our own pdftotext output)
    words = []
    for number, page in enumerate(root.iter("page"), start=1):
        for word in page.iter("word"):
            box = [float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            words.append((number, word.text, *box))
    return words


@pytest.fixture
def rows_pdf(test_templates):
    return render_pdf("pdf_tests/rows.html", {"rows": range(1, 41)})


def test_a4_with_official_margins_and_sarabun_16pt(rows_pdf):
    info = pdfinfo(rows_pdf)
    assert info["Page size"].startswith("595.276 x 841.89 pts (A4)")
    words = words_with_boxes(rows_pdf)
    first_page = [w for w in words if w[0] == 1]
    left = min(w[2] for w in first_page if w[1] == "ชิดซ้าย")
    assert abs(left - 3 * CM) < 2, left  # 3 cm left margin
    right = max(w[4] for w in first_page)
    assert 595.276 - 2 * CM - 3 < right <= 595.276 - 2 * CM + 0.5, right  # 2 cm right
    content = PdfReader(io.BytesIO(rows_pdf)).pages[0].get_contents().get_data()
    # WeasyPrint draws in CSS px under a 0.75 matrix: 16 pt = 21.333 px, 12 pt = 16 px.
    assert b"0.75 0 0 0.75 0 0 cm" in content
    assert re.search(rb"/\w+ 21\.333\d* Tf", content)  # body text, 16 pt
    assert re.search(rb"/\w+ 16 Tf", content)  # page number, 12 pt


def test_every_page_is_numbered_in_thai_numerals(rows_pdf):
    pages = pdftotext_pages(rows_pdf)
    assert len(pages) >= 3
    thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    for number, text in enumerate(pages, start=1):
        expected = f"หน้า {str(number).translate(thai)} จาก {str(len(pages)).translate(thai)}"
        assert expected in text


def test_arabic_page_numbers_on_request(test_templates):
    pdf = render_pdf("pdf_tests/rows.html", {"rows": range(1, 3), "numerals": "arabic"})
    assert "หน้า 1 จาก 1" in pdftotext_pages(pdf)[0]


def test_table_headers_repeat_and_rows_never_split(rows_pdf):
    pages = pdftotext_pages(rows_pdf)
    for text in pages:
        assert "ลำดับ" in text and "รายการ" in text
    for n in range(1, 41):
        start = [i for i, text in enumerate(pages) if f"เริ่มแถว{n}\n" in text]
        end = [i for i, text in enumerate(pages) if f"จบแถว{n}\n" in text]
        assert start and start == end, n


def test_cover_page_has_no_header_or_page_number():
    pdf = render_pdf("pdf/_specimen.html", specimen_context(sections=1))
    pages = pdftotext_pages(pdf)
    assert "รายงานผลการนิเทศ ติดตาม" in pages[0]
    assert "หน้า" not in pages[0] and "แบบ ๗.๓" not in pages[0]
    assert "หน้า ๒ จาก" in pages[1] and "แบบ ๗.๓ รายงานผลการนิเทศ" in pages[1]


def test_signature_block_with_name_position_and_buddhist_era_date():
    pdf = render_pdf(
        "pdf/_specimen.html",
        specimen_context(sections=1, signed_on=datetime.date(2024, 12, 16)),
    )
    text = pdftotext_pages(pdf)[-1]
    assert re.search(r"ลงชื่อ \.{10,} ผู้รายงาน\n", text)
    assert "( นางสาวสมใจ ใจดี )" in text
    assert "ตำแหน่ง ศึกษานิเทศก์ชำนาญการพิเศษ" in text
    assert "วันที่ ๑๖ ธันวาคม พ.ศ. ๒๕๖๗" in text


def test_blank_signature_block_leaves_lines_to_fill_in():
    html = render_to_string("pdf/_signature.html", {"show_date": True})
    assert "ลงชื่อ" in html and "ตำแหน่ง ...." in html and "วันที่ ........ /" in html
    html = render_to_string("pdf/_signature.html", {"name": "<b>นายก</b>", "position": "ผู้อำนวยการ"})
    assert "&lt;b&gt;นายก&lt;/b&gt;" in html and "ตำแหน่ง ผู้อำนวยการ" in html


def test_order_template(test_templates):
    pdf = render_pdf(
        "pdf_tests/order.html",
        {
            "office": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง เขต ๑",
            "number": 511,
            "year_be": 2565,
            "subject": "แต่งตั้งคณะกรรมการนิเทศ ติดตาม",
            "given_on": datetime.date(2022, 12, 16),
            "member": "นายสมชาย ตัวอย่าง",
            "signer_name": "นายผู้อำนวยการ ตัวอย่าง",
            "signer_position": "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง เขต ๑",
        },
        metadata={"title": "คำสั่งที่ ๕๑๑/๒๕๖๕"},
    )
    text = pdftotext_pages(pdf)[0]
    for expected in (
        "คำสั่งสำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง เขต ๑",
        "ที่ ๕๑๑/๒๕๖๕",
        "เรื่อง แต่งตั้งคณะกรรมการนิเทศ ติดตาม",
        "๑. นายสมชาย ตัวอย่าง ประธานกรรมการ",
        "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป",
        "สั่ง ณ วันที่ ๑๖ ธันวาคม พ.ศ. ๒๕๖๕",
        "( นายผู้อำนวยการ ตัวอย่าง )",
    ):
        assert squash(expected) in squash(text), expected
    assert "ลงชื่อ" not in text  # an order is signed without the "ลงชื่อ" line
    assert pdfinfo(pdf)["Title"] == "คำสั่งที่ ๕๑๑/๒๕๖๕"


def test_document_metadata():
    pdf = render_pdf(
        "pdf/_specimen.html",
        specimen_context(),
        metadata={
            "title": "รายงานผลการนิเทศ ปีการศึกษา ๒๕๖๗",
            "author": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาเชียงใหม่ เขต ๑",
            "subject": "การประกันคุณภาพภายใน",
            "keywords": ["ประกันคุณภาพ", "SAR"],
        },
    )
    info = pdfinfo(pdf)
    assert info["Title"] == "รายงานผลการนิเทศ ปีการศึกษา ๒๕๖๗"
    assert info["Author"] == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาเชียงใหม่ เขต ๑"
    assert info["Subject"] == "การประกันคุณภาพภายใน"
    assert "ประกันคุณภาพ" in info["Keywords"]
    assert info["Creator"] == "IQA District"


def test_unknown_metadata_is_an_error():
    with pytest.raises(ValueError):
        render_pdf("pdf/_specimen.html", specimen_context(), metadata={"titel": "x"})


def test_memo_template(test_templates):
    pdf = render_pdf(
        "pdf_tests/memo.html",
        {
            "unit": "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา",
            "number": "ศธ 04091/123",
            "dated": datetime.date(2024, 12, 16),
            "subject": "การส่งรายงานผลการประเมินตนเอง",
            "to": "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา",
            "signer_name": "นางสาวสมใจ ใจดี",
            "signer_position": "ศึกษานิเทศก์",
        },
    )
    text = squash(pdftotext_pages(pdf)[0])
    for expected in (
        "บันทึกข้อความ",
        "ส่วนราชการ กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา",
        "ที่ ศธ ๐๔๐๙๑/๑๒๓",
        "วันที่ ๑๖ ธันวาคม พ.ศ. ๒๕๖๗",
        "เรื่อง การส่งรายงานผลการประเมินตนเอง",
        "เรียน ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา",
        "จึงเรียนมาเพื่อโปรดทราบ",
        "( นางสาวสมใจ ใจดี )",
    ):
        assert squash(expected) in text, expected
    content = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()
    assert re.search(rb"/\w+ 38\.66\d* Tf", content)  # "บันทึกข้อความ" at 29 pt
    assert re.search(rb"/\w+ 26\.66\d* Tf", content)  # labels at 20 pt


def test_official_documents_are_thai_whatever_the_site_language(test_templates):
    from django.utils import translation

    context = {
        "office": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง เขต ๑",
        "number": 511,
        "year_be": 2565,
        "subject": "แต่งตั้งคณะกรรมการ",
        "given_on": datetime.date(2022, 12, 16),
        "member": "นายสมชาย ตัวอย่าง",
    }
    with translation.override("en"):
        thai = squash(pdftotext_pages(render_pdf("pdf_tests/order.html", context))[0])
        english = squash(
            pdftotext_pages(render_pdf("pdf_tests/order.html", context, language=None))[0]
        )
        assert translation.get_language() == "en"
    assert squash("ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป") in thai and "Effective" not in thai
    # The check can fail: rendered in the site's English, the boilerplate is English.
    assert squash("ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป") not in english
