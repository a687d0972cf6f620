from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import mfa, services
from .access import request_user, role_required
from .forms import InvitationPasswordForm, MFACodeForm, MFASetupForm
from .models import User

PENDING_KEY = "iqa_mfa_pending_key"
NEW_CODES = "iqa_mfa_new_codes"


@require_safe
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    return render(
        request,
        "accounts/profile.html",
        {
            "mfa_applies": mfa.mfa_applies(user),
            "mfa_enrolled": mfa.mfa_enrolled(user),
            "mfa_required": mfa.mfa_required(user),
            "recovery_codes_left": mfa.recovery_codes_count(user),
        },
    )


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _is_verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


@login_required
def mfa_verify(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if _is_verified(request):
        return redirect(_next_url(request))
    if not mfa.mfa_enrolled(user):
        # Reset by an admin meanwhile: set up again if required, otherwise carry on.
        return redirect("accounts:mfa_setup" if mfa.mfa_required(user) else _next_url(request))
    form = MFACodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if mfa.mfa_verify(request=request, user=user, code=form.cleaned_data["code"]):
            return redirect(_next_url(request))
        form.add_error("code", _("รหัสไม่ถูกต้อง หมดอายุ หรือถูกใช้ไปแล้ว กรุณาลองใหม่ (รอสักครู่หากผิดหลายครั้ง)"))
    return render(
        request, "accounts/mfa_verify.html", {"form": form, "next": request.GET.get("next", "")}
    )


@login_required
def mfa_setup(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not mfa.mfa_applies(user):
        raise PermissionDenied
    if mfa.mfa_enrolled(user) and not _is_verified(request):
        # A password alone must not replace an existing authenticator.
        return redirect("accounts:mfa_verify")
    key = request.session.get(PENDING_KEY)
    if not isinstance(key, str):
        key = mfa.new_totp_key()
        request.session[PENDING_KEY] = key
    form = MFASetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.mfa_setup(request=request, user=user, key=key, code=form.cleaned_data["code"])
        if codes is not None:
            request.session.pop(PENDING_KEY, None)
            request.session[NEW_CODES] = codes
            messages.success(request, _("ตั้งค่าการยืนยันตัวตนสองขั้นตอนเรียบร้อยแล้ว"))
            return redirect("accounts:mfa_recovery_codes")
        form.add_error("code", _("รหัสไม่ถูกต้อง กรุณาตรวจสอบเวลาในโทรศัพท์แล้วลองใหม่"))
    uri = mfa.provisioning_uri(user, key)
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr_svg": mfa.qr_svg(uri),
            "manual_key": mfa.key_for_people(key),
            "already_enrolled": mfa.mfa_enrolled(user),
            "required": mfa.mfa_required(user),
        },
    )


