"""Pages without login: a participant's satisfaction form (the activity's link), the
published forms ๓ and the published best practices."""

import secrets

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_safe

from iqa_district.accounts.client_ip import client_ip
from iqa_district.downloads import PDF_CONTENT_TYPE, file_download

from ...views.params import PAGE_SIZE
from .. import services
from ..forms import SatisfactionForm
from ..models import Activity, ClusterReport, SharedPractice
from ..pdf import cluster_report_pdf
from ..services.evaluation import AlreadyAnsweredError

RESPONDENT_COOKIE = "networks_respondent"
ANSWERS_PER_IP = 200


@require_http_methods(["GET", "HEAD", "POST"])
def satisfaction(request: HttpRequest, token: str) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.select_related("plan__cluster"), satisfaction_token=token
    )
    context: dict[str, object] = {"activity": activity}
    if not activity.satisfaction_open:
        return render(request, "supervision/networks/satisfaction_closed.html", context, status=410)
    key = request.COOKIES.get(RESPONDENT_COOKIE) or secrets.token_urlsafe(16)
    form = SatisfactionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        throttle = f"networks-satisfaction:{activity.pk}:{client_ip(request)}"
        cache.add(throttle, 0, timeout=600)
        if cache.incr(throttle) > ANSWERS_PER_IP:
            return render(
                request, "supervision/networks/satisfaction_closed.html", context, status=429
            )
        if form.is_valid():
            try:
                services.satisfaction_submit(
                    activity=activity,
                    role=form.cleaned_data["role"],
                    ratings=form.ratings(),
                    comment=form.cleaned_data["comment"],
                    respondent_key=key,
                )
            except AlreadyAnsweredError:
                return render(
                    request,
                    "supervision/networks/satisfaction_done.html",
                    {**context, "again": True},
                )
            except ValidationError as error:
                if error.code == "closed":
                    return render(
                        request,
                        "supervision/networks/satisfaction_closed.html",
                        context,
                        status=410,
                    )
                form.add_error(None, error)
            else:
                return render(request, "supervision/networks/satisfaction_done.html", context)
        status = 400
    response = render(
        request, "supervision/networks/satisfaction.html", {**context, "form": form}, status=status
    )
    response.set_cookie(
        RESPONDENT_COOKIE,
        key,
        max_age=365 * 86400,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


@require_safe
def public_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        ClusterReport.objects.published().select_related("cluster__area_office"), pk=pk
    )
    return file_download(  # type: ignore[return-value]
        cluster_report_pdf(report),
        f"แบบ๓ {report.cluster.name} {report.academic_year_id}",
        content_type=PDF_CONTENT_TYPE,
        extension="pdf",
        inline=True,
    )


@require_safe
def public_practices(request: HttpRequest) -> HttpResponse:
    practices = SharedPractice.objects.published().select_related("school", "school__area_office")
    reports = ClusterReport.objects.published().select_related("cluster", "cluster__area_office")
    return render(
        request,
        "supervision/networks/public_practices.html",
        {
            "page": Paginator(practices, PAGE_SIZE).get_page(request.GET.get("page")),
            "reports": reports[:50],
        },
    )
