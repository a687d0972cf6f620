"""The standards browser and the yearly targets (ค่าเป้าหมาย)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from iqa_district.accounts.access import district_staff_required, role_required
from iqa_district.accounts.models import User
from iqa_district.downloads import XLSX_CONTENT_TYPE, file_download
from iqa_district.spreadsheets import table_workbook
from schools.models import AcademicYear, Cluster, School, thai_order

from .forms import SchoolItemForm, SchoolStandardForm, TargetFormSet
from .models import Item, SchoolTarget, Standard, StandardSet
from .services import (
    school_item_add,
    school_item_delete,
    school_standard_add,
    school_targets_save,
    targets_copy_from_last_year,
    targets_locked,
)


@require_safe
@login_required
def set_list(request):
    sets = (
        StandardSet.objects.visible_to(request.user)
        .select_related("area_office", "school")
        .annotate(
            standard_count=Count("standards", distinct=True),
            item_count=Count(
                "standards__items", filter=Q(standards__items__is_assessed=True), distinct=True
            ),
        )
    )
    return render(request, "standards/set_list.html", {"sets": sets})


@require_safe
@login_required
def set_detail(request, pk):
    standard_set = get_object_or_404(
        StandardSet.objects.visible_to(request.user).select_related("area_office", "school"),
        pk=pk,
    )
    standards = standard_set.standards.prefetch_related(
        Prefetch("items", queryset=Item.objects.filter(parent__isnull=True).order_by("order")),
        Prefetch("items__children", queryset=Item.objects.order_by("order")),
    )
    return render(
        request,
        "standards/set_detail.html",
        {"set": standard_set, "standards": standards},
    )


# --- Yearly targets ------------------------------------------------------------------


def _year_or_404(year):
    return get_object_or_404(AcademicYear, year=year)


def _current_year():
    year = AcademicYear.objects.current()
    if year is None:
        raise Http404(_("ยังไม่มีปีการศึกษาในระบบ"))
    return year


def _plain(percent):
    """80.00 shows as 80 in the form; 72.50 stays as it is."""
    if percent is not None and percent == percent.to_integral_value():
        return percent.quantize(1)
    return percent


def _form_initial(items, targets):
    """One form's initial values per item, from ``targets`` (by item id)."""
    return [
        {
            "target_level": targets[item.pk].target_level if item.pk in targets else None,
            "target_percent": _plain(targets[item.pk].target_percent)
            if item.pk in targets
            else None,
            "criterion": targets[item.pk].criterion if item.pk in targets else "",
        }
        for item in items
    ]


def _grouped_rows(items, pairs):
    """Rows for the target table, with a heading row whenever the standard changes."""
    rows = []
    current = None
    for item, extra in zip(items, pairs, strict=True):
        if item.standard_id != current:
            current = item.standard_id
            rows.append({"heading": item.standard})
        rows.append({"item": item, "extra": extra})
    return rows


@require_safe
@login_required
def targets_home(request):
    """School staff go to their own school's targets; district staff to the matrix."""
    if request.user.is_school_staff and request.user.school_id:
        return redirect("standards:targets_edit", year=_current_year().year)
    if request.user.is_district_staff:
        return redirect("standards:target_matrix")
    raise PermissionDenied


