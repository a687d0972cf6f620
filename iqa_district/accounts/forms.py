from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _


class LoginForm(auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": _("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง กรุณาลองใหม่อีกครั้ง"),
        "inactive": _("บัญชีผู้ใช้นี้ถูกระงับการใช้งาน"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("ชื่อผู้ใช้")
        self.fields["password"].label = _("รหัสผ่าน")


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def save(self, commit: bool = True) -> Any:
        # A password chosen by the user ends the forced change of a one-time code.
        self.user.must_change_password = False
        return super().save(commit)


class MFACodeForm(forms.Form):
    code = forms.CharField(
        label=_("รหัสยืนยัน"),
        max_length=20,
        help_text=_("รหัส 6 หลักจากแอปยืนยันตัวตน หรือรหัสกู้คืนที่ได้รับไว้"),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class MFASetupForm(forms.Form):
    code = forms.CharField(
        label=_("รหัส 6 หลักจากแอป"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class InvitationPasswordForm(auth_forms.SetPasswordForm):  # type: ignore[type-arg]
    """The new user's first password, chosen through the invitation link."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("รหัสผ่านใหม่")
        self.fields["new_password2"].label = _("ยืนยันรหัสผ่านใหม่")
