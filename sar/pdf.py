"""A printable record of one SAR version's structured results: per standard its level,
per item the school's target, its result and level and whether the target is met, and
the needs for help. The signed PDF stays the legal document; this is what the district
and the school print to read the figures."""

from django.utils import timezone

from iqa_district.pdf import render_pdf

from .forms import result_sections
from .models import SARVersion, SelfAssessmentReport


def sar_results_pdf(report: SelfAssessmentReport, version: SARVersion) -> bytes:
    sections = result_sections(version, report)
    items = [i for s in sections for st in s["standards"] for i in st["items"] if "row" in i]
    context = {
        "report": report,
        "school": report.school,
        "version": version,
        "sections": sections,
        "help_needs": list(version.help_needs.order_by("category", "pk")),
        "met": sum(1 for i in items if i["met"] is True),
        "with_target": sum(1 for i in items if i["met"] is not None),
        "pdf_printed_on": timezone.localdate(),
    }
    title = f"ผลการประเมินตนเอง {report.school.name} ปีการศึกษา {report.academic_year_id}"
    return render_pdf(
        "pdf/sar/results.html",
        context,
        metadata={"title": title, "author": report.school.name},
    )
