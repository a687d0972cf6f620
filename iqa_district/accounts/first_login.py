"""A user logged in with a one-time code must choose a password before anything else."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

# The pages a user who must change his password may still open.
ALLOWED = ("accounts:password_change", "accounts:logout")


class ForcedPasswordChangeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and request.path not in {reverse(name) for name in ALLOWED}
            and not request.path.startswith("/static/")
        ):
            return redirect("accounts:password_change")
        return self.get_response(request)
