"""View guards by role.

``role_required`` answers "may this kind of user use this page at all"; which rows they
may see is the job of each model's ``visible_to(user)``.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .models import User

Role = User.Role

DISTRICT_STAFF = (Role.DISTRICT_ADMIN, Role.SUPERVISOR, Role.EXECUTIVE)
QUALITY_MANAGERS = (Role.DISTRICT_ADMIN, Role.SUPERVISOR)


def role_required(*roles):
    """Allow only logged-in users whose role is one of ``roles`` (superusers always).

    Anonymous users are sent to the login page; others get a 403.
    """

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = roles
        return wrapped

    return decorator


def district_staff_required(view):
    return role_required(*DISTRICT_STAFF)(view)


def quality_manager_required(view):
    return role_required(*QUALITY_MANAGERS)(view)