@role_required(User.Role.SCHOOL_STAFF)
def targets_edit(request, year):
    """All applicable items of the user's own school in one page. The school comes from
    the login, never from the URL, so no address reaches another school's targets."""
    school = request.user.school
    if school is None:  # a superuser: no school of their own to edit
        raise PermissionDenied
    academic_year = _year_or_404(year)
    items = list(Item.objects.applicable_to(school, academic_year.year))
    locked = targets_locked(school=school, academic_year=academic_year)
    existing = {
        t.item_id: t
        for t in SchoolTarget.objects.filter(school=school, academic_year=academic_year)
    }
    source = existing
    if request.method == "GET" and request.GET.get("copy") and not locked:
        copy = targets_copy_from_last_year(school=school, academic_year=academic_year)
        if copy and copy.targets:
            source = copy.targets
            messages.info(
                request,
                _("คัดลอกค่าเป้าหมายจากปีการศึกษา %(year)s มาในแบบฟอร์มแล้ว ตรวจทานแล้วกด “บันทึก” เพื่อยืนยัน")
                % {"year": copy.from_year.year},
            )
        elif copy:
            messages.warning(
                request,
                _("ปีการศึกษา %(year)s ยังไม่มีค่าเป้าหมายให้คัดลอก") % {"year": copy.from_year.year},
            )
    initial = _form_initial(items, source)
    if request.method == "POST":
        if locked:
            messages.error(request, _("ส่งรายงาน SAR ของปีการศึกษานี้แล้ว จึงแก้ไขค่าเป้าหมายไม่ได้"))
            return redirect("standards:targets_edit", year=academic_year.year)
        formset = TargetFormSet(request.POST, initial=initial)
        if formset.is_valid() and len(formset.forms) != len(items):
            messages.error(request, _("รายการประเด็นพิจารณาเปลี่ยนไประหว่างแก้ไข กรุณาบันทึกใหม่อีกครั้ง"))
            return redirect("standards:targets_edit", year=academic_year.year)
        if formset.is_valid():
            rows = [
                {"item": item, **form.cleaned_data}
                for item, form in zip(items, formset.forms, strict=True)
            ]
            try:
                saved, removed = school_targets_save(
                    school=school, academic_year=academic_year, rows=rows, actor=request.user
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    _("บันทึกค่าเป้าหมายแล้ว (บันทึก %(saved)s รายการ, ยกเลิก %(removed)s รายการ)")
                    % {"saved": saved, "removed": removed},
                )
                return redirect("standards:targets_edit", year=academic_year.year)
        else:
            messages.error(request, _("กรุณาแก้ไขข้อมูลที่ไม่ถูกต้องตามที่แสดงในตาราง"))
    else:
        formset = TargetFormSet(initial=initial)
    years = AcademicYear.objects.order_by("-year")
    return render(
        request,
        "standards/targets_edit.html",
        {
            "school": school,
            "academic_year": academic_year,
            "years": years,
            "formset": formset,
            "rows": _grouped_rows(items, formset.forms) if len(formset.forms) == len(items) else [],
            "locked": locked,
            "has_previous_year": AcademicYear.objects.filter(year__lt=academic_year.year).exists(),
        },
    )


@login_required
def school_targets(request, pk):
    """Read-only targets of one school (anyone who may see the school)."""
    school = get_object_or_404(
        School.objects.visible_to(request.user).select_related("area_office"), pk=pk
    )
    # Read-only, but only once the school is known to be visible: another school's id
    # stays a 404 whatever the method.
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    year_param = request.GET.get("year")
    academic_year = (
        _year_or_404(year_param) if year_param and year_param.isdigit() else _current_year()
    )
    items = list(Item.objects.applicable_to(school, academic_year.year))
    targets = {
        t.item_id: t
        for t in SchoolTarget.objects.visible_to(request.user).filter(
            school=school, academic_year=academic_year
        )
    }
    return render(
        request,
        "standards/school_targets.html",
        {
            "school": school,
            "academic_year": academic_year,
            "years": AcademicYear.objects.order_by("-year"),
            "rows": _grouped_rows(items, [targets.get(item.pk) for item in items]),
            "set_count": len(targets),
            "locked": targets_locked(school=school, academic_year=academic_year),
            "can_edit": request.user.is_school_staff and request.user.school_id == school.pk,
        },
    )


MATRIX_SCHOOLS_PER_PAGE = 25


def _matrix_filtered(request):
    """The year, standard set, items and schools of the target matrix, as its query
    string chooses them; shared by the page and its XLSX."""
    year_param = request.GET.get("year")
    academic_year = (
        _year_or_404(year_param) if year_param and year_param.isdigit() else _current_year()
    )
    national_sets = (
        StandardSet.objects.filter(
            area_office__isnull=True,
            school__isnull=True,
            level__in=[StandardSet.Level.BASIC, StandardSet.Level.ECE],
            is_active=True,
        )
        .valid_in(academic_year.year)
        .order_by("level", "code")
    )
    set_param = request.GET.get("set")
    standard_set = next((s for s in national_sets if str(s.pk) == set_param), None) or next(
        iter(national_sets), None
    )
    items = (
        list(
            Item.objects.assessed()
            .filter(standard__standard_set=standard_set)
            .select_related("standard")
            .order_by("standard__number", "order")
        )
        if standard_set
        else []
    )
    schools = School.objects.visible_to(request.user).active().select_related("cluster")
    if standard_set:
        schools = schools.offering(*standard_set.school_levels)
    cluster_param = request.GET.get("cluster")
    if cluster_param and cluster_param.isdigit():
        schools = schools.filter(cluster_id=int(cluster_param))
    return {
        "academic_year": academic_year,
        "national_sets": national_sets,
        "standard_set": standard_set,
        "items": items,
        "cluster_param": cluster_param or "",
        "schools": schools.thai_ordered(),
    }


