"""Form ๓ as an official PDF, rendered only through the project's PDF engine."""

from django.utils import timezone

from iqa_district.pdf import render_pdf

from .models import ClusterReport
from .report import report_context


def cluster_report_pdf(report: ClusterReport) -> bytes:
    context = report_context(report)
    context["pdf_printed_on"] = timezone.localdate()
    context["office"] = report.cluster.area_office
    return render_pdf("pdf/networks/cluster_report.html", context)
