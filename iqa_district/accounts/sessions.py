"""Session lifetimes: an idle timeout and an absolute lifetime, checked on every request.

Django's own expiry is a single age renewed on save; ASVS asks for both limits. The
login time and the last request time live in the session; a session past either limit
is ended (logged out and flushed) and the user is sent to log in again.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

LOGIN_AT = "iqa_login_at"
SEEN_AT = "iqa_seen_at"
# Recording every request would write the session row on every page; a minute of
# imprecision in the idle timeout is a fair price for far fewer writes.
SEEN_RESOLUTION_SECONDS = 60


def session_clock() -> float:
    """Seconds since the epoch; one function so the tests can move time forward."""
    return time.time()


@receiver(user_logged_in, dispatch_uid="iqa_session_login_time")
def _stamp_login(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        now = session_clock()
        request.session[LOGIN_AT] = now
        request.session[SEEN_AT] = now


def session_expired(request: HttpRequest, now: float) -> bool:
    session = request.session
    login_at = session.get(LOGIN_AT)
    seen_at = session.get(SEEN_AT)
    if not isinstance(login_at, int | float) or not isinstance(seen_at, int | float):
        # A session from before these limits (or tampered): treat it as ended.
        return True
    return bool(
        now - login_at > settings.SESSION_MAX_SECONDS
        or now - seen_at > settings.SESSION_IDLE_SECONDS
    )


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = session_clock()
            if session_expired(request, now):
                logout(request)
                messages.info(request, _("หมดเวลาการใช้งาน กรุณาเข้าสู่ระบบอีกครั้ง"))
                return redirect_to_login(request.get_full_path())
            if now - request.session[SEEN_AT] >= SEEN_RESOLUTION_SECONDS:
                request.session[SEEN_AT] = now
        return self.get_response(request)
