"""The public disclosure without login: the sent SARs schools have not hidden, and
their PDFs."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from schools.models import AcademicYear

from ..models import SelfAssessmentReport
from ..validators import PDF_CONTENT_TYPE
from .common import file_response


@require_safe
def public_sar_list(request):
    """No login: per academic year, the schools whose SAR was sent, with its PDF."""
    years = list(
        AcademicYear.objects.filter(sars__in=SelfAssessmentReport.objects.public())
        .distinct()
        .order_by("-year")
        .values_list("year", flat=True)
    )
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and int(year) in years else (years[0] if years else None)
    q = request.GET.get("q", "").strip()
    reports = (
        SelfAssessmentReport.objects.public()
        .filter(academic_year=year)
        .select_related("school", "school__area_office")
        .order_by("school__area_office__code", "school__code")
    )
    if q:
        reports = reports.filter(Q(school__name__icontains=q) | Q(school__code__icontains=q))
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    return render(
        request, "sar/public_list.html", {"years": years, "year": year, "q": q, "page": page}
    )


@require_safe
def public_sar_pdf(request, pk):
    report = get_object_or_404(
        SelfAssessmentReport.objects.public().select_related("school"), pk=pk
    )
    version = report.latest_submitted_version
    if version is None or not version.pdf:
        raise Http404
    return file_response(
        version.pdf,
        f"SAR-{report.academic_year_id}-{report.school.code}-{report.school.name}.pdf",
        content_type=PDF_CONTENT_TYPE,
        extension="pdf",
    )
