"""The district admin's search of the audit log (their office's entries)."""

import datetime

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from iqa_district.accounts.access import role_required
from iqa_district.accounts.models import User

from .models import AuditEntry

PAGE_SIZE = 50


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


@require_safe
@role_required(User.Role.DISTRICT_ADMIN)
def audit_list(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.visible_to(request.user)
    q = request.GET.get("q", "").strip().replace("\x00", "")
    if q:
        entries = entries.filter(
            Q(actor_name__icontains=q)
            | Q(actor__username__iexact=q)
            | Q(object_repr__icontains=q)
            | Q(ip_address__startswith=q)
        )
    action = request.GET.get("action", "")
    if action in AuditEntry.Action.values:
        entries = entries.filter(action=action)
    since, until = _date(request.GET.get("since", "")), _date(request.GET.get("until", ""))
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    page = Paginator(entries.order_by("-at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/entry_list.html",
        {
            "page": page,
            "q": q,
            "action": action,
            "actions": AuditEntry.Action.choices,
            "since": since,
            "until": until,
        },
    )
