"""Password reset by e-mail ("ลืมรหัสผ่าน?"): Django's PasswordResetView family with Thai
pages and a Thai e-mail, rate limited, and never telling whether an address has an
account (the same page follows every request; an address over its limit is silently not
mailed). The link is Django's token: it expires after PASSWORD_RESET_TIMEOUT and stops
working once the password changes, so it works once.
"""

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from iqa_district.audit.services import audit_record

from .client_ip import client_ip
from .models import User

SUBJECT_TEMPLATE = "accounts/email/password_reset_subject.txt"
BODY_TEMPLATE = "accounts/email/password_reset_body.txt"
WINDOW_SECONDS = 3600


def _over_limit(kind: str, value: str, limit: int) -> bool:
    """Count one request for ``value`` in this hour's window; True past ``limit``."""
    key = f"password-reset:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count > limit


class PasswordResetForm(auth_forms.PasswordResetForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("อีเมลที่ลงทะเบียนไว้")

    def save(self, *args: Any, **kwargs: Any) -> None:
        email = self.cleaned_data["email"].strip().lower()
        if _over_limit("email", email, settings.PASSWORD_RESET_EMAIL_LIMIT):
            return  # the same page as a success: nothing tells the address apart
        super().save(*args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "registration/password_reset_form.html"
    subject_template_name = SUBJECT_TEMPLATE
    email_template_name = BODY_TEMPLATE
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self) -> dict[str, Any]:  # type: ignore[override]
        return {"timeout_hours": timeout_hours()}

    def form_valid(self, form: Any) -> HttpResponse:
        # Counted when a mail could go out: an empty or malformed form costs nothing.
        request = self.request
        if _over_limit("ip", client_ip(request) or "-", settings.PASSWORD_RESET_IP_LIMIT):
            return render(request, "registration/password_reset_limited.html", status=429)
        return super().form_valid(form)


class SetPasswordForm(auth_forms.SetPasswordForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("รหัสผ่านใหม่")
        self.fields["new_password2"].label = _("ยืนยันรหัสผ่านใหม่")

    def save(self, commit: bool = True) -> Any:
        user = self.user
        user.must_change_password = False
        saved = super().save(commit)
        # A forgotten password is often the reason of a lockout: the new one opens it.
        from axes.models import AccessAttempt

        AccessAttempt.objects.filter(username=user.get_username()).delete()
        audit_record(actor=user, action="change", obj=user, detail="password reset by e-mail")
        return saved


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


def timeout_hours() -> int:
    return max(1, int(settings.PASSWORD_RESET_TIMEOUT) // 3600)


def reset_mail_send(user: User, *, base_url: str) -> None:
    """The same e-mail as "ลืมรหัสผ่าน?", sent for a user by his district admin."""
    protocol, _sep, domain = base_url.rstrip("/").partition("://")
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": domain,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": protocol,
        "timeout_hours": timeout_hours(),
    }
    PasswordResetForm().send_mail(SUBJECT_TEMPLATE, BODY_TEMPLATE, context, None, user.email)
