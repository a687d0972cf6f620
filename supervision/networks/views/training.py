"""Process 1 steps 4.1 and 5.5: the district's training and sharing events (attendance
by school, materials), each school's record of who was trained, and the innovations of
the schools' SARs listed for sharing and publication."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from iqa_district.accounts.access import (
    district_staff_required,
    quality_manager_required,
    request_user,
    role_required,
)
from iqa_district.downloads import file_download
from sar.models import SARVersion, SelfAssessmentReport
from schools.models import AcademicYear, School

from ...views.params import PAGE_SIZE, year_from
from .. import attendance, services
from ..forms import AttendeeForm, MaterialForm, TrainingForm
from ..models import SharedPractice, TrainingEvent, TrainingMaterial
from ..validators import content_type_of
from .common import READERS


def _event_for(request: HttpRequest, pk: int) -> TrainingEvent:
    return get_object_or_404(
        TrainingEvent.objects.visible_to(request_user(request)).select_related(
            "area_office", "academic_year"
        ),
        pk=pk,
    )


def _require_trainer(request: HttpRequest, office_id: int | None) -> None:
    if not services.can_manage_training(request_user(request), office_id):
        raise PermissionDenied


@require_safe
@role_required(*READERS)
def training_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    events = (
        TrainingEvent.objects.visible_to(user)
        .select_related("academic_year")
        .annotate(
            invited=Count("attendees", distinct=True),
            came=Count("attendees", filter=Q(attendees__attended=True), distinct=True),
            own=Count(
                "attendees",
                filter=Q(attendees__attended=True, attendees__school=user.school_id or 0),
                distinct=True,
            ),
        )
        .order_by("-held_on", "pk")
    )
    if q := request.GET.get("q", "").strip():
        events = events.filter(title__icontains=q)
    return render(
        request,
        "supervision/networks/training_list.html",
        {
            "page": Paginator(events, PAGE_SIZE).get_page(request.GET.get("page")),
            "q": q,
            "can_manage": services.can_manage_training(user, user.area_office_id),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@quality_manager_required
def training_create(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if user.area_office is None:
        raise PermissionDenied
    form = TrainingForm(request.POST or None, initial={"academic_year": year_from(request)})
    if request.method == "POST" and form.is_valid():
        event = services.training_save(office=user.area_office, actor=user, **form.cleaned_data)
        messages.success(request, _("บันทึกการอบรม/เวทีแลกเปลี่ยนเรียนรู้แล้ว"))
        return redirect("networks:training_detail", pk=event.pk)
    return render(
        request,
        "supervision/networks/training_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_safe
@role_required(*READERS)
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    event = _event_for(request, pk)
    attendees = event.attendees.select_related("school")
    if user.is_school_staff and not user.is_superuser:
        attendees = attendees.filter(school=user.school_id)
    can_manage = services.can_manage_training(user, event.area_office_id)
    return render(
        request,
        "supervision/networks/training_detail.html",
        {
            "event": event,
            "attendees": attendees,
            "attendance": attendance.training_attendance(event.pk) if can_manage else None,
            "materials": event.materials.all(),
            "can_manage": can_manage,
            "attendee_form": AttendeeForm(office_id=event.area_office_id),
            "material_form": MaterialForm(),
        },
    )


@require_POST
@quality_manager_required
def training_attendee_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_for(request, pk)
    _require_trainer(request, event.area_office_id)
    form = AttendeeForm(request.POST, office_id=event.area_office_id)
    if form.is_valid():
        try:
            services.training_attendee_add(
                event=event, actor=request_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("เพิ่มผู้เข้ารับการอบรมแล้ว"))
    else:
        messages.error(request, _("กรุณาเลือกสถานศึกษาและระบุชื่อ"))
    return redirect(reverse("networks:training_detail", args=[event.pk]) + "#attendees")


@require_POST
@quality_manager_required
def training_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_for(request, pk)
    _require_trainer(request, event.area_office_id)
    ids = [int(v) for v in request.POST.getlist("attended") if v.isdigit()]
    came = services.training_attendance_set(
        event=event, attended_ids=ids, actor=request_user(request)
    )
    messages.success(request, _("บันทึกการเข้ารับการอบรมแล้ว (%(n)s คน)") % {"n": came})
    return redirect(reverse("networks:training_detail", args=[event.pk]) + "#attendees")


@require_POST
@quality_manager_required
def training_material_upload(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_for(request, pk)
    _require_trainer(request, event.area_office_id)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.training_material_add(
                event=event, uploaded=form.cleaned_data["file"], actor=request_user(request)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("แนบเอกสารแล้ว"))
    else:
        messages.error(request, _("กรุณาเลือกไฟล์"))
    return redirect(reverse("networks:training_detail", args=[event.pk]) + "#materials")


@require_safe
@role_required(*READERS)
def training_material_download(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(
        TrainingMaterial.objects.filter(
            event__in=TrainingEvent.objects.visible_to(request_user(request))
        ),
        pk=pk,
    )
    content_type, extension = content_type_of(row.file.name or "")
    return file_download(  # type: ignore[return-value]
        row.file.open("rb"), row.original_name, content_type=content_type, extension=extension
    )


@require_safe
@role_required(*READERS)
def school_training(request: HttpRequest, pk: int) -> HttpResponse:
    """A school's record of who was trained, at which event."""
    user = request_user(request)
    schools = School.objects.visible_to(user)
    if user.is_school_staff and not user.is_superuser:
        schools = schools.filter(pk=user.school_id or 0)
    school = get_object_or_404(schools, pk=pk)
    return render(
        request,
        "supervision/networks/school_training.html",
        {"school": school, "rows": attendance.trained_by_school([school]).get(school.pk, [])},
    )


