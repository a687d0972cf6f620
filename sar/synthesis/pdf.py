"""The synthesis as the official PDF (Thai digits), laid out by templates/pdf/synthesis.html;
its per-school appendix, a document of its own (templates/pdf/synthesis_appendix.html),
rendered only when asked for; and the district's cover memo sending it to OBEC
(templates/pdf/synthesis_memo.html)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district.pdf import render_pdf
from iqa_district.thai import thai_digits

from .presentation import present


def pdf_context(run, results):
    return {
        "run": run,
        "office": run.area_office,
        "report": present(results, office_name=run.area_office.name, digits="thai"),
        "today": timezone.localdate(),
        "evaluation_issues": evaluation_issues_by_school(run.area_office_id, run.academic_year_id),
    }


def evaluation_issues_by_school(office_id: int, year: int) -> list[tuple]:
    """[(school, [issues])] of the office's year, for the report's own section."""
    from .models import EvaluationIssue

    grouped: dict[int, tuple] = {}
    for issue in EvaluationIssue.objects.of_office_year(office_id, year):
        grouped.setdefault(issue.school_id, (issue.school, []))[1].append(issue)
    return list(grouped.values())


def render_pdf_bytes(run, results):
    return render_pdf("pdf/synthesis.html", pdf_context(run, results))


def render_appendix_pdf_bytes(run, results):
    """Every school's levels per standard, cluster by cluster, in landscape: one table row
    per school, most of the report's layout work at a large office (issue 19), so the
    job leaves it out and services.synthesis_appendix renders it on the first request."""
    year = thai_digits(run.academic_year_id)
    return render_pdf(
        "pdf/synthesis_appendix.html",
        {
            "run": run,
            "office": run.area_office,
            "report": present(results, office_name=run.area_office.name, digits="thai"),
        },
        metadata={
            "title": _("ภาคผนวก ผลการประเมินรายมาตรฐานของสถานศึกษา ปีการศึกษา %(year)s")
            % {"year": year}
        },
    )


def cover_memo_pdf(run, *, signer=None):
    """The บันทึกข้อความ of the supervision unit asking the director to send the synthesis
    of ``run`` to OBEC, signed by ``signer`` (a user) or left to sign by hand."""
    office = thai_digits(run.area_office.name)
    year = thai_digits(run.academic_year_id)
    return render_pdf(
        "pdf/synthesis_memo.html",
        {
            "unit": _("กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา %(office)s") % {"office": office},
            # The registry number is given when the memo is logged, so it is left blank.
            "number": "................................",
            "dated": timezone.localdate(),
            "subject": _("ส่งรายงานผลการสังเคราะห์รายงานผลการประเมินตนเองของสถานศึกษา ปีการศึกษา %(year)s")
            % {"year": year},
            "to": _("ผู้อำนวยการ%(office)s") % {"office": office},
            "office": office,
            "year": year,
            "schools": thai_digits(run.school_count or 0),
            "signer_name": thai_digits(signer.get_full_name()) if signer else "",
            "signer_position": thai_digits(signer.position) if signer else "",
        },
        metadata={
            "title": _("บันทึกข้อความ ส่งรายงานผลการสังเคราะห์ ปีการศึกษา %(year)s") % {"year": year}
        },
    )
