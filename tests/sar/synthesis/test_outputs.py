"""The synthesis outputs: the official PDF (sections, Sarabun, Thai numerals, the same
figures as the HTML page) and the XLSX (every table, formula-neutralised text)."""

import io
import re
import shutil
import subprocess

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook

from iqa_district.thai import arabic_digits
from sar.models import HelpNeed, SynthesisRun
from sar.synthesis import services
from sar.synthesis.charts import stacked_levels
from sar.synthesis.pdf import pdf_context
from sar.synthesis.presentation import present
from sar.synthesis.xlsx import neutralise
from tests.sar.factories import make_district
from tests.sar.synthesis.pages import whole_report

DECIMAL = re.compile(r"[0-9]+\.[0-9]{2}")
PDF_SECTIONS = [
    "คำนำ",
    "สารบัญ",
    "บทที่ ๑ บทนำและวิธีการสังเคราะห์",
    "วิธีการสังเคราะห์",
    "บทที่ ๒ ผลการสังเคราะห์",
    "ผลรายประเด็นพิจารณา",
    "จำแนกตามกลุ่มเครือข่าย",
    "จำแนกตามขนาดสถานศึกษา",
    "สถานศึกษาที่ยังไม่บรรลุค่าเป้าหมาย",
    "จุดเด่นร่วม",
    "จุดที่ควรพัฒนาร่วม",
    "บทที่ ๓ ความต้องการการช่วยเหลือของสถานศึกษา",
    "บทที่ ๔ สรุปจุดเด่น จุดที่ควรพัฒนา และข้อเสนอแนะ",
    "ข้อเสนอแนะเชิงนโยบาย",
    "ภาคผนวก ผลการประเมินรายมาตรฐานของสถานศึกษา",
]


def figures(html):
    """The two-decimal figures of a page's text, in Arabic digits (charts and styles
    left out: their coordinates are not figures)."""
    html = re.sub(r"<(svg|style|script|head)\b.*?</\1>", "", html, flags=re.S)
    return set(DECIMAL.findall(arabic_digits(html)))


@pytest.fixture
def district(office, cluster, other_office, academic_year):
    return make_district(office, cluster, other_office)


@pytest.fixture
def run(district, office, academic_year):
    # A need whose text would be a formula in a spreadsheet.
    version = district["S3"].sars.get().versions.order_by("-number").first()
    HelpNeed.objects.create(
        version=version, category="other", description='=HYPERLINK("http://x.example","คลิก")'
    )
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    assert services.synthesis_execute(run_id=run.pk)
    run.refresh_from_db()
    return run


def test_pdf_source_has_every_section_and_thai_numerals(run):
    html = render_to_string("pdf/synthesis.html", pdf_context(run, run.results))
    assert "รายงานผลการสังเคราะห์รายงานผลการประเมินตนเองของสถานศึกษา<br>ปีการศึกษา ๒๕๖๗" in html
    for section in PDF_SECTIONS:
        assert section in html, section
    assert "สถานศึกษาร้อยละ ๖๖.๖๗ มีผลการประเมินมาตรฐานที่ ๑ อยู่ในระดับดีเลิศขึ้นไป" in html
    assert "<svg" in html
    # The per-school appendix is a document of its own, rendered when asked for: the
    # report says where it is and lays out no school's row.
    assert 'class="appendix"' not in html
    assert "จัดพิมพ์เป็นเอกสารภาคผนวกแยกเล่ม" in html
    appendix = render_to_string("pdf/synthesis_appendix.html", pdf_context(run, run.results))
    for code in ("๑๐๙๙๐๐๐๐๐๑", "๑๐๙๙๐๐๐๐๐๒", "๑๐๙๙๐๐๐๐๐๓"):
        assert code in appendix
    # Official figures are in Thai numerals: no Arabic percent is left in the tables.
    assert not DECIMAL.search(html.split("<body>")[1].split("<svg")[0])


def test_pdf_figures_equal_the_html_pages(run, as_user, supervisor):
    page = whole_report(as_user(supervisor), reverse("sar:synthesis_detail", args=[run.pk]))
    html_figures = figures(page)
    pdf_source = render_to_string("pdf/synthesis.html", pdf_context(run, run.results))
    pdf_figures = figures(pdf_source)
    assert {"66.67", "33.33", "60.00", "100.00"} <= html_figures
    # Every figure the PDF prints is one the page prints; the page adds only the
    # per-item targets of the schools below target, which the PDF leaves to the XLSX.
    assert pdf_figures <= html_figures
    assert html_figures - pdf_figures <= {"90.00", "88.00", "70.00"}
    assert {"66.67", "33.33", "60.00", "100.00", "50.00"} <= pdf_figures


