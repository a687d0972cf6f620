"""Research pages: the list, a project (detail, form, status moves, notes, files), its
instruments and their statistics; and the respondent's page, which needs no account."""

import secrets

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from iqa_district.accounts.access import DISTRICT_STAFF, Role, request_user, role_required
from iqa_district.accounts.client_ip import client_ip
from supervision.models import FormItem

from . import services, statistics
from .forms import FileForm, InstrumentForm, MoveForm, NoteForm, ProjectFilterForm, ProjectForm
from .models import Instrument, ResearchProject

READERS = (*DISTRICT_STAFF, Role.SCHOOL_STAFF)
WRITERS = (Role.DISTRICT_ADMIN, Role.SUPERVISOR, Role.SCHOOL_STAFF)
PAGE_SIZE = 30
RESPONSES_PER_IP = 60  # per 10 minutes and link: a school's computer room fits, a script does not


def _filtered(request: HttpRequest) -> tuple[ProjectFilterForm, QuerySet[ResearchProject]]:
    user = request_user(request)
    form = ProjectFilterForm(request.GET or None, user=user)
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {}) or {}
    rows = ResearchProject.objects.visible_to(user).select_related("school", "academic_year")
    if status := cleaned.get("status"):
        rows = rows.filter(status=status)
    if year := cleaned.get("year"):
        rows = rows.filter(academic_year=year)
    if standard := cleaned.get("standard"):
        rows = rows.filter(
            pk__in=ResearchProject.standards.through.objects.filter(standard=standard).values(
                "researchproject"
            )
        )
    if school := cleaned.get("school"):
        taking_part = ResearchProject.schools.through.objects.filter(school=school)
        rows = rows.filter(Q(school=school) | Q(pk__in=taking_part.values("researchproject")))
    if q := cleaned.get("q"):
        rows = rows.filter(Q(title__icontains=q) | Q(researchers__icontains=q))
    return form, rows.order_by("-academic_year", "title", "pk")


@require_safe
@role_required(*READERS)
def project_list(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "research/list.html", {"form": form, "page": page})


def _visible(request: HttpRequest, pk: int) -> ResearchProject:
    return get_object_or_404(
        ResearchProject.objects.visible_to(request_user(request)).select_related(
            "school", "academic_year", "area_office"
        ),
        pk=pk,
    )


@require_safe
@role_required(*READERS)
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _visible(request, pk)
    user = request_user(request)
    moves = [
        (status, ResearchProject.Status(status).label)
        for status in services.TRANSITIONS.get(project.status, ())
        if services._may_move(user, project, status)
    ]
    return render(
        request,
        "research/detail.html",
        {
            "project": project,
            "moves": moves,
            "can_manage": services.can_manage(user, project),
            "can_note": services.can_manage_office(user, project.area_office_id),
            "events": project.events.select_related("actor"),
            "files": project.files.all(),
            "instruments": project.instruments.select_related("template", "school"),
            "file_form": FileForm(),
            "note_form": NoteForm(),
        },
    )