def _matrix_cells(schools, academic_year, items):
    return {
        (t.school_id, t.item_id): t
        for t in SchoolTarget.objects.filter(
            school__in=schools, academic_year=academic_year, item__in=items
        )
    }


@require_safe
@district_staff_required
def target_matrix(request):
    """Schools × items of one standard set for one year: the district's view of targets.
    Bounded queries: one page of schools, then one query for their targets."""
    matrix = _matrix_filtered(request)
    items, academic_year = matrix["items"], matrix["academic_year"]
    page = Paginator(matrix.pop("schools"), MATRIX_SCHOOLS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    page_schools = list(page)
    cells = _matrix_cells(page_schools, academic_year, items)
    rows = [
        {"school": school, "cells": [cells.get((school.pk, item.pk)) for item in items]}
        for school in page_schools
    ]
    return render(
        request,
        "standards/target_matrix.html",
        {
            **matrix,
            "years": AcademicYear.objects.order_by("-year"),
            "clusters": Cluster.objects.visible_to(request.user).order_by(thai_order("name")),
            "page": page,
            "rows": rows,
            "query": request.GET.urlencode(),
        },
    )


def _target_text(target):
    if target is None:
        return ""
    text = target.get_target_level_display()
    if target.target_percent is not None:
        text += f" ({target.target_percent.normalize():f}%)"
    return text


@require_safe
@district_staff_required
def target_matrix_xlsx(request):
    """Every school of the matrix (not one page) × its items, formula-safe; the targets
    are fetched a chunk of schools at a time, so the queries stay bounded per chunk."""
    matrix = _matrix_filtered(request)
    items, academic_year = matrix["items"], matrix["academic_year"]

    def rows():
        schools = list(matrix["schools"])
        for start in range(0, len(schools), 500):
            chunk = schools[start : start + 500]
            cells = _matrix_cells(chunk, academic_year, items)
            for school in chunk:
                yield (
                    school.code,
                    school.name,
                    school.cluster.name if school.cluster else "",
                    *(_target_text(cells.get((school.pk, item.pk))) for item in items),
                )

    header = ["รหัสสถานศึกษา", "ชื่อสถานศึกษา", "สหวิทยาเขต/กลุ่มเครือข่าย"]
    header += [f"{item.code} {item.title_th}" for item in items]
    content = table_workbook(
        f"ค่าเป้าหมาย {academic_year.year}",
        header,
        rows(),
        widths=(14, 36, 24, *(18 for _ in items)),
    )
    return file_download(
        content,
        f"targets-{academic_year.year}",
        content_type=XLSX_CONTENT_TYPE,
        extension="xlsx",
    )


# --- School-added standards (อัตลักษณ์/จุดเน้น) ---------------------------------------


@role_required(User.Role.SCHOOL_STAFF)
def school_standards(request):
    """The user's own school's added standards; the school comes from the login."""
    school = request.user.school
    if school is None:
        raise PermissionDenied
    standard_set = StandardSet.objects.filter(school=school).first()
    standards = (
        standard_set.standards.prefetch_related(
            Prefetch("items", queryset=Item.objects.order_by("order"))
        )
        if standard_set
        else []
    )
    standard_form = SchoolStandardForm(prefix="standard")
    item_form = SchoolItemForm(prefix="item")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add_standard":
                standard_form = SchoolStandardForm(request.POST, prefix="standard")
                if standard_form.is_valid():
                    school_standard_add(
                        school=school, actor=request.user, **standard_form.cleaned_data
                    )
                    messages.success(request, _("เพิ่มมาตรฐานแล้ว"))
                    return redirect("standards:school_standards")
            elif action == "add_item":
                standard = get_object_or_404(
                    Standard, pk=request.POST.get("standard"), standard_set__school=school
                )
                item_form = SchoolItemForm(request.POST, prefix="item")
                if item_form.is_valid():
                    school_item_add(standard=standard, actor=request.user, **item_form.cleaned_data)
                    messages.success(request, _("เพิ่มประเด็นพิจารณาแล้ว"))
                    return redirect("standards:school_standards")
            elif action == "delete_item":
                item = get_object_or_404(
                    Item, pk=request.POST.get("item"), standard__standard_set__school=school
                )
                school_item_delete(item=item, actor=request.user)
                messages.success(request, _("ลบประเด็นพิจารณาแล้ว"))
                return redirect("standards:school_standards")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return render(
        request,
        "standards/school_standards.html",
        {
            "school": school,
            "set": standard_set,
            "standards": standards,
            "standard_form": standard_form,
            "item_form": item_form,
        },
    )