def test_the_stored_pdf_embeds_sarabun_and_carries_the_figures(run):
    from pypdf import PdfReader

    data = run.pdf.read()
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 8
    fonts = set()
    for pdf_page in reader.pages:
        for font in (pdf_page.get("/Resources", {}).get("/Font", {}) or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    assert any("Sarabun" in name for name in fonts), fonts
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode()
        text = arabic_digits(text)
        # Robust to the Thai text layer: compare on digits and Latin only.
        for figure in ("66.67", "33.33", "60.00"):
            assert figure in text, figure
        # No school's row: the per-school appendix is its own document (test_appendix).
        assert "1099000003" not in text


def test_xlsx_has_every_table_with_the_figures(run):
    workbook = load_workbook(io.BytesIO(run.xlsx.read()))
    assert workbook.sheetnames == [
        "สรุป",
        "รายมาตรฐาน",
        "รายประเด็น",
        "กลุ่มเครือข่าย",
        "ขนาดสถานศึกษา",
        "ไม่บรรลุเป้าหมาย",
        "จุดเด่น-จุดที่ควรพัฒนา",
        "ความต้องการช่วยเหลือ",
        "ข้อเสนอแนะ",
        "รายสถานศึกษา",
    ]
    summary = {row[0]: row[1] for row in workbook["สรุป"].iter_rows(values_only=True)}
    assert summary["สถานศึกษาที่นำมาสังเคราะห์ (แห่ง)"] == 3
    assert summary["ร้อยละของสถานศึกษาทั้งหมด"] == 60
    standards = list(workbook["รายมาตรฐาน"].iter_rows(values_only=True))
    assert standards[2] == (
        "ระดับการศึกษาขั้นพื้นฐาน",
        "มาตรฐานที่ 1 คุณภาพของผู้เรียน",
        3,
        1, 33.33, 1, 33.33, 0, 0, 1, 33.33, 0, 0,
        2, 66.67, 3, 1, 33.33, None, None,
    )  # fmt: skip
    items = list(workbook["รายประเด็น"].iter_rows(values_only=True))
    assert [row[2] for row in items[1:]] == ["1.1", "1.2", "1.1.1", "1.1.2", "2.1"]
    below = list(workbook["ไม่บรรลุเป้าหมาย"].iter_rows(values_only=True))
    assert [row[2] for row in below[1:]] == ["1099000001", "1099000002"]
    assert below[2][6] == "1.1.1: เป้าหมาย ดีเลิศ ร้อยละ 90.00 ผล ยอดเยี่ยม ร้อยละ 88.00"
    phrases = list(workbook["จุดเด่น-จุดที่ควรพัฒนา"].iter_rows(values_only=True))
    assert ("ระดับการศึกษาขั้นพื้นฐาน", 1, "จุดที่ควรพัฒนา", "ทักษะการคิดวิเคราะห์", 2) in [
        row[:5] for row in phrases
    ]
    schools = list(workbook["รายสถานศึกษา"].iter_rows(values_only=True))
    assert schools[0][6:] == ("ปฐมวัย 1", "ขั้นพื้นฐาน 1", "ขั้นพื้นฐาน 2")
    assert schools[3] == (
        3, "1099000003", "โรงเรียนบ้านค้อ", "กลุ่มเครือข่ายเมือง", "ขนาดใหญ่", "รับรายงานแล้ว",
        None, "ปานกลาง", "ดีเลิศ",
    )  # fmt: skip
    needs = {row[0]: row for row in workbook["ความต้องการช่วยเหลือ"].iter_rows(values_only=True)}
    other = needs["อื่น ๆ"]
    assert other[4].startswith("'=HYPERLINK(")
    cell = next(c for c in workbook["ความต้องการช่วยเหลือ"]["E"] if str(c.value).startswith("'="))
    assert cell.data_type == "s"


def test_neutralise_only_touches_formula_starts():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+66") == "'+66"
    assert neutralise("-1") == "'-1"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("โรงเรียน=ดี") == "โรงเรียน=ดี"
    assert neutralise(-1.5) == -1.5


def test_chart_is_our_own_escaped_svg():
    levels = [
        {"level": lv, "count": c, "percent": p}
        for lv, c, p in [(5, 1, 50.0), (4, 0, 0.0), (3, 1, 50.0), (2, 0, 0.0), (1, 0, 0.0)]
    ]
    svg = stacked_levels(
        [("<script>", 2, levels), ("ว่าง", 0, levels)], {i: f"L{i}" for i in range(1, 6)}, title="t"
    )
    assert svg.startswith("<svg") and "<script>" not in svg and "&lt;script&gt;" in svg
    # Two segments of 50 % each, plus the empty bar and five legend swatches.
    assert svg.count("<rect") == 2 + 1 + 5
    assert "50.00" in svg


def test_present_labels_every_group(run):
    report = present(run.results)
    standard = report["level_sets"][1]["standards"][0]
    assert [g["label"] for g in standard["by_size"]] == ["ขนาดเล็ก", "ขนาดกลาง", "ขนาดใหญ่"]
    assert standard["good_plus"]["percent_text"] == "66.67"
    assert report["help_needs"][0]["label"] == "งบประมาณและทรัพยากร"
    assert report["overview"].startswith(
        "ปีการศึกษา 2567 สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุบลราชธานี เขต ๕"
    )
    assert any("ทักษะการคิดวิเคราะห์" in text for text in report["recommendations"])
    assert any(
        "2 แห่ง" in text and "ยังไม่บรรลุค่าเป้าหมาย" in text for text in report["recommendations"]
    )
    assert SynthesisRun.objects.get(pk=run.pk).status == "done"
