"""Look at it: page 1 of the official layouts rendered to PNG with pdftoppm is not blank.
The PNGs stay in test-artifacts/ (git-ignored) so CI keeps them."""

import datetime
import subprocess

import pytest

from iqa_district.pdf import render_pdf
from iqa_district.pdf.specimen import specimen_context

from .conftest import ARTIFACTS, require_tool


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


@pytest.mark.parametrize("page", [1, 2, 3])
def test_specimen_report_pages_are_not_blank(page):
    png = page_png(
        render_pdf("pdf/_specimen.html", specimen_context(sections=1)), f"pdf-specimen-{page}", page
    )
    fraction, size = dark_fraction(png)
    assert size == (662, 936)  # A4 at 80 dpi
    assert 0.002 < fraction < 0.3, fraction


def test_order_page_is_not_blank(test_templates):
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
    fraction, _ = dark_fraction(page_png(pdf, "pdf-order-1"))
    assert 0.002 < fraction < 0.3, fraction


def test_a_blank_page_would_be_caught(test_templates):
    """The check can fail: a page with nothing but the page number is under the bar."""
    pdf = render_pdf("pdf_tests/empty.html")
    fraction, _ = dark_fraction(page_png(pdf, "pdf-nearly-blank"))
    assert fraction < 0.002
