from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from iqa_district.accounts.access import request_user
from iqa_district.accounts.mfa import mfa_pending

from . import services
from .models import Kind, Notification

PER_PAGE = 30

# The kinds each role may receive (the preferences page offers only these).
KINDS_FOR_ROLE = {
    "school_staff": [
        Kind.SAR_RETURNED,
        Kind.SAR_ACCEPTED,
        Kind.SAR_REMINDER,
        Kind.VISIT_PLANNED,
        Kind.REPORT_PUBLISHED,
        Kind.RECOMMENDATION_DUE,
    ],
    "supervisor": [
        Kind.SAR_SUBMITTED,
        Kind.SYNTHESIS_DONE,
        Kind.SYNTHESIS_FAILED,
        Kind.WEEKLY_DIGEST,
    ],
    "district_admin": [Kind.SAR_SUBMITTED, Kind.SYNTHESIS_DONE, Kind.SYNTHESIS_FAILED],
}


@require_safe
@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.visible_to(request.user)
    query = request.GET.get("q", "").strip()
    if query:
        notifications = notifications.filter(title__icontains=query)
    if request.GET.get("unread"):
        notifications = notifications.unread()
    page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "q": query, "unread_only": bool(request.GET.get("unread"))},
    )


@require_safe
@login_required
def unread_count(request: HttpRequest) -> HttpResponse:
    """The navbar's badge, fetched by htmx after the page: one count query."""
    if mfa_pending(request.user):
        count = 0  # nothing about the account before its second step
    else:
        count = Notification.objects.visible_to(request.user).unread().count()
    response = render(request, "notifications/_unread_badge.html", {"count": count})
    response.headers["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark read, then go where the notice points (a path of this site only)."""
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    services.notification_read(notification=notification, actor=request_user(request))
    if notification.link and url_has_allowed_host_and_scheme(
        notification.link, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.link)
    return redirect("notifications:list")


@require_POST
@login_required
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_read_all(actor=request_user(request))
    messages.success(request, _("ทำเครื่องหมายว่าอ่านแล้ว %(n)s รายการ") % {"n": count})
    return redirect("notifications:list")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    kinds = KINDS_FOR_ROLE.get(user.role, [])
    if user.is_superuser:
        kinds = list(Kind)
    if request.method == "POST":
        wanted = [k for k in request.POST.getlist("email") if k in Kind.values]
        # Kinds not offered to the role keep their e-mail as it was (none arrive anyway).
        others = [k for k in Kind.values if k not in kinds]
        services.email_preferences_set(user=user, wanted=[*wanted, *others], actor=user)
        messages.success(request, _("บันทึกการตั้งค่าอีเมลแจ้งเตือนแล้ว"))
        return redirect("notifications:preferences")
    off = set(user.email_opt_outs.values_list("kind", flat=True))
    return render(
        request,
        "notifications/preferences.html",
        {"choices": [(k.value, k.label, k.value not in off) for k in kinds]},
    )
