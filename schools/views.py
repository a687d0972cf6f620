"""The school registry in the browser: list, profile, clusters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from iqa_district.accounts.access import (
    district_staff_required,
    quality_manager_required,
    role_required,
)
from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from iqa_district.downloads import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_download
from iqa_district.paging import page_by_ids
from iqa_district.school_profile import sections_for

from .filters import SchoolFilter
from .forms import SchoolImportForm
from .models import AreaOffice, Cluster, School, SchoolImport, thai_order
from .resources import export_csv_bytes, export_xlsx_bytes
from .services import school_import_apply
from .tables import ImportFileError, check_file
from .uploads import pending_import_forget, pending_import_get, pending_import_store

SCHOOLS_PER_PAGE = 50
# Everyone who works across the office's schools: district staff and committee members.
REGISTRY_ROLES = (
    User.Role.DISTRICT_ADMIN,
    User.Role.SUPERVISOR,
    User.Role.EXECUTIVE,
    User.Role.COMMITTEE,
)


def _page(request, queryset, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _query_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def filtered_schools(request):
    """The school list's rows for the current user and query string (also used by export)."""
    schools = (
        School.objects.visible_to(request.user)
        .select_related("area_office", "cluster")
        .thai_ordered()
    )
    return SchoolFilter(request.GET or None, queryset=schools, user=request.user)


@require_safe
@role_required(*REGISTRY_ROLES)
def school_list(request):
    school_filter = filtered_schools(request)
    page = page_by_ids(school_filter.qs, SCHOOLS_PER_PAGE, request.GET.get("page"))
    return render(
        request,
        "schools/school_list.html",
        {
            "filter": school_filter,
            "page": page,
            "query": _query_without_page(request),
        },
    )


@require_safe
@login_required
def my_school(request):
    """School staff land on their own school's profile."""
    if not request.user.school_id:
        return redirect("schools:list")
    return redirect("schools:detail", pk=request.user.school_id)


@require_safe
@login_required
def school_detail(request, pk):
    school = get_object_or_404(
        School.objects.visible_to(request.user).select_related("area_office", "cluster"), pk=pk
    )
    supervisors = school.cluster.supervisors.all() if school.cluster_id else []
    # The workflow apps contribute the rest of the school's picture (SARs, visits,
    # compliance, ...) without this app importing them: see iqa_district/school_profile.py.
    sections = sections_for(school, request.user, timezone.localdate())
    return render(
        request,
        "schools/school_detail.html",
        {"school": school, "supervisors": supervisors, "sections": sections},
    )


@require_safe
@role_required(*REGISTRY_ROLES)
def cluster_list(request):
    clusters = (
        Cluster.objects.visible_to(request.user)
        .select_related("area_office")
        .annotate(school_count=Count("schools"))
        .prefetch_related(Prefetch("supervisors", queryset=User.objects.order_by("first_name")))
        .order_by("area_office", thai_order("name"))
    )
    return render(request, "schools/cluster_list.html", {"clusters": clusters})


@require_safe
@role_required(*REGISTRY_ROLES)
def cluster_detail(request, pk):
    """One cluster page, not two: the cluster's page is the supervision network's
    (/networks/clusters/<pk>/), which shows its schools with much more; this old address
    sends there after the same scoping (another office's cluster is a 404 here)."""
    cluster = get_object_or_404(Cluster.objects.visible_to(request.user), pk=pk)
    return redirect("networks:cluster_detail", pk=cluster.pk)


# --- Import and export -------------------------------------------------------------------

IMPORT_ROWS_PER_PAGE = 100


def _pending_or_404(request, token):
    pending = pending_import_get(request.session, token)
    if pending is None:
        raise Http404(_("ไม่พบไฟล์ที่อัปโหลด (อาจหมดเวลาแล้ว) กรุณาอัปโหลดใหม่"))
    office = get_object_or_404(AreaOffice.objects.visible_to(request.user), pk=pending.office_id)
    return pending, office


