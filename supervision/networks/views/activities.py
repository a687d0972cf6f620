"""Steps 2–5 of process 5: the cluster's networks and members, the year's network plan,
its activities (participants, attendance, photos and files) and form ๒."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from iqa_district import downloads
from iqa_district.accounts.access import quality_manager_required, request_user, role_required
from schools.models import AcademicYear

from ...views.params import PAGE_SIZE, year_from
from .. import attendance, services
from ..forms import (
    ActivityFileForm,
    ActivityForm,
    EvaluationForm,
    MemberForm,
    NetworkForm,
    ParticipantForm,
    PlanForm,
    RecordForm,
)
from ..models import Activity, ActivityEvaluation, ActivityFile, NeedArea, Network, NetworkMember
from ..validators import content_type_of
from .common import (
    READERS,
    activity_for,
    cluster_for,
    network_for,
    plan_for,
    require_manager,
)


def _errors(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


# --- networks ---------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(*READERS)
def network_list(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    cluster = cluster_for(request, pk)
    can_manage = services.can_manage_cluster(user, cluster)
    form = NetworkForm(request.POST or None)
    if request.method == "POST":
        require_manager(request, cluster)
        if form.is_valid():
            try:
                network = services.network_create(cluster=cluster, actor=user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("เพิ่มเครือข่ายแล้ว"))
                return redirect("networks:network_detail", pk=network.pk)
    networks = cluster.networks.annotate(member_count=Count("members")).order_by("kind", "name")
    return render(
        request,
        "supervision/networks/network_list.html",
        {"cluster": cluster, "networks": networks, "form": form, "can_manage": can_manage},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(*READERS)
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    network = network_for(request, pk)
    cluster = network.cluster
    form = MemberForm(request.POST or None, cluster=cluster)
    if request.method == "POST":
        require_manager(request, cluster)
        if form.is_valid():
            try:
                services.network_member_add(network=network, actor=user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("เพิ่มสมาชิกแล้ว"))
                return redirect("networks:network_detail", pk=network.pk)
    return render(
        request,
        "supervision/networks/network_detail.html",
        {
            "network": network,
            "cluster": cluster,
            "members": network.members.select_related("school"),
            "form": form,
            "can_manage": services.can_manage_cluster(user, cluster),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@quality_manager_required
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(
        NetworkMember.objects.filter(
            network__in=Network.objects.visible_to(request_user(request))
        ).select_related("network__cluster"),
        pk=pk,
    )
    services.network_member_remove(member=member, actor=request_user(request))
    messages.success(request, _("ลบสมาชิกแล้ว"))
    return redirect("networks:network_detail", pk=member.network_id)


# --- the plan ---------------------------------------------------------------------------


@require_POST
@quality_manager_required
def plan_save(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = cluster_for(request, pk)
    require_manager(request, cluster)
    form = PlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("ข้อมูลไม่ถูกต้อง: กรุณาเลือกปีการศึกษา"))
        return redirect("networks:cluster_detail", pk=cluster.pk)
    plan = services.plan_save(cluster=cluster, actor=request_user(request), **form.cleaned_data)
    messages.success(request, _("บันทึกแผนการนิเทศเครือข่ายแล้ว"))
    return redirect("networks:plan_detail", pk=plan.pk)


@require_safe
@role_required(*READERS)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    plan = plan_for(request, pk)
    activities = plan.activities.select_related("network").prefetch_related(
        "target_schools", "standards__standard_set"
    )
    counts = attendance.attendance_by_activity(activities)
    labels = dict(NeedArea.choices)
    rows = [
        {
            "activity": activity,
            "invited": counts.get(activity.pk, (0, 0))[0],
            "attended": counts.get(activity.pk, (0, 0))[1],
            "needs": [labels.get(area, area) for area in activity.need_areas],
        }
        for activity in activities
    ]
    return render(
        request,
        "supervision/networks/plan_detail.html",
        {
            "plan": plan,
            "cluster": plan.cluster,
            "rows": rows,
            "can_manage": services.can_manage_cluster(user, plan.cluster),
            "plan_form": PlanForm(
                initial={"academic_year": plan.academic_year_id, "goals": plan.goals}
            ),
        },
    )


# --- activities -------------------------------------------------------------------------


def _activity_form_view(
    request: HttpRequest, plan_pk: int, activity_pk: int | None
) -> HttpResponse:
    user = request_user(request)
    activity = activity_for(request, activity_pk) if activity_pk else None
    plan = activity.plan if activity else plan_for(request, plan_pk)
    require_manager(request, plan.cluster)
    initial = None
    if activity is not None:
        initial = {
            "kind": activity.kind,
            "title": activity.title,
            "network": activity.network_id,
            "starts_on": activity.starts_on,
            "ends_on": activity.ends_on,
            "place": activity.place,
            "target_schools": list(activity.target_schools.all()),
            "target_teachers": activity.target_teachers,
            "need_areas": activity.need_areas,
            "standards": list(activity.standards.all()),
            "objectives": activity.objectives,
        }
    form = ActivityForm(request.POST or None, initial=initial, cluster=plan.cluster)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.activity_save(
                plan=plan, activity=activity, actor=user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกกิจกรรมแล้ว"))
            return redirect("networks:activity_detail", pk=saved.pk)
    return render(
        request,
        "supervision/networks/activity_form.html",
        {"plan": plan, "activity": activity, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@quality_manager_required
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _activity_form_view(request, pk, None)


@require_http_methods(["GET", "HEAD", "POST"])
@quality_manager_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _activity_form_view(request, 0, pk)


@require_safe
@role_required(*READERS)
def activity_list(request: HttpRequest) -> HttpResponse:
    """The activities a user may see (a school: its cluster's), newest first, with the
    number of the school's own people who came."""
    user = request_user(request)
    year = year_from(request)
    activities = (
        Activity.objects.visible_to(user)
        .filter(plan__academic_year=year)
        .select_related("plan__cluster", "network")
        .annotate(
            own=Count(
                "participants",
                filter=Q(participants__attended=True, participants__school=user.school_id or 0),
            )
        )
        .order_by("-starts_on", "pk")
    )
    if q := request.GET.get("q", "").strip():
        activities = activities.filter(Q(title__icontains=q) | Q(plan__cluster__name__icontains=q))
    return render(
        request,
        "supervision/networks/activity_list.html",
        {
            "page": Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page")),
            "q": q,
            "year": year,
            "years": AcademicYear.objects.order_by("-year"),
        },
    )


@require_safe
@role_required(*READERS)
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    activity = activity_for(request, pk)
    cluster = activity.plan.cluster
    participants = activity.participants.select_related("school")
    if user.is_school_staff and not user.is_superuser:
        # A school sees its own people's attendance, not the other schools'.
        participants = participants.filter(school=user.school_id)
    evaluation = (
        ActivityEvaluation.objects.filter(activity=activity).prefetch_related("ratings").first()
    )
    can_manage = services.can_manage_cluster(user, cluster)
    labels = dict(NeedArea.choices)
    return render(
        request,
        "supervision/networks/activity_detail.html",
        {
            "activity": activity,
            "plan": activity.plan,
            "cluster": cluster,
            "participants": participants,
            "attendance": attendance.activity_attendance(activity) if can_manage else None,
            "files": activity.files.all(),
            "evaluation": evaluation,
            "satisfaction": attendance.satisfaction_summary(activity) if can_manage else None,
            "satisfaction_url": request.build_absolute_uri(
                reverse("public:networks_satisfaction", args=[activity.satisfaction_token])
            ),
            "needs": [labels.get(area, area) for area in activity.need_areas],
            "can_manage": can_manage,
            "record_form": RecordForm(
                initial={"what_was_done": activity.what_was_done, "results": activity.results}
            ),
            "participant_form": ParticipantForm(cluster=cluster),
            "file_form": ActivityFileForm(),
        },
    )


@require_POST
@quality_manager_required
def activity_record(request: HttpRequest, pk: int) -> HttpResponse:
    activity = activity_for(request, pk)
    require_manager(request, activity.plan.cluster)
    form = RecordForm(request.POST)
    if form.is_valid():
        services.activity_record(
            activity=activity, actor=request_user(request), **form.cleaned_data
        )
        messages.success(request, _("บันทึกผลการดำเนินกิจกรรมแล้ว"))
    else:
        messages.error(request, _("กรุณาบันทึกการดำเนินงาน"))
    return redirect("networks:activity_detail", pk=activity.pk)


@require_POST
@quality_manager_required
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = activity_for(request, pk)
    cluster = activity.plan.cluster
    require_manager(request, cluster)
    form = ParticipantForm(request.POST, cluster=cluster)
    if form.is_valid():
        try:
            services.participant_add(
                activity=activity, actor=request_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("เพิ่มผู้เข้าร่วมแล้ว"))
    else:
        messages.error(request, _("กรุณาระบุชื่อและบทบาทของผู้เข้าร่วม"))
    return redirect(reverse("networks:activity_detail", args=[activity.pk]) + "#participants")


@require_POST
@quality_manager_required
def attendance_save(request: HttpRequest, pk: int) -> HttpResponse:
    activity = activity_for(request, pk)
    require_manager(request, activity.plan.cluster)
    ids = [int(v) for v in request.POST.getlist("attended") if v.isdigit()]
    came = services.attendance_set(activity=activity, attended_ids=ids, actor=request_user(request))
    messages.success(request, _("บันทึกการเข้าร่วมแล้ว (%(n)s คน)") % {"n": came})
    return redirect(reverse("networks:activity_detail", args=[activity.pk]) + "#participants")


@require_POST
@quality_manager_required
def file_upload(request: HttpRequest, pk: int) -> HttpResponse:
    activity = activity_for(request, pk)
    require_manager(request, activity.plan.cluster)
    form = ActivityFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.activity_file_add(
                activity=activity,
                kind=form.cleaned_data["kind"],
                uploaded=form.cleaned_data["file"],
                actor=request_user(request),
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("แนบไฟล์แล้ว"))
    else:
        messages.error(request, _("กรุณาเลือกไฟล์"))
    return redirect(reverse("networks:activity_detail", args=[activity.pk]) + "#files")


def _file_for(request: HttpRequest, pk: int) -> ActivityFile:
    return get_object_or_404(
        ActivityFile.objects.filter(
            activity__in=Activity.objects.visible_to(request_user(request))
        ).select_related("activity__plan__cluster"),
        pk=pk,
    )


@require_safe
@role_required(*READERS)
def file_download(request: HttpRequest, pk: int) -> HttpResponse:
    row = _file_for(request, pk)
    content_type, extension = content_type_of(row.file.name or "")
    inline = row.kind == ActivityFile.Kind.PHOTO
    return downloads.file_download(  # type: ignore[return-value]
        row.file.open("rb"),
        row.original_name,
        content_type=content_type,
        extension=extension,
        inline=inline,
    )


@require_POST
@quality_manager_required
def file_delete(request: HttpRequest, pk: int) -> HttpResponse:
    row = _file_for(request, pk)
    activity_pk = row.activity_id
    services.activity_file_delete(file=row, actor=request_user(request))
    messages.success(request, _("ลบไฟล์แล้ว"))
    return redirect(reverse("networks:activity_detail", args=[activity_pk]) + "#files")


# --- form ๒ and the satisfaction link ----------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(*READERS)
def evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    activity = activity_for(request, pk)
    cluster = activity.plan.cluster
    can_manage = services.can_manage_cluster(user, cluster)
    existing = ActivityEvaluation.objects.filter(activity=activity).first()
    initial: dict[str, object] = {
        "signed_on": timezone.localdate(),
        "evaluator_name": user.display_name,
    }
    if existing is not None:
        initial = {
            field: getattr(existing, field)
            for field in (
                "scale",
                "strengths",
                "improvements",
                "recommendations",
                "evaluator_name",
                "evaluator_position",
                "receiver_name",
                "receiver_position",
                "signed_on",
            )
        }
        for rating in existing.ratings.all():
            value = str(rating.level) if rating.level is not None else None
            initial[f"rating_{rating.number}"] = value or ("met" if rating.met else "not_met")
    form = EvaluationForm(
        request.POST or None, initial=initial, objectives=activity.objective_lines()
    )
    if request.method == "POST":
        require_manager(request, cluster)
        if form.is_valid():
            data = dict(form.cleaned_data)
            ratings = data.pop("ratings")
            for key in [k for k in data if k.startswith("rating_")]:
                data.pop(key)
            try:
                services.evaluation_save(activity=activity, ratings=ratings, actor=user, **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("บันทึกแบบนิเทศ/ประเมินกิจกรรมแล้ว"))
                return redirect("networks:activity_detail", pk=activity.pk)
    return render(
        request,
        "supervision/networks/evaluation_form.html",
        {"activity": activity, "form": form, "evaluation": existing, "can_manage": can_manage},
        status=400 if form.errors else 200,
    )


@require_POST
@quality_manager_required
def satisfaction_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    activity = activity_for(request, pk)
    require_manager(request, activity.plan.cluster)
    is_open = request.POST.get("open") == "1"
    services.satisfaction_set_open(activity=activity, is_open=is_open, actor=request_user(request))
    messages.success(
        request, _("เปิดรับแบบสอบถามความพึงพอใจแล้ว") if is_open else _("ปิดรับแบบสอบถามแล้ว")
    )
    return redirect(reverse("networks:activity_detail", args=[activity.pk]) + "#satisfaction")
