"""Follow-up pages: the list (district: every school of the office, overdue first; school:
its own), a recommendation's page where the school reports and the district confirms or
reopens, and the list as a workbook."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST, require_safe

from iqa_district.accounts.access import (
    DISTRICT_STAFF,
    Role,
    quality_manager_required,
    request_user,
    role_required,
)
from iqa_district.downloads import XLSX_CONTENT_TYPE, file_download

from ..models import SynthesisRun
from . import services
from .forms import FollowupFilterForm, RecommendationUpdateForm, ReopenForm
from .models import Recommendation
from .resources import followup_workbook

READERS = (*DISTRICT_STAFF, Role.SCHOOL_STAFF)
PAGE_SIZE = 50


def _matching(request: HttpRequest) -> tuple[FollowupFilterForm, QuerySet[Recommendation]]:
    user = request_user(request)
    form = FollowupFilterForm(request.GET or None, user=user)
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {}) or {}
    today = timezone.localdate()
    rows = Recommendation.objects.visible_to(user).select_related(
        "school__cluster", "standard__standard_set", "item", "academic_year"
    )
    state = cleaned.get("state") or "open"
    if state == "open":
        rows = rows.open()
    elif state == "overdue":
        rows = rows.overdue(today)
    elif state == "closed":
        rows = rows.exclude(pk__in=Recommendation.objects.open().values("pk"))
    if source := cleaned.get("source"):
        rows = rows.filter(source=source)
    if cluster := cleaned.get("cluster"):
        rows = rows.filter(school__cluster=cluster)
    if standard := cleaned.get("standard"):
        rows = rows.filter(standard=standard)
    if q := cleaned.get("q"):
        rows = rows.filter(Q(school__name__icontains=q) | Q(school__code=q) | Q(text__icontains=q))
    return form, rows


def _filtered(request: HttpRequest) -> tuple[FollowupFilterForm, QuerySet[Recommendation]]:
    form, rows = _matching(request)
    return form, _overdue_first(rows)


def _overdue_first(rows: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    overdue = Recommendation.objects.overdue(timezone.localdate()).values("pk")
    return rows.annotate(
        late=Case(
            When(pk__in=overdue, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("late", "due_on", "school__name", "pk")


# Overdue: open, not yet done by the school, past the due date (as ``.overdue()``).
LATE_STATUSES = (
    Recommendation.Status.OPEN,
    Recommendation.Status.PLANNED,
    Recommendation.Status.IN_PROGRESS,
)
GROUPS = (
    ("cluster", "school__cluster__name", _l("สหวิทยาเขต/กลุ่มเครือข่าย")),
    ("standard", "standard__number", _l("มาตรฐาน")),
    ("source", "source", _l("ที่มา")),
)


def _summary(rows: QuerySet[Recommendation], *, district: bool) -> list[dict[str, Any]]:
    """The filtered list counted per cluster, per standard and per source, overdue first:
    one grouped query each, whatever the number of schools."""
    sources = dict(Recommendation.Source.choices)
    late = Q(status__in=LATE_STATUSES, due_on__lt=timezone.localdate())
    closed = Q(status__in=Recommendation.CLOSED) | Q(confirmed_at__isnull=False)
    plain = rows.order_by()
    tables = []
    for key, field, label in GROUPS:
        if key == "cluster" and not district:
            continue
        counted = (
            plain.values(field)
            .annotate(
                total=Count("pk"),
                overdue=Count("pk", filter=late),
                closed=Count("pk", filter=closed),
            )
            .order_by("-overdue", "-total", field)
        )
        groups = []
        for row in counted:
            name = row[field]
            if key == "source":
                name = sources.get(name, name)
            elif key == "standard" and name is not None:
                name = _("มาตรฐานที่ %(n)s") % {"n": name}
            groups.append({**row, "name": name if name is not None else "-"})
        tables.append({"key": key, "label": label, "rows": groups})
    return tables


@require_safe
@role_required(*READERS)
def followup_list(request: HttpRequest) -> HttpResponse:
    form, matching = _matching(request)
    page = Paginator(_overdue_first(matching), PAGE_SIZE).get_page(request.GET.get("page"))
    district = not request_user(request).is_school_staff
    return render(
        request,
        "sar/followup/list.html",
        {
            "form": form,
            "page": page,
            "summary": _summary(matching, district=district),
            "today": timezone.localdate(),
        },
    )


@require_safe
@role_required(*DISTRICT_STAFF)
def followup_export(request: HttpRequest) -> HttpResponseBase:
    _form, rows = _filtered(request)
    return file_download(
        followup_workbook(rows, today=timezone.localdate()),
        "ติดตามข้อเสนอแนะ.xlsx",
        content_type=XLSX_CONTENT_TYPE,
        extension="xlsx",
    )


def _visible(request: HttpRequest, pk: int) -> Recommendation:
    return get_object_or_404(
        Recommendation.objects.visible_to(request_user(request)).select_related(
            "school", "standard", "item", "owner", "confirmed_by"
        ),
        pk=pk,
    )


@role_required(*READERS)
def followup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = _visible(request, pk)
    user = request_user(request)
    can_update = services.can_update(user, recommendation) and not recommendation.is_closed
    initial = {
        "status": recommendation.status,
        "action": recommendation.action,
        "started_on": recommendation.started_on,
        "completed_on": recommendation.completed_on,
        "lock_version": recommendation.lock_version,
    }
    form = RecommendationUpdateForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if not can_update:
            return render(request, "403.html", status=403)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.recommendation_update(
                    recommendation=recommendation,
                    actor=user,
                    status=data["status"],
                    action=data["action"],
                    started_on=data["started_on"],
                    completed_on=data["completed_on"],
                    lock_version=data["lock_version"],
                )
            except services.StaleRecommendationError as exc:
                form.add_error(None, exc)
                status = 409
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("บันทึกการดำเนินงานตามข้อเสนอแนะแล้ว"))
                # Answered from the SAR editor: back to it (only a page of this site).
                back = request.POST.get("next", "")
                if back and url_has_allowed_host_and_scheme(
                    back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
                ):
                    return redirect(back)
                return redirect("followup:detail", pk=recommendation.pk)
    return render(
        request,
        "sar/followup/detail.html",
        {
            "recommendation": recommendation,
            "form": form,
            "can_update": can_update,
            "can_review": services.can_give(user, recommendation.school),
            "reopen_form": ReopenForm(),
            "events": recommendation.events.select_related("actor"),
            "today": timezone.localdate(),
        },
        status=status,
    )


@require_POST
@quality_manager_required
def followup_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = _visible(request, pk)
    try:
        services.recommendation_confirm(recommendation=recommendation, actor=request_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("ยืนยันการดำเนินงานตามข้อเสนอแนะแล้ว"))
    return redirect("followup:detail", pk=recommendation.pk)


@require_POST
@quality_manager_required
def followup_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = _visible(request, pk)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("กรุณาระบุเหตุผลที่ให้ดำเนินการต่อ"))
        return redirect("followup:detail", pk=recommendation.pk)
    try:
        services.recommendation_reopen(
            recommendation=recommendation,
            actor=request_user(request),
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("ส่งข้อเสนอแนะกลับให้สถานศึกษาดำเนินการต่อแล้ว"))
    return redirect("followup:detail", pk=recommendation.pk)


@require_POST
@quality_manager_required
def from_synthesis(request: HttpRequest, run_pk: int) -> HttpResponse:
    """Give every school below target in the run's synthesis its recommendations."""
    user = request_user(request)
    run = get_object_or_404(SynthesisRun.objects.visible_to(user), pk=run_pk)
    try:
        given = services.recommendations_from_synthesis(run=run, actor=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("sar:synthesis_detail", pk=run.pk)
    messages.success(
        request,
        _("สร้างข้อเสนอแนะใหม่ %(n)s รายการจากผลการสังเคราะห์ (รายการที่มีอยู่แล้วไม่สร้างซ้ำ)")
        % {"n": len(given)},
    )
    return redirect(f"{reverse('followup:list')}?source={Recommendation.Source.SYNTHESIS}")
