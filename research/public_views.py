"""Reported research for the public, without login (seed process 4 step 5.3: เผยแพร่):
the list of disseminated studies, one study's abstract and findings, and its report PDF
where the researcher allows it."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from iqa_district.downloads import PDF_CONTENT_TYPE, file_download

from .models import ResearchFile, ResearchProject

PAGE_SIZE = 20


@require_safe
def public_list(request: HttpRequest) -> HttpResponse:
    rows = ResearchProject.objects.public().select_related("area_office", "school")
    q = request.GET.get("q", "").strip()[:100]
    if q:
        rows = rows.filter(
            Q(title__icontains=q) | Q(researchers__icontains=q) | Q(abstract__icontains=q)
        )
    page = Paginator(rows.order_by("-academic_year", "title", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "research/public_list.html", {"page": page, "q": q})


def _report(project: ResearchProject) -> ResearchFile | None:
    if not project.report_is_public:
        return None
    return next((f for f in project.files.all() if f.kind == "report" and f.is_pdf), None)


@require_safe
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(
        ResearchProject.objects.public()
        .select_related("area_office", "school")
        .prefetch_related("standards", "files"),
        pk=pk,
    )
    return render(
        request, "research/public_detail.html", {"project": project, "report": _report(project)}
    )


@require_safe
def public_report(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(ResearchProject.objects.public().prefetch_related("files"), pk=pk)
    report = _report(project)
    if report is None:
        raise Http404
    return file_download(  # type: ignore[return-value]
        report.file.open("rb"),
        f"รายงานการวิจัย {project.title}",
        content_type=PDF_CONTENT_TYPE,
        extension="pdf",
        inline=True,
    )