@login_required
def mfa_recovery_codes(request: HttpRequest) -> HttpResponse:
    """The new recovery codes, once: they leave the session as they are shown."""
    user = request_user(request)
    if not mfa.mfa_enrolled(user):
        raise PermissionDenied
    if request.method == "POST":
        request.session[NEW_CODES] = mfa.recovery_codes_renew(user=user)
        return redirect("accounts:mfa_recovery_codes")
    codes = request.session.pop(NEW_CODES, None)
    response = render(
        request,
        "accounts/mfa_recovery_codes.html",
        {
            "codes": [mfa.code_for_people(code) for code in codes or []],
            "left": mfa.recovery_codes_count(user),
        },
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _office_users(actor: User) -> QuerySet[User]:
    users: QuerySet[User] = User.objects.select_related("school")
    if actor.is_superuser:
        return users
    return users.filter(area_office=actor.area_office_id, is_superuser=False)


@role_required(User.Role.DISTRICT_ADMIN)
def mfa_users(request: HttpRequest) -> HttpResponse:
    actor = request_user(request)
    users = _office_users(actor).annotate(
        has_mfa=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    )
    return render(
        request,
        "accounts/mfa_users.html",
        {"users": users.filter(role__in=mfa.MFA_ROLES), "mfa_required": settings.MFA_REQUIRED},
    )


@require_POST
@role_required(User.Role.DISTRICT_ADMIN)
def mfa_user_reset(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_user(request)
    user = get_object_or_404(_office_users(actor), pk=pk)
    mfa.mfa_reset(user=user, actor=actor)
    messages.success(
        request,
        _("ยกเลิกการยืนยันตัวตนสองขั้นตอนของ %(name)s แล้ว ผู้ใช้ต้องตั้งค่าใหม่เมื่อเข้าสู่ระบบครั้งถัดไป")
        % {"name": user.display_name},
    )
    return redirect("accounts:mfa_users")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page of an invitation's link: the new user chooses a password, once."""
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = InvitationPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(
                invitation=invitation, password=form.cleaned_data["new_password1"]
            )
        except PermissionDenied:
            return render(request, "accounts/invitation_invalid.html", status=404)
        messages.success(request, _("ตั้งรหัสผ่านเรียบร้อยแล้ว กรุณาเข้าสู่ระบบด้วยรหัสผ่านใหม่"))
        return redirect("accounts:login")
    response = render(
        request, "accounts/invitation_accept.html", {"form": form, "invited": invitation.user}
    )
    response.headers["Cache-Control"] = "no-store"
    # The token is in the address: never sent to another site. Not "no-referrer": with it
    # the browser posts the form with "Origin: null", which CSRF protection refuses.
    response.headers["Referrer-Policy"] = "same-origin"
    return response


USERS_PER_PAGE = 50


@require_safe
@role_required(User.Role.DISTRICT_ADMIN)
def user_list(request: HttpRequest) -> HttpResponse:
    """The office's users with their invitations: re-send, revoke, deactivate."""
    actor = request_user(request)
    users = _office_users(actor).select_related("school").prefetch_related("invitations")
    query = request.GET.get("q", "").strip()
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
            | Q(school__name__icontains=query)
        )
    page = Paginator(users.order_by("username"), USERS_PER_PAGE).get_page(request.GET.get("page"))
    locked = services.locked_usernames(user.username for user in page)
    for user in page:
        user.open_invitation = next(  # type: ignore[attr-defined]
            (i for i in user.invitations.all() if i.used_at is None and i.revoked_at is None),
            None,
        )
        user.is_locked_out = user.username in locked  # type: ignore[attr-defined]
    return render(request, "accounts/user_list.html", {"page": page, "q": query})


def _managed_user_or_404(request: HttpRequest, pk: int) -> tuple[User, User]:
    actor = request_user(request)
    return actor, get_object_or_404(User.objects.manageable_by(actor), pk=pk)


@require_POST
@role_required(User.Role.DISTRICT_ADMIN)
def user_invite(request: HttpRequest, pk: int) -> HttpResponse:
    actor, user = _managed_user_or_404(request, pk)
    if not user.email or not user.is_active:
        messages.error(request, _("ส่งคำเชิญไม่ได้: ผู้ใช้ไม่มีอีเมลหรือถูกระงับการใช้งาน"))
    else:
        services.invitation_send(user=user, actor=actor, base_url=request.build_absolute_uri("/"))
        messages.success(request, _("ส่งคำเชิญถึง %(email)s แล้ว") % {"email": user.email})
    return redirect("accounts:users")


@require_POST
@role_required(User.Role.DISTRICT_ADMIN)
def user_invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    actor, user = _managed_user_or_404(request, pk)
    services.invitation_revoke(user=user, actor=actor)
    messages.success(request, _("ยกเลิกคำเชิญของ %(name)s แล้ว") % {"name": user.display_name})
    return redirect("accounts:users")


@role_required(User.Role.DISTRICT_ADMIN)
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then deactivate a user who left; his records stay."""
    actor, user = _managed_user_or_404(request, pk)
    if user.pk == actor.pk:
        raise PermissionDenied
    if request.method == "POST":
        services.user_deactivate(user=user, actor=actor)
        messages.success(
            request,
            _("ระงับการใช้งานของ %(name)s แล้ว ข้อมูลที่บันทึกไว้ยังอยู่ครบ") % {"name": user.display_name},
        )
        return redirect("accounts:users")
    return render(request, "accounts/user_deactivate.html", {"target": user})


@require_POST
@role_required(User.Role.DISTRICT_ADMIN)
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    actor, user = _managed_user_or_404(request, pk)
    services.user_unlock(user=user, actor=actor)
    messages.success(request, _("ปลดล็อกการเข้าสู่ระบบของ %(name)s แล้ว") % {"name": user.display_name})
    return redirect("accounts:users")


@role_required(User.Role.DISTRICT_ADMIN)
def user_password_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then reset: a link by e-mail, or a one-time code shown once."""
    actor, user = _managed_user_or_404(request, pk)
    if user.pk == actor.pk or not user.is_active:
        raise PermissionDenied
    if request.method != "POST":
        return render(request, "accounts/user_password_reset.html", {"target": user})
    code = services.user_password_reset(
        user=user, actor=actor, base_url=request.build_absolute_uri("/")
    )
    if code is None:
        messages.success(
            request,
            _("ส่งลิงก์ตั้งรหัสผ่านใหม่ถึง %(email)s แล้ว") % {"email": user.email},
        )
        return redirect("accounts:users")
    response = render(
        request,
        "accounts/user_password_code.html",
        {
            "target": user,
            "code": code,
            "login_url": request.build_absolute_uri(reverse("accounts:login")),
        },
    )
    response.headers["Cache-Control"] = "no-store"
    return response
