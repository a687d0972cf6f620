"""The district's tracker of who has sent their SAR, on the page and as a workbook."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from iqa_district.accounts.access import district_staff_required
from iqa_district.downloads import XLSX_CONTENT_TYPE, file_download
from schools.models import AcademicYear, School

from ..forms import HIDDEN, TrackerFilterForm
from ..resources import tracker_counts, tracker_filter, tracker_rows, tracker_workbook


def _tracker_context(request):
    form = TrackerFilterForm(request.GET or None, user=request.user)
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {}) or {}
    current = AcademicYear.objects.current()
    year_value = cleaned.get("year") or (current.pk if current else None)
    if current is not None and year_value == current.pk:
        year = current
    else:
        year = AcademicYear.objects.filter(pk=year_value).first() if year_value else None
    if year is None:
        raise Http404
    schools = School.objects.visible_to(request.user).active()
    shown = tracker_filter(
        schools,
        year,
        cluster=cleaned.get("cluster"),
        status=cleaned.get("status") or "",
        q=(cleaned.get("q") or "").strip(),
    )
    filters = {k: cleaned.get(k) for k in ("cluster", "status", "q")}
    return {"form": form, "year": year, "schools": shown, "all_schools": schools, **filters}


def _known_count(context, summary):
    """How many schools the filters keep, read from the summary, unless a search asks
    the database; saves the paginator's COUNT."""
    if context["q"]:
        return None
    counts = summary["district"]
    if cluster := context["cluster"]:
        counts = next((c for k, c in summary["clusters"] if k and k.pk == cluster.pk), None)
        if counts is None:
            return 0
    status = context["status"]
    if not status:
        return counts["total"]
    if status == HIDDEN:
        return counts["hidden"]
    return next(n for _label, n, s in counts["by_status"] if s == status)


class _CountedPaginator(Paginator):
    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        if count is not None:
            self.__dict__["count"] = count


@require_safe
@district_staff_required
def tracker(request):
    """Counted and paged by the database: only the page's 50 schools become rows."""
    context = _tracker_context(request)
    year = context["year"]
    context["summary"] = summary = tracker_counts(context["all_schools"], year)
    paginator = _CountedPaginator(
        context["schools"].select_related("cluster"), 50, _known_count(context, summary)
    )
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = tracker_rows(list(page.object_list), year, user=request.user)
    context["page"], context["rows"] = page, page.object_list
    query = request.GET.copy()
    query.pop("page", None)
    context["query"] = query.urlencode()
    return render(request, "sar/tracker.html", context)


@require_safe
@district_staff_required
def tracker_clusters(request):
    """The tracker's table of every cluster, which the page fetches when it is opened:
    its size grows with the office, the page's should not."""
    context = _tracker_context(request)
    summary = tracker_counts(context["all_schools"], context["year"])
    fragment = request.headers.get("HX-Request") == "true"
    template = "sar/_tracker_clusters.html" if fragment else "sar/tracker_clusters.html"
    return render(request, template, {"summary": summary, "year": context["year"]})


@require_safe
@district_staff_required
def tracker_export(request):
    context = _tracker_context(request)
    year = context["year"]
    rows = tracker_rows(context["schools"], year, user=request.user)
    content = tracker_workbook(rows, year, tracker_counts(context["all_schools"], year))
    name = f"ติดตามการส่ง SAR ปีการศึกษา {context['year'].year}.xlsx"
    return file_download(content, name, content_type=XLSX_CONTENT_TYPE, extension="xlsx")
