from django.conf import settings


def navigation(request):
    """What every page needs to draw the navigation for the current user."""
    user = getattr(request, "user", None)
    context = {"demo_mode": settings.DEMO_MODE}
    if user is not None and user.is_authenticated:
        context["nav_office"] = user.area_office
    return context
