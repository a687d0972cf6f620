"""Visits: the calendar and list, planning, the report and its PDF, filling the form
(autosaved), publishing, and the school's acknowledgement."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from iqa_district import thai
from iqa_district.accounts.access import quality_manager_required, role_required
from iqa_district.accounts.models import User
from iqa_district.downloads import XLSX_CONTENT_TYPE, file_download
from iqa_district.paging import page_by_ids
from iqa_district.pdf import pdf_response
from iqa_district.spreadsheets import table_workbook
from sar.followup.models import Recommendation
from schools.models import AcademicYear, Cluster

from .. import pdf, report_services, reports, services
from ..calendar import month_calendar
from ..forms import (
    AcknowledgeForm,
    AnswerForm,
    StandardLevelsForm,
    SummaryForm,
    VisitPlanForm,
    attach_answer_forms,
)
from ..models import Semester, Visit, VisitAnswer
from .params import PAGE_SIZE, semester_from, year_from

# ----------------------------------------------------------------------------- calendar


@require_safe
@login_required
def visit_calendar(request):
    today = timezone.localdate()
    try:
        month = datetime.date(int(request.GET["y"]), int(request.GET["m"]), 1)
    except (KeyError, ValueError):
        month = today.replace(day=1)
    cluster = request.GET.get("cluster", "")
    context = month_calendar(
        user=request.user, month=month, cluster=int(cluster) if cluster.isdigit() else None
    )
    clusters = Cluster.objects.visible_to(request.user) if request.user.is_district_staff else []
    return render(
        request,
        "supervision/calendar.html",
        {**context, "today": today, "cluster": cluster, "clusters": clusters},
    )


def _visit_list_filtered(request):
    """The visits the list shows, filtered by its query string, and the filters read."""
    date_from, date_to = _date_param(request, "from"), _date_param(request, "to")
    # A date range (a calendar day, the dashboard's week) is its own period: the list
    # keeps to the current year only when no range and no year are asked for.
    ranged = (date_from or date_to) and not request.GET.get("year")
    filters = {
        "year": None if ranged else year_from(request),
        "semester": semester_from(request),
        "status": request.GET.get("status", ""),
        "cluster": request.GET.get("cluster", ""),
        "q": request.GET.get("q", "").strip(),
        "date_from": date_from,
        "date_to": date_to,
    }
    visits = Visit.objects.visible_to(request.user).select_related(
        "school__cluster", "committee", "template"
    )
    if filters["year"]:
        visits = visits.filter(academic_year=filters["year"])
    if filters["semester"]:
        visits = visits.filter(semester=filters["semester"])
    if filters["status"] in Visit.Status.values:
        visits = visits.filter(status=filters["status"])
    if filters["cluster"].isdigit():
        visits = visits.filter(school__cluster=int(filters["cluster"]))
    if q := filters["q"]:
        visits = visits.filter(Q(school__name__icontains=q) | Q(school__code=q))
    if filters["date_from"]:
        visits = visits.filter(date__gte=filters["date_from"])
    if filters["date_to"]:
        visits = visits.filter(date__lte=filters["date_to"])
    return visits.order_by("date", "school__code"), filters


def _date_param(request, name):
    """?from= / ?to= as an ISO date (the dashboard's week links), else None."""
    try:
        return datetime.date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return None


@require_safe
@login_required
def visit_list(request):
    visits, filters = _visit_list_filtered(request)
    page = page_by_ids(visits, PAGE_SIZE, request.GET.get("page"))
    return render(
        request,
        "supervision/visit_list.html",
        {
            "page": page,
            **filters,
            "years": AcademicYear.objects.all(),
            "semesters": Semester.choices,
            "statuses": Visit.Status.choices,
            "clusters": Cluster.objects.visible_to(request.user),
            "can_plan": request.user.can_manage_quality,
            "query": request.GET.urlencode(),
        },
    )


@require_safe
@login_required
def visit_list_xlsx(request):
    """The visit list as filtered on the page, every row (not one page), formula-safe."""
    visits, filters = _visit_list_filtered(request)
    rows = (
        (
            visit.school.code,
            visit.school.name,
            visit.school.cluster.name if visit.school.cluster else "",
            thai.format_date_short(visit.date),
            f"{visit.academic_year_id}/{visit.semester}",
            visit.visit_no,
            visit.template.get_form_no_display(),
            visit.template.title,
            str(visit.committee) if visit.committee else "",
            visit.get_status_display(),
            thai.format_date_short(visit.published_at) if visit.published_at else "",
        )
        for visit in visits.iterator(chunk_size=500)
    )
    content = table_workbook(
        "การนิเทศ",
        [
            "รหัสสถานศึกษา",
            "ชื่อสถานศึกษา",
            "สหวิทยาเขต/กลุ่มเครือข่าย",
            "วันที่นิเทศ",
            "ปีการศึกษา/ภาคเรียน",
            "ครั้งที่",
            "แบบ",
            "ชื่อแบบ",
            "คณะกรรมการ",
            "สถานะ",
            "วันที่เผยแพร่",
        ],
        rows,
        widths=(14, 36, 24, 12, 14, 8, 10, 44, 36, 16, 14),
    )
    year = filters["year"].year if filters["year"] else "all"
    return file_download(
        content, f"visits-{year}", content_type=XLSX_CONTENT_TYPE, extension="xlsx"
    )


# ------------------------------------------------------------------------------ planning


@quality_manager_required
def visit_create(request):
    initial = {"date": request.GET.get("date") or None}
    form = VisitPlanForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit = services.visit_plan(
                school=data["school"],
                kind=data["kind"],
                date=data["date"],
                template=data["template"],
                committee=data["committee"],
                supervisors=data["supervisors"],
                visit_no=data["visit_no"],
                actor=request.user,
                submission_key=data["submission_key"],
            )
        except services.DuplicateSubmissionError as exc:
            return _already_planned(request, exc.object_id)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("บันทึกแผนการนิเทศแล้ว"))
            return redirect("supervision:visit_detail", pk=visit.pk)
    return render(request, "supervision/visit_form.html", {"form": form})