def _save_project(request: HttpRequest, project: ResearchProject, template: str) -> HttpResponse:
    user = request_user(request)
    form = ProjectForm(request.POST or None, instance=project, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        candidate = form.save(commit=False)
        try:
            saved = services.project_save(
                project=candidate,
                actor=user,
                schools=data["schools"],
                standards=data["standards"],
                items=data["items"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("บันทึกโครงการวิจัยแล้ว"))
            return redirect("research:detail", pk=saved.pk)
    return render(request, template, {"form": form, "project": project})


@role_required(*WRITERS)
def project_create(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if user.area_office_id is None:
        raise PermissionDenied
    project = ResearchProject(area_office_id=user.area_office_id)
    if user.is_school_staff:
        project.school_id = user.school_id
        project.kind = ResearchProject.Kind.SCHOOL
    return _save_project(request, project, "research/form.html")


@role_required(*WRITERS)
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _visible(request, pk)
    if not services.can_manage(request_user(request), project) or not project.is_editable:
        raise PermissionDenied
    return _save_project(request, project, "research/form.html")


@require_POST
@role_required(*WRITERS)
def project_move(request: HttpRequest, pk: int) -> HttpResponse:
    project = _visible(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("สถานะไม่ถูกต้อง"))
        return redirect("research:detail", pk=pk)
    try:
        services.project_move(
            project=project,
            to_status=form.cleaned_data["to_status"],
            actor=request_user(request),
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("เปลี่ยนสถานะแล้ว"))
    return redirect("research:detail", pk=pk)


@require_POST
@role_required(Role.DISTRICT_ADMIN, Role.SUPERVISOR)
def project_note(request: HttpRequest, pk: int) -> HttpResponse:
    project = _visible(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.project_add_note(
            project=project, note=form.cleaned_data["note"], actor=request_user(request)
        )
        messages.success(request, _("บันทึกการนิเทศแล้ว"))
    else:
        messages.error(request, _("กรุณาระบุบันทึกการนิเทศ"))
    return redirect("research:detail", pk=pk)


@require_POST
@role_required(*WRITERS)
def project_file_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _visible(request, pk)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        services.file_add(
            project=project,
            kind=form.cleaned_data["kind"],
            uploaded=form.cleaned_data["file"],
            actor=request_user(request),
        )
        messages.success(request, _("แนบไฟล์แล้ว"))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))  # type: ignore[misc]
    return redirect("research:detail", pk=pk)


@role_required(*WRITERS)
def instrument_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _visible(request, pk)
    user = request_user(request)
    if not services.can_manage(user, project):
        raise PermissionDenied
    form = InstrumentForm(
        request.POST or None, user=user, project=project, instance=Instrument(project=project)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.instrument_save(instrument=form.save(commit=False), actor=user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("เพิ่มเครื่องมือวิจัยแล้ว"))
            return redirect("research:detail", pk=project.pk)
    return render(request, "research/instrument_form.html", {"form": form, "project": project})


def _visible_instrument(request: HttpRequest, pk: int) -> Instrument:
    return get_object_or_404(
        Instrument.objects.visible_to(request_user(request)).select_related(
            "project", "template", "school"
        ),
        pk=pk,
    )


@require_POST
@role_required(*WRITERS)
def instrument_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = _visible_instrument(request, pk)
    services.instrument_set_open(
        instrument=instrument, is_open=not instrument.is_open, actor=request_user(request)
    )
    return redirect("research:detail", pk=instrument.project_id)


def _questionnaire(instrument: Instrument) -> list[tuple[object, list[FormItem]]]:
    items = (
        FormItem.objects.filter(section__template=instrument.template_id)
        .select_related("section")
        .order_by("section__order", "section__pk", "order", "pk")
    )
    sections: dict[int, tuple[object, list[FormItem]]] = {}
    for item in items:
        sections.setdefault(item.section_id, (item.section, []))[1].append(item)
    return list(sections.values())


RESPONDENT_COOKIE = "research_respondent"


def respond(request: HttpRequest, token: str) -> HttpResponse:
    """The respondent's page: no account, Thai, phone-sized. The browser keeps the
    answers in localStorage until the server has them (static/js/research_respond.js)."""
    instrument = get_object_or_404(
        Instrument.objects.select_related("project", "template", "school"), token=token
    )
    context: dict[str, object] = {"instrument": instrument, "errors": [], "posted": {}}
    if not instrument.is_open:
        return render(request, "research/respond_closed.html", context, status=410)
    key = request.COOKIES.get(RESPONDENT_COOKIE) or secrets.token_urlsafe(16)
    status = 200
    if request.method == "POST":
        throttle = f"research-respond:{instrument.pk}:{client_ip(request)}"
        cache.add(throttle, 0, timeout=600)
        if cache.incr(throttle) > RESPONSES_PER_IP:
            return render(
                request, "research/respond_closed.html", {**context, "throttled": True}, status=429
            )
        try:
            services.response_submit(instrument=instrument, raw=request.POST, respondent_key=key)
        except services.AlreadyAnsweredError:
            return render(request, "research/respond_done.html", {**context, "again": True})
        except ValidationError as exc:
            if getattr(exc, "code", None) == "closed":
                return render(request, "research/respond_closed.html", context, status=410)
            context["errors"] = exc.messages
            context["posted"] = request.POST
            status = 400
        else:
            return render(request, "research/respond_done.html", context)
    context["sections"] = _questionnaire(instrument)
    context["likert"] = [(p, statistics.POINT_LABELS[p]) for p in statistics.POINTS]
    response = render(request, "research/respond.html", context, status=status)
    response.set_cookie(
        RESPONDENT_COOKIE,
        key,
        max_age=365 * 86400,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
