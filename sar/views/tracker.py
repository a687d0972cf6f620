"""The district's tracker of who has sent their SAR, on the page and as a workbook."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from iqa_district.accounts.access import district_staff_required
from iqa_district.downloads import XLSX_CONTENT_TYPE, file_download
from schools.models import AcademicYear, School

from ..forms import HIDDEN, TrackerFilterForm
from ..resources import tracker_rows, tracker_summary, tracker_workbook


def _tracker_context(request):
    form = TrackerFilterForm(request.GET or None, user=request.user)
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {}) or {}
    current = AcademicYear.objects.current()
    year_value = cleaned.get("year") or (current.pk if current else None)
    year = AcademicYear.objects.filter(pk=year_value).first() if year_value else None
    if year is None:
        raise Http404
    schools = School.objects.visible_to(request.user).active()
    rows = tracker_rows(schools, year, user=request.user)
    summary = tracker_summary(rows)
    filtered = rows
    if cluster := cleaned.get("cluster"):
        filtered = [r for r in filtered if r.school.cluster_id == cluster.pk]
    if (status := cleaned.get("status")) == HIDDEN:
        filtered = [r for r in filtered if r.has_sent and not r.is_public]
    elif status:
        filtered = [r for r in filtered if r.status == status]
    if q := (cleaned.get("q") or "").strip():
        filtered = [r for r in filtered if q in r.school.name or q in r.school.code]
    return {"form": form, "year": year, "rows": filtered, "summary": summary}


@require_safe
@district_staff_required
def tracker(request):
    context = _tracker_context(request)
    context["page"] = Paginator(context["rows"], 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context["query"] = query.urlencode()
    return render(request, "sar/tracker.html", context)


@require_safe
@district_staff_required
def tracker_export(request):
    context = _tracker_context(request)
    content = tracker_workbook(context["rows"], context["year"], context["summary"])
    name = f"ติดตามการส่ง SAR ปีการศึกษา {context['year'].year}.xlsx"
    return file_download(content, name, content_type=XLSX_CONTENT_TYPE, extension="xlsx")
