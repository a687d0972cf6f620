"""Look at it: page 1 of the official layouts rendered to PNG with pdftoppm is not blank.
The PNGs stay in test-artifacts/ (git-ignored) so CI keeps them."""

import datetime

import pytest

from iqa_district.pdf import render_pdf, specimen
from iqa_district.pdf.specimen import specimen_context

from .tools import ARABIC_NUMBER, check_official_pdf, dark_fraction, page_png

SPECIMEN_NUMBERS = set(
    ARABIC_NUMBER.findall(
        " ".join(
            [*specimen.CORPUS, specimen.PARAGRAPH, *(" ".join(r) for r in specimen.TABLE_ROWS)]
        )
    )
)


@pytest.mark.parametrize("page", [1, 2, 3])
def test_specimen_report_pages_are_not_blank(page):
    png = page_png(
        render_pdf("pdf/_specimen.html", specimen_context(sections=1)), f"pdf-specimen-{page}", page
    )
    fraction, size = dark_fraction(png)
    assert size == (662, 936)  # A4 at 80 dpi
    assert 0.002 < fraction < 0.3, fraction


def test_specimen_passes_the_official_pdf_checks():
    check_official_pdf(
        render_pdf("pdf/_specimen.html", specimen_context(sections=1)),
        "pdf-specimen-cover",
        expect_text=["รายงานผลการนิเทศ ติดตาม", "ประจำปีการศึกษา ๒๕๖๗", "หน้า ๒ จาก"],
        # The corpus quotes a school code, a score and a year in Arabic digits on
        # purpose (text mixed with Latin and digits): data that stays as written.
        allowed_digits=SPECIMEN_NUMBERS,
    )


def test_order_passes_the_official_pdf_checks(test_templates):
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
            "signer_position": "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา",
        },
    )
    check_official_pdf(pdf, "pdf-order-1", expect_text=["สั่ง ณ วันที่ ๑๖ ธันวาคม พ.ศ. ๒๕๖๕"])


def test_memo_passes_the_official_pdf_checks(test_templates):
    pdf = render_pdf(
        "pdf_tests/memo.html",
        {
            "unit": "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา",
            "number": "ศธ 04091/123",
            "dated": datetime.date(2024, 12, 16),
            "subject": "การส่งรายงานผลการประเมินตนเอง",
            "to": "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา",
        },
    )
    check_official_pdf(pdf, "pdf-memo-1", expect_text=["บันทึกข้อความ", "จึงเรียนมาเพื่อโปรดทราบ"])


def test_a_blank_page_would_be_caught(test_templates):
    """The check can fail: a page with nothing but the page number is under the bar."""
    pdf = render_pdf("pdf_tests/empty.html")
    fraction, _ = dark_fraction(page_png(pdf, "pdf-nearly-blank"))
    assert fraction < 0.002
    with pytest.raises(AssertionError):
        check_official_pdf(pdf, "pdf-nearly-blank")
