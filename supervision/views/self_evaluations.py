"""A school's semester self-evaluations: the list, and the school recording its own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from iqa_district import thai
from iqa_district.accounts.access import own_school_required
from iqa_district.downloads import XLSX_CONTENT_TYPE, file_download
from iqa_district.spreadsheets import table_workbook
from schools.models import AcademicYear

from .. import services
from ..forms import SelfEvaluationForm
from ..models import SelfEvaluation, SelfEvaluationLevel, Semester
from .params import PAGE_SIZE, semester_from, year_from


@require_safe
@login_required
def self_evaluation_list(request):
    evaluations, year, semester, q = _self_evaluations_filtered(request)
    page = Paginator(evaluations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "supervision/self_evaluation_list.html",
        {
            "page": page,
            "year": year,
            "semester": semester,
            "years": AcademicYear.objects.all(),
            "semesters": Semester.choices,
            "q": q,
            "can_record": request.user.is_school_staff,
            "query": request.GET.urlencode(),
        },
    )


def _self_evaluations_filtered(request):
    if request.user.is_committee_member:
        raise PermissionDenied
    year = year_from(request)
    semester = semester_from(request)
    evaluations = (
        SelfEvaluation.objects.visible_to(request.user)
        .select_related("school__cluster", "recorded_by")
        .prefetch_related(Prefetch("levels", queryset=_levels_queryset()), "committee_members")
    )
    if year:
        evaluations = evaluations.filter(academic_year=year)
    if semester:
        evaluations = evaluations.filter(semester=semester)
    q = request.GET.get("q", "").strip()
    if q:
        evaluations = evaluations.filter(Q(school__name__icontains=q) | Q(school__code=q))
    return evaluations.order_by("-date", "school__code"), year, semester, q


@require_safe
@login_required
def self_evaluation_list_xlsx(request):
    """The self-evaluations as filtered on the list, every row, formula-safe: the level of
    each standard in one cell per evaluation (schools of different levels have different
    standards), and the school's committee."""
    evaluations, year, _semester, _q = _self_evaluations_filtered(request)
    rows = (
        (
            e.school.code,
            e.school.name,
            e.school.cluster.name if e.school.cluster else "",
            f"{e.academic_year_id}/{e.semester}",
            thai.format_date_short(e.date),
            "; ".join(
                f"{lv.standard.standard_set.get_level_display()} มาตรฐานที่ {lv.standard.number}: "
                f"{lv.get_level_display() if lv.level else '–'}"
                for lv in e.levels.all()
            ),
            e.committee_order,
            "; ".join(f"{m.name} ({m.get_role_display()})" for m in e.committee_members.all()),
            e.notes,
        )
        for e in evaluations.iterator(chunk_size=500)
    )
    content = table_workbook(
        "การประเมินภายใน",
        [
            "รหัสสถานศึกษา",
            "ชื่อสถานศึกษา",
            "สหวิทยาเขต/กลุ่มเครือข่าย",
            "ปีการศึกษา/ภาคเรียน",
            "วันที่ประเมิน",
            "ระดับคุณภาพรายมาตรฐาน",
            "คำสั่งแต่งตั้งคณะกรรมการ",
            "คณะกรรมการประเมินภายใน",
            "สรุปผลและข้อสังเกต",
        ],
        rows,
        widths=(14, 36, 24, 14, 12, 60, 30, 50, 50),
    )
    name = f"self-evaluations-{year.year if year else 'all'}"
    return file_download(content, name, content_type=XLSX_CONTENT_TYPE, extension="xlsx")


def _levels_queryset():
    return SelfEvaluationLevel.objects.select_related("standard__standard_set").order_by(
        "standard__standard_set__level", "standard__number"
    )


@own_school_required
def self_evaluation_edit(request, pk=None):
    school = request.user.school
    instance = None
    if pk is not None:
        instance = get_object_or_404(SelfEvaluation.objects.visible_to(request.user), pk=pk)
    form = SelfEvaluationForm(request.POST or None, school=school, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.self_evaluation_record(
                school=school,
                date=form.cleaned_data["date"],
                committee_order=form.cleaned_data["committee_order"],
                committee_members=form.members(),
                notes=form.cleaned_data["notes"],
                levels=form.levels(),
                actor=request.user,
                instance=instance,
                submission_key=form.cleaned_data.get("submission_key"),
            )
        except services.DuplicateSubmissionError:
            # The same form sent twice (a double click, a resent page): one evaluation.
            messages.info(request, _("ผลการประเมินนี้บันทึกไว้แล้วจากการกดส่งครั้งแรก ระบบจึงไม่สร้างรายการซ้ำ"))
            return redirect("supervision:self_evaluation_list")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("บันทึกผลการประเมินคุณภาพภายในแล้ว"))
            return redirect("supervision:self_evaluation_list")
    return render(
        request, "supervision/self_evaluation_form.html", {"form": form, "evaluation": instance}
    )
