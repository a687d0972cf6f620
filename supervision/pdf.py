"""Official PDFs of supervision: the committee's appointment order, the per-school report
and the district reports. Rendered only through the project's PDF engine."""

from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district import thai
from iqa_district.pdf import render_pdf

from . import reports
from .models import Committee, CommitteeMember


def committee_order_pdf(committee: Committee) -> bytes:
    members = CommitteeMember.objects.filter(committee=committee).order_by("order", "pk")
    office = committee.area_office
    # Orders are numbered "511/2565": running number / BE year (domain.md §9.1).
    number, _sep, year_be = committee.order_number.partition("/")
    return render_pdf(
        "pdf/supervision/committee_order.html",
        {
            "committee": committee,
            "office": thai.thai_digits(office.name),
            "number": number or "......",
            "year_be": year_be or committee.academic_year_id,
            "subject": _("แต่งตั้ง%(name)s ปีการศึกษา %(year)s")
            % {
                "name": thai.thai_digits(committee.name),
                "year": thai.thai_digits(committee.academic_year_id),
            },
            "given_on": committee.order_date,
            "signer_name": office.director_name,
            "signer_position": _("ผู้อำนวยการ%(office)s") % {"office": thai.thai_digits(office.name)},
            "members": members,
            "schools": committee.schools.order_by("code"),
        },
    )


def visit_report_pdf(visit) -> bytes:
    context = reports.visit_report(visit)
    context["pdf_printed_on"] = timezone.localdate()
    return render_pdf("pdf/supervision/visit_report.html", context)


def district_report_pdf(process: int, context: dict) -> bytes:
    context = {**context, "pdf_printed_on": timezone.localdate()}
    return render_pdf(f"pdf/supervision/district_report_p{process}.html", context)
