"""Process 5 pages: the cluster supervisor's dashboard, the cluster page, and form ๑
(open the survey, a school answers, the ranked summary, close)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from iqa_district.accounts.access import (
    district_staff_required,
    own_school_required,
    quality_manager_required,
    request_user,
    role_required,
)
from schools.models import AcademicYear, Cluster

from ...views.params import PAGE_SIZE, year_from
from .. import attendance, needs, overview, services
from ..forms import NeedsAnswerForm, PlanForm, SurveyOpenForm
from ..models import ClusterReport, NeedsResponse, NeedsSurvey, NetworkPlan
from .common import READERS


@require_safe
@district_staff_required
def network_dashboard(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    year = year_from(request)
    return render(
        request,
        "supervision/networks/dashboard.html",
        {
            "rows": overview.dashboard_rows(user, year),
            "year": year,
            "years": AcademicYear.objects.order_by("-year"),
        },
    )


def _cluster(request: HttpRequest, pk: int) -> Cluster:
    return get_object_or_404(
        Cluster.objects.visible_to(request_user(request)).select_related("area_office"), pk=pk
    )


@require_safe
@district_staff_required
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    cluster = _cluster(request, pk)
    year = year_from(request)
    schools = cluster.schools.select_related("area_office").thai_ordered()
    page = Paginator(schools, PAGE_SIZE).get_page(request.GET.get("page"))
    survey = (
        NeedsSurvey.objects.filter(cluster=cluster, academic_year=year).first() if year else None
    )
    plan = NetworkPlan.objects.filter(cluster=cluster, academic_year=year).first() if year else None
    activities = (
        list(plan.activities.select_related("network").order_by("starts_on", "pk")) if plan else []
    )
    counts = attendance.attendance_by_activity(plan.activities.all()) if plan else {}
    report = (
        ClusterReport.objects.filter(cluster=cluster, academic_year=year).first() if year else None
    )
    return render(
        request,
        "supervision/networks/cluster_detail.html",
        {
            "cluster": cluster,
            "supervisors": cluster.supervisors.order_by("first_name"),
            "page": page,
            "lines": overview.school_lines(user, list(page), year, timezone.localdate()),
            "size_bands": overview.size_band_counts(cluster),
            "year": year,
            "years": AcademicYear.objects.order_by("-year"),
            "survey": survey,
            "can_manage": services.can_manage_cluster(user, cluster),
            "open_form": SurveyOpenForm(initial={"academic_year": year}),
            "plan": plan,
            "plan_form": PlanForm(initial={"academic_year": year}),
            "activities": [(a, counts.get(a.pk, (0, 0))) for a in activities],
            "network_count": cluster.networks.count(),
            "report": report,
        },
    )


@require_POST
@quality_manager_required
def survey_open(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    cluster = _cluster(request, pk)
    if not services.can_manage_cluster(user, cluster):
        raise PermissionDenied
    form = SurveyOpenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("ข้อมูลไม่ถูกต้อง: กรุณาเลือกปีการศึกษาและวันที่ให้ถูกต้อง"))
        return redirect("networks:cluster_detail", pk=cluster.pk)
    try:
        survey = services.survey_open(
            cluster=cluster,
            academic_year=form.cleaned_data["academic_year"],
            closes_on=form.cleaned_data["closes_on"],
            actor=user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("networks:cluster_detail", pk=cluster.pk)
    messages.success(request, _("เปิดแบบสำรวจความต้องการแล้ว สถานศึกษาในกลุ่มตอบได้ทันที"))
    return redirect("networks:survey_detail", pk=survey.pk)


@require_safe
@role_required(*READERS)
def survey_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    surveys = (
        NeedsSurvey.objects.visible_to(user)
        .select_related("cluster", "academic_year")
        .annotate(answered=Count("responses", distinct=True))
        .order_by("-academic_year", "cluster__name")
    )
    if q := request.GET.get("q", "").strip():
        surveys = surveys.filter(cluster__name__icontains=q)
    answered_ids: set[int] = set()
    if user.is_school_staff:
        answered_ids = set(
            NeedsResponse.objects.filter(school=user.school_id).values_list("survey", flat=True)
        )
    return render(
        request,
        "supervision/networks/survey_list.html",
        {
            "page": Paginator(surveys, PAGE_SIZE).get_page(request.GET.get("page")),
            "answered_ids": answered_ids,
            "q": q,
        },
    )


def _survey(request: HttpRequest, pk: int) -> NeedsSurvey:
    return get_object_or_404(
        NeedsSurvey.objects.visible_to(request_user(request)).select_related(
            "cluster__area_office", "academic_year"
        ),
        pk=pk,
    )


@require_safe
@role_required(*READERS)
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    survey = _survey(request, pk)
    if user.is_school_staff:
        # A school sees its own answer, never the other schools'.
        return redirect("networks:survey_answer", pk=survey.pk)
    responses = {r.school_id: r for r in survey.responses.select_related("answered_by")}
    schools = list(survey.cluster.schools.thai_ordered())
    return render(
        request,
        "supervision/networks/survey_detail.html",
        {
            "survey": survey,
            "ranked": needs.ranked_needs(survey),
            "supports": needs.support_counts(survey),
            "schools": [(school, responses.get(school.pk)) for school in schools],
            "answered": len(responses),
            "can_manage": services.can_manage_cluster(user, survey.cluster),
        },
    )


@own_school_required
def survey_answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    survey = _survey(request, pk)
    school = user.school
    assert school is not None  # own_school_required
    response = (
        NeedsResponse.objects.filter(survey=survey, school=school).prefetch_related("needs").first()
    )
    form = NeedsAnswerForm(request.POST or None, response=response)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.survey_answer(
                    survey=survey,
                    school=school,
                    priorities=form.cleaned_data["priorities"],
                    supports=form.cleaned_data["supports"],
                    comments=form.cleaned_data["comments"],
                    actor=user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("บันทึกคำตอบแบบสำรวจแล้ว"))
                return redirect("networks:survey_answer", pk=survey.pk)
        status = 400
    return render(
        request,
        "supervision/networks/survey_answer.html",
        {"survey": survey, "form": form, "response": response, "school": school},
        status=status,
    )


@require_POST
@quality_manager_required
def survey_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    survey = _survey(request, pk)
    if not services.can_manage_cluster(user, survey.cluster):
        raise PermissionDenied
    services.survey_close(survey=survey, actor=user)
    messages.success(request, _("ปิดรับคำตอบแล้ว"))
    return redirect("networks:survey_detail", pk=survey.pk)
