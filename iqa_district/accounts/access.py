"""View guards by role.

``role_required`` answers "may this kind of user use this page at all"; which rows they
may see is the job of each model's ``visible_to(user)``.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from .models import User

Role = User.Role

DISTRICT_STAFF = (Role.DISTRICT_ADMIN, Role.SUPERVISOR, Role.EXECUTIVE)
QUALITY_MANAGERS = (Role.DISTRICT_ADMIN, Role.SUPERVISOR)

View = Callable[..., HttpResponseBase]


def request_user(request: HttpRequest) -> User:
    """The logged-in user of a request that passed a login guard, as our ``User``.

    A guard has already sent anonymous visitors away; anything else is refused here
    rather than trusted.
    """
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def role_required(*roles: str) -> Callable[[View], View]:
    """Allow only logged-in users whose role is one of ``roles`` (superusers always).

    Anonymous users are sent to the login page; others get a 403.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request_user(request).has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = roles  # type: ignore[attr-defined]
        return wrapped

    return decorator


def own_school_required(view: View) -> View:
    """Pages that act on the user's own school (open its SAR, record its self-evaluation):
    school staff, and a superuser only when tied to a school.

    ``role_required`` lets every superuser through, but a superuser of no school has no
    school for these pages to act on; he gets a 403, not a server error.
    """

    @wraps(view)
    @role_required(Role.SCHOOL_STAFF)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request_user(request).school_id is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.allowed_roles = (Role.SCHOOL_STAFF,)  # type: ignore[attr-defined]
    return wrapped


def district_staff_required(view: View) -> View:
    return role_required(*DISTRICT_STAFF)(view)


def quality_manager_required(view: View) -> View:
    return role_required(*QUALITY_MANAGERS)(view)
