"""The package as one official PDF (iqa_district.pdf.render_pdf) and as an XLSX
(iqa_district.spreadsheets.table_workbook: every text cell neutralised, formula-safe)."""

from django.utils import timezone

from iqa_district import thai
from iqa_district.pdf import render_pdf
from iqa_district.spreadsheets import table_workbook

HEADER = [
    "รหัสสถานศึกษา",
    "รหัส สมศ.",
    "ชื่อสถานศึกษา",
    "กำหนดการประเมิน",
    "ผู้เสนอประเด็น",
    "มาตรฐานที่เกี่ยวข้อง",
    "ประเด็นที่ต้องการให้มีการประเมิน",
    "SAR ล่าสุด ปีการศึกษา",
    "สถานะ SAR",
    "วันที่คณะกรรมการสถานศึกษาให้ความเห็นชอบ",
    "ระดับคุณภาพรายมาตรฐานตาม SAR",
]


def package_pdf(contents: dict) -> bytes:
    return render_pdf(
        "external_eval/pdf/package.html",
        {**contents, "printed_on": timezone.localdate()},
        metadata={"title": f"ข้อมูลที่สำนักงานเขตพื้นที่การศึกษาส่ง สมศ. {contents['round'].name}"},
    )


def _rows(contents: dict):
    for entry in contents["schools"]:
        school, evaluation, sar = entry.school, entry.evaluation, entry.sar
        sar_cells = ["", "", "", ""]
        if sar is not None:
            approved = sar.version.board_approved_on if sar.version else None
            sar_cells = [
                sar.report.academic_year_id,
                str(sar.report.get_status_display()),
                thai.format_date_short(approved, digits="arabic") if approved else "",
                "; ".join(f"{name}: {label}" for name, label in sar.levels),
            ]
        scheduled = (
            thai.format_date_short(evaluation.scheduled_from, digits="arabic") if evaluation else ""
        )
        head = [school.code, school.onesqa_code, school.name, scheduled]
        if not entry.issues:
            yield [*head, "", "", "", *sar_cells]
        for issue in entry.issues:
            source = str(issue.get_source_display())
            if issue.source_name:
                source = f"{source} ({issue.source_name})"
            number = issue.standard.number if issue.standard else ""
            yield [*head, source, number, issue.text, *sar_cells]


def package_xlsx(contents: dict) -> bytes:
    return table_workbook(
        "ข้อมูลส่ง สมศ.",
        HEADER,
        _rows(contents),
        widths=(14, 12, 36, 16, 30, 10, 60, 12, 18, 18, 60),
    )
