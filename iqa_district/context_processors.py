from typing import Any

from django.conf import settings
from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What every page needs to draw the navigation for the current user."""
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"demo_mode": settings.DEMO_MODE}
    if user is not None and user.is_authenticated:
        context["nav_office"] = user.area_office
    return context
