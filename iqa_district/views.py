from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from . import dashboard as dashboard_registry
from .accounts.access import request_user


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    cards = dashboard_registry.cards_for(user)
    # A school leads with what it has to do next; the cards below show where it stands.
    todos = (
        dashboard_registry.todos_for(user, timezone.localdate()) if user.is_school_staff else None
    )
    return render(request, "dashboard.html", {"cards": cards, "todos": todos})


@require_safe
def public_index(request: HttpRequest) -> HttpResponse:
    return render(request, "public/index.html")


def _database_state() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means unhealthy; say which
        return False, f"error: {exc.__class__.__name__}"
    return True, "ok"


def _broker_state() -> tuple[bool, str]:
    if not settings.REDIS_URL:
        return True, "eager (no broker configured)"
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        client.ping()
    except Exception as exc:
        return False, f"error: {exc.__class__.__name__}"
    return True, "ok"


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    db_ok, db_state = _database_state()
    broker_ok, broker_state = _broker_state()
    healthy = db_ok and broker_ok
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "database": db_state,
            "broker": broker_state,
        },
        status=200 if healthy else 503,
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)