def _already_planned(request, visit_id):
    """The same plan form sent again (a double click, a resent page): show the visit the
    first submission made instead of planning a second one."""
    messages.info(request, _("แผนการนิเทศนี้บันทึกไว้แล้วจากการกดส่งครั้งแรก ระบบจึงไม่สร้างรายการซ้ำ"))
    if visit_id is None:
        return redirect("supervision:visit_list")
    return redirect("supervision:visit_detail", pk=visit_id)


@quality_manager_required
def visit_edit(request, pk):
    visit = get_object_or_404(Visit.objects.visible_to(request.user), pk=pk)
    if visit.is_published:
        messages.error(request, _("รายงานเผยแพร่แล้ว แก้ไขแผนไม่ได้"))
        return redirect("supervision:visit_detail", pk=visit.pk)
    form = VisitPlanForm(request.POST or None, instance=visit, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.visit_update_plan(
                visit=visit,
                date=data["date"],
                committee=data["committee"],
                supervisors=data["supervisors"],
                visit_no=data["visit_no"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("แก้ไขแผนการนิเทศแล้ว"))
            return redirect("supervision:visit_detail", pk=visit.pk)
    return render(request, "supervision/visit_form.html", {"form": form, "visit": visit})


# ------------------------------------------------------------------- report and filling


def _visible_visit(request, pk):
    return get_object_or_404(
        Visit.objects.visible_to(request.user).select_related(
            "school__cluster", "school__area_office", "committee", "template", "academic_year"
        ),
        pk=pk,
    )


@require_safe
@login_required
def visit_detail(request, pk):
    visit = _visible_visit(request, pk)
    context = reports.visit_report(visit)
    context.update(
        {
            "can_fill": visit.can_be_filled_by(request.user),
            "can_publish": visit.can_be_published_by(request.user)
            and not visit.is_before_its_date(),
            "before_its_date": visit.is_before_its_date(),
            "can_edit_plan": request.user.can_manage_quality and not visit.is_published,
            "can_acknowledge": visit.can_be_acknowledged_by(request.user),
            "ack_form": AcknowledgeForm(),
            "levels_form": StandardLevelsForm(rows=context["standards"])
            if context["standards"] and visit.can_be_filled_by(request.user)
            else None,
            "events": visit.events.select_related("actor"),
        }
    )
    return render(request, "supervision/visit_detail.html", context)


@require_POST
@login_required
def visit_standard_levels(request, pk):
    """The committee sets a standard's level itself instead of the rounded mean."""
    visit = _fillable_visit(request, pk)
    rows = reports.visit_report(visit)["standards"]
    form = StandardLevelsForm(request.POST, rows=rows)
    if form.is_valid():
        try:
            report_services.visit_set_standard_levels(
                visit=visit, levels=form.levels(), actor=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("บันทึกระดับคุณภาพรายมาตรฐานแล้ว"))
    else:
        messages.error(request, _("ระดับคุณภาพที่เลือกไม่ถูกต้อง โปรดเลือกใหม่"))
    return redirect("supervision:visit_detail", pk=visit.pk)


@require_safe
@login_required
def visit_pdf(request, pk):
    visit = _visible_visit(request, pk)
    name = f"รายงานการนิเทศ {visit.template.form_no} {visit.school.name}.pdf"
    return pdf_response(pdf.visit_report_pdf(visit), name)


def _fillable_visit(request, pk):
    visit = _visible_visit(request, pk)
    if not visit.can_be_filled_by(request.user):
        raise PermissionDenied
    return visit


@require_safe
@login_required
def visit_fill(request, pk):
    # Only reads: the rows of the form were created when the visit was planned.
    visit = _fillable_visit(request, pk)
    return _render_fill(request, visit)


def _carried(visit):
    """The school's recommendations still open, with what the school says it did, for the
    committee of its next visit (who may see them through the visit they fill)."""
    return (
        Recommendation.objects.filter(school=visit.school_id)
        .open()
        .select_related("standard", "item", "academic_year")
        .order_by("due_on", "pk")
    )


def _render_fill(request, visit, *, answer_form=None, summary_form=None, stale="", status=200):
    context = reports.visit_report(visit)
    attach_answer_forms(context, bound=answer_form)
    context.update(
        {
            "carried": _carried(visit),
            "today": timezone.localdate(),
            "summary_form": summary_form or SummaryForm(instance=visit),
            "can_publish": visit.can_be_published_by(request.user)
            and not visit.is_before_its_date(),
            "before_its_date": visit.is_before_its_date(),
            "stale": stale,
        }
    )
    return render(request, "supervision/visit_fill.html", context, status=status)


def _saved(request, *, errors=None, visit=None, anchor="", version=None):
    """The htmx reply is just the 'saved' indicator, with the saved row's new version in
    a header for the next autosave; a plain form post goes back to the page."""
    if request.htmx:
        response = render(
            request,
            "supervision/_saved.html",
            {"errors": errors, "now": timezone.localtime()},
        )
        if version is not None:
            response["X-Lock-Version"] = str(version)
        return response
    if errors:
        for error in errors:
            messages.error(request, error)
    else:
        messages.success(request, _("บันทึกแล้ว"))
    return redirect(reverse("supervision:visit_fill", args=[visit.pk]) + anchor)


def _error_texts(form):
    return [
        f"{form.fields[f].label if f in form.fields else ''} {e}".strip()
        for f, errs in form.errors.items()
        for e in errs
    ]


@require_POST
@login_required
def answer_save(request, pk, answer_pk):
    visit = _fillable_visit(request, pk)
    answer = get_object_or_404(
        VisitAnswer.objects.select_related("form_item"), visit=visit, pk=answer_pk
    )
    form = AnswerForm(request.POST, instance=answer)
    if not form.is_valid():
        return _saved(
            request, errors=_error_texts(form), visit=visit, anchor=f"#answer-{answer.pk}"
        )
    try:
        saved = services.visit_save_answer(
            answer=answer,
            data=form.answer_data(),
            actor=request.user,
            lock_version=form.cleaned_data["lock_version"],
        )
    except services.StaleEditError as exc:
        current = exc.current
        kept = AnswerForm(_with_lock(request.POST, form, current.lock_version), instance=current)
        return _stale(request, visit, exc, form, kept, answer_form=kept)
    except ValidationError as exc:
        return _saved(request, errors=exc.messages, visit=visit, anchor=f"#answer-{answer.pk}")
    return _saved(request, visit=visit, anchor=f"#answer-{answer.pk}", version=saved.lock_version)


@require_POST
@login_required
def summary_save(request, pk):
    visit = _fillable_visit(request, pk)
    form = SummaryForm(request.POST, instance=visit)
    if not form.is_valid():
        return _saved(request, errors=_error_texts(form), visit=visit, anchor="#summary")
    try:
        saved = services.visit_save_summary(
            visit=visit,
            data=form.summary_data(),
            actor=request.user,
            lock_version=form.cleaned_data["lock_version"],
        )
    except services.StaleEditError as exc:
        current = exc.current
        kept = SummaryForm(
            _with_lock(request.POST, form, current.summary_version), instance=current
        )
        return _stale(request, visit, exc, form, kept, summary_form=kept)
    return _saved(request, visit=visit, anchor="#summary", version=saved.summary_version)


def _with_lock(data, form, version):
    """The posted data with the current version: saving it again, deliberately, works."""
    data = data.copy()
    data[form.add_prefix("lock_version")] = str(version)
    return data


def _stale(request, visit, exc, form, kept, **bound):
    """A save typed on an older version: 409, nothing saved, and what the user typed kept.

    The htmx reply replaces only the save indicator (the typed text is still in the page)
    and shows the colleague's saved text where it differs from the user's; a plain post
    gets the whole page back with the typed text and the current version."""
    if not request.htmx:
        visit.refresh_from_db()
        return _render_fill(request, visit, stale=exc.message, status=409, **bound)
    differing = []
    for name, typed in form.cleaned_data.items():
        saved = getattr(exc.current, name, None)
        if isinstance(saved, str) and saved and saved != typed:
            differing.append((form.fields[name].label, saved))
    version = kept["lock_version"].value()
    response = render(
        request,
        "supervision/_stale.html",
        {"message": exc.message, "differing": differing, "version": version},
        status=409,
    )
    response["X-Lock-Version"] = str(version)
    return response


@require_POST
@login_required
def visit_publish(request, pk):
    visit = _visible_visit(request, pk)
    if not visit.can_be_published_by(request.user):
        raise PermissionDenied
    try:
        services.visit_publish(visit=visit, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("supervision:visit_fill", pk=visit.pk)
    messages.success(request, _("เผยแพร่รายงานแล้ว สถานศึกษาสามารถเปิดดูได้"))
    return redirect("supervision:visit_detail", pk=visit.pk)


@require_POST
@role_required(User.Role.SCHOOL_STAFF)
def visit_acknowledge(request, pk):
    visit = _visible_visit(request, pk)
    if not visit.can_be_acknowledged_by(request.user):
        raise PermissionDenied
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        services.visit_acknowledge(
            visit=visit, actor=request.user, response=form.cleaned_data["response"]
        )
        messages.success(request, _("บันทึกการรับทราบและความเห็นของสถานศึกษาแล้ว"))
        return redirect("supervision:visit_detail", pk=visit.pk)
    context = reports.visit_report(visit)
    context.update({"can_acknowledge": True, "ack_form": form, "events": visit.events.all()})
    return render(request, "supervision/visit_detail.html", context, status=400)
