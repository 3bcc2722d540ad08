from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from binakinerja.accounts import views

app_name = "accounts"

urlpatterns = [
    path("peran/", views.role_list, name="role_list"),
    path("peran/<int:pk>/hapus/", views.role_revoke_view, name="role_revoke"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/kode/", views.login_verify, name="login_verify"),
    path("keamanan/", views.two_factor_home, name="two_factor"),
    path("keamanan/aktifkan/", views.two_factor_enrol, name="two_factor_enrol"),
    path("keamanan/kode-pemulihan/", views.recovery_codes, name="recovery_codes"),
    path(
        "keamanan/kode-pemulihan/unduh/",
        views.recovery_codes_download,
        name="recovery_codes_download",
    ),
    path("keamanan/kode-pemulihan/selesai/", views.recovery_codes_done, name="recovery_codes_done"),
    path(
        "keamanan/kode-pemulihan/baru/",
        views.recovery_codes_regenerate,
        name="recovery_codes_regenerate",
    ),
    path("keamanan/matikan/", views.two_factor_disable, name="two_factor_disable"),
    path("keamanan/reset/", views.two_factor_reset, name="two_factor_reset"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "password-change/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("core:dashboard"),
        ),
        name="password_change",
    ),
]