@quality_manager_required
def school_import(request):
    if request.method == "POST":
        form = SchoolImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            pending = pending_import_store(
                request.session,
                upload=form.cleaned_data["file"],
                office=form.cleaned_data.get("office") or request.user.area_office,
            )
            return redirect("schools:import_preview", token=pending.token)
    else:
        form = SchoolImportForm(user=request.user)
    recent = SchoolImport.objects.visible_to(request.user).select_related(
        "imported_by", "area_office"
    )[:10]
    return render(request, "schools/import_upload.html", {"form": form, "recent": recent})


@require_safe
@quality_manager_required
def school_import_preview(request, token):
    pending, office = _pending_or_404(request, token)
    file_error = None
    check = None
    try:
        check = check_file(office, pending.read(), pending.name)
    except ImportFileError as exc:
        file_error = str(exc)
    status = request.GET.get("status", "")
    rows = []
    if check:
        rows = [r for r in check.rows if not status or r.status == status]
        if not status and check.has_errors:
            # Errors first: they are what the user has to act on.
            rows = sorted(rows, key=lambda r: (r.status != "error", r.number))
    page = Paginator(rows, IMPORT_ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "schools/import_preview.html",
        {
            "token": token,
            "entry": pending,
            "office": office,
            "check": check,
            "counts": check.counts if check else None,
            "file_error": file_error,
            "status": status,
            "page": page,
            "statuses": [
                ("", _("ทั้งหมด")),
                ("error", _("ผิดพลาด")),
                ("new", _("ใหม่")),
                ("updated", _("ปรับปรุง")),
                ("unchanged", _("ไม่เปลี่ยนแปลง")),
            ],
        },
    )


@quality_manager_required
@require_POST
def school_import_confirm(request, token):
    pending, office = _pending_or_404(request, token)
    if request.POST.get("action") == "cancel":
        pending_import_forget(request.session, pending)
        messages.info(request, _("ยกเลิกการนำเข้าแล้ว"))
        return redirect("schools:import")
    skip_errors = request.POST.get("skip_errors") == "1"
    try:
        check, record = school_import_apply(
            office=office,
            data=pending.read(),
            filename=pending.name,
            actor=request.user,
            skip_errors=skip_errors,
        )
    except (ValidationError, ImportFileError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("schools:import_preview", token=token)
    pending_import_forget(request.session, pending)
    messages.success(
        request,
        _(
            "นำเข้าเรียบร้อย: เพิ่มใหม่ %(new)s แห่ง ปรับปรุง %(updated)s แห่ง "
            "ไม่เปลี่ยนแปลง %(unchanged)s แห่ง ข้ามแถวผิดพลาด %(errors)s แถว"
        )
        % {
            "new": record.created_count,
            "updated": record.updated_count,
            "unchanged": record.unchanged_count,
            "errors": record.skipped_error_count,
        },
    )
    return redirect("schools:list")


@require_safe
@district_staff_required
def school_export(request):
    file_format = request.GET.get("file_format", "csv")
    thai_headers = request.GET.get("headers", "th") != "en"
    schools = filtered_schools(request).qs
    stamp = timezone.localdate().strftime("%Y%m%d")
    if file_format == "xlsx":
        content = export_xlsx_bytes(schools, thai_headers=thai_headers)
        content_type, extension = XLSX_CONTENT_TYPE, "xlsx"
    else:
        content = export_csv_bytes(schools, thai_headers=thai_headers)
        content_type, extension = CSV_CONTENT_TYPE, "csv"
    # The registry export carries the schools' contacts: who took it is audited (PDPA).
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.EXPORT,
        object_type=School._meta.label,
        detail=f"ทะเบียนสถานศึกษา {schools.count()} แห่ง ({extension.upper()})",
    )
    return file_download(
        content, f"schools-{stamp}", content_type=content_type, extension=extension
    )