@require_safe
@district_staff_required
def practice_list(request: HttpRequest) -> HttpResponse:
    """Innovations and best practices that schools wrote in their submitted SARs of the
    year, each with whether it has been chosen and published."""
    user = request_user(request)
    year = year_from(request)
    # Each school's latest submitted version that names an innovation (a subquery, not
    # DISTINCT ON, which SQLite, the embedded default, does not have).
    written = SARVersion.objects.filter(submitted_at__isnull=False).exclude(innovations="")
    latest = written.filter(report=OuterRef("report")).order_by("-number").values("pk")[:1]
    versions = (
        written.filter(
            report__in=SelfAssessmentReport.objects.visible_to(user),
            report__academic_year=year,
            pk=Subquery(latest),
        )
        .select_related("report__school")
        .order_by("report__school__code")
    )
    if q := request.GET.get("q", "").strip():
        versions = versions.filter(
            Q(innovations__icontains=q) | Q(report__school__name__icontains=q)
        )
    page = Paginator(versions, PAGE_SIZE).get_page(request.GET.get("page"))
    shared = {
        p.school_id: p
        for p in SharedPractice.objects.filter(
            school__in=[v.report.school_id for v in page], academic_year=year
        )
    }
    return render(
        request,
        "supervision/networks/practice_list.html",
        {
            "page": page,
            "rows": [(v, shared.get(v.report.school_id)) for v in page],
            "year": year,
            "years": AcademicYear.objects.order_by("-year"),
            "q": q,
            "can_manage": services.can_manage_training(user, user.area_office_id),
        },
    )


@require_POST
@quality_manager_required
def practice_share(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    version = get_object_or_404(
        SARVersion.objects.filter(
            report__in=SelfAssessmentReport.objects.visible_to(user)
        ).select_related("report__school"),
        pk=pk,
    )
    public = request.POST.get("public") == "1"
    try:
        services.practice_share(version=version, public=public, actor=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("เผยแพร่แบบอย่างที่ดีแล้ว") if public else _("ยกเลิกการเผยแพร่แล้ว"))
    return redirect(f"{reverse('networks:practice_list')}?year={version.report.academic_year_id}")
