"""The national batch pages, for the central office (a superuser): start a batch of
every area office, follow its progress (htmx polls as on a run's page), retry the
offices that failed."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from iqa_district.accounts.access import request_user, role_required
from schools.models import AcademicYear

from ..models import NationalBatch, SynthesisRun
from . import national

# role_required with no role: superusers only (the central office of every district).
superuser_required = role_required()


class NationalStartForm(forms.Form):
    academic_year = forms.ModelChoiceField(
        label=gettext_lazy("ปีการศึกษา"),
        queryset=AcademicYear.objects.order_by("-year"),
        empty_label=None,
    )


def _batches_page(request, form, status=200):
    page = Paginator(
        NationalBatch.objects.select_related("academic_year", "requested_by"), 20
    ).get_page(request.GET.get("page"))
    rows = [(batch, national.national_batch_progress(batch)) for batch in page]
    return render(
        request,
        "sar/national/batch_list.html",
        {"page": page, "rows": rows, "form": form},
        status=status,
    )


@superuser_required
@require_GET
def national_batches(request):
    return _batches_page(request, NationalStartForm())


@superuser_required
@require_POST
def national_batch_start(request):
    form = NationalStartForm(request.POST)
    if not form.is_valid():
        return _batches_page(request, form, status=400)
    batch = national.national_batch_start(
        academic_year=form.cleaned_data["academic_year"], actor=request_user(request)
    )
    messages.success(request, _("เริ่มสังเคราะห์ทุกเขตพื้นที่แล้ว หน้านี้จะแสดงความคืบหน้าจนเสร็จ"))
    return redirect("sar:national_batch_detail", pk=batch.pk)


def _office_rows(batch, request):
    """The latest run of each office, unfinished and failed ones first, paginated."""
    order = {"failed": 0, "running": 1, "pending": 2, "done": 3}
    runs = (
        national.latest_runs(batch)
        .defer("results")
        .select_related("area_office")
        .order_by("area_office__code")
    )
    status = request.GET.get("status", "")
    if status in order:
        runs = runs.filter(status=status)
    return Paginator(runs, 50).get_page(request.GET.get("page")), status


@superuser_required
@require_GET
def national_batch_detail(request, pk):
    batch = get_object_or_404(NationalBatch.objects.select_related("academic_year"), pk=pk)
    page, status = _office_rows(batch, request)
    return render(
        request,
        "sar/national/batch_detail.html",
        {
            "batch": batch,
            "progress": national.national_batch_progress(batch),
            "page": page,
            "status": status,
            "statuses": SynthesisRun.Status.choices,
        },
    )


@superuser_required
@require_GET
def national_batch_progress(request, pk):
    """The fragment htmx polls every two seconds; the page reloads when all is over."""
    batch = get_object_or_404(NationalBatch, pk=pk)
    progress = national.national_batch_progress(batch)
    response = render(
        request, "sar/national/_progress.html", {"batch": batch, "progress": progress}
    )
    if progress.finished and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@superuser_required
@require_POST
def national_batch_retry(request, pk):
    batch = get_object_or_404(NationalBatch, pk=pk)
    runs = national.national_batch_retry_failed(batch=batch, actor=request_user(request))
    if runs:
        messages.success(
            request,
            _("ส่งสังเคราะห์ใหม่ %(n)s เขตพื้นที่ที่ล้มเหลวแล้ว") % {"n": len(runs)},
        )
    else:
        messages.info(request, _("ไม่มีเขตพื้นที่ที่ล้มเหลวให้สังเคราะห์ใหม่"))
    return redirect("sar:national_batch_detail", pk=batch.pk)
