"""A school's semester self-evaluations: the list, and the school recording its own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from iqa_district.accounts.access import own_school_required
from schools.models import AcademicYear

from .. import services
from ..forms import SelfEvaluationForm
from ..models import SelfEvaluation, SelfEvaluationLevel, Semester
from .params import PAGE_SIZE, semester_from, year_from


@require_safe
@login_required
def self_evaluation_list(request):
    if request.user.is_committee_member:
        raise PermissionDenied
    year = year_from(request)
    semester = semester_from(request)
    evaluations = (
        SelfEvaluation.objects.visible_to(request.user)
        .select_related("school", "recorded_by")
        .prefetch_related(Prefetch("levels", queryset=_levels_queryset()), "committee_members")
    )
    if year:
        evaluations = evaluations.filter(academic_year=year)
    if semester:
        evaluations = evaluations.filter(semester=semester)
    q = request.GET.get("q", "").strip()
    if q:
        evaluations = evaluations.filter(Q(school__name__icontains=q) | Q(school__code=q))
    page = Paginator(evaluations.order_by("-date", "school__code"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
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
        },
    )


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
