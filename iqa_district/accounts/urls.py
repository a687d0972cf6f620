from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import demo, forms, password_reset, views
from .mfa import key_for_people

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=forms.LoginForm,
            redirect_authenticated_user=True,
            extra_context={
                "demo_mfa_user": demo.DEMO_MFA_USERNAME,
                "demo_mfa_key": key_for_people(demo.DEMO_MFA_KEY),
            },
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            form_class=forms.PasswordChangeForm,
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", password_reset.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        password_reset.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("profile/", views.profile, name="profile"),
    path("mfa/verify/", views.mfa_verify, name="mfa_verify"),
    path("mfa/setup/", views.mfa_setup, name="mfa_setup"),
    path("mfa/recovery-codes/", views.mfa_recovery_codes, name="mfa_recovery_codes"),
    path("mfa/users/", views.mfa_users, name="mfa_users"),
    path("mfa/users/<int:pk>/reset/", views.mfa_user_reset, name="mfa_user_reset"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("users/", views.user_list, name="users"),
    path("users/<int:pk>/invite/", views.user_invite, name="user_invite"),
    path("users/<int:pk>/revoke/", views.user_invitation_revoke, name="user_invitation_revoke"),
    path("users/<int:pk>/deactivate/", views.user_deactivate, name="user_deactivate"),
    path("users/<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
    path("users/<int:pk>/password/", views.user_password_reset, name="user_password_reset"),
]
