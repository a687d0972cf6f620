"""Official PDFs of supervision: the committee's appointment order, the per-school report
and the district reports. Rendered only through the project's PDF engine."""

from django.utils import timezone

from iqa_district.pdf import render_pdf

from . import reports
from .models import Committee, CommitteeMember


def committee_order_pdf(committee: Committee) -> bytes:
    members = CommitteeMember.objects.filter(committee=committee).order_by("order", "pk")
    return render_pdf(
        "pdf/supervision/committee_order.html",
        {
            "committee": committee,
            "office": committee.area_office,
            "members": members,
            "schools": committee.schools.order_by("code"),
        },
    )


def visit_report_pdf(visit) -> bytes:
    context = reports.visit_report(visit)
    context["printed_on"] = timezone.localdate()
    return render_pdf("pdf/supervision/visit_report.html", context)


def district_report_pdf(process: int, context: dict) -> bytes:
    context = {**context, "printed_on": timezone.localdate()}
    return render_pdf(f"pdf/supervision/district_report_p{process}.html", context)
