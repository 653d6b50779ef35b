from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from meetings.views import agenda as meeting_views
from partners import forms as partner_forms
from partners import oidc
from partners import views as partner_views

accounts = [
    path(
        "login/",
        oidc.SignInView.as_view(
            authentication_form=partner_forms.SignInForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path(
        "organisation/",
        oidc.ProviderSignInView.as_view(),
        name="oidc_authentication_init",
    ),
    path(
        "organisation/callback/",
        oidc.ProviderCallbackView.as_view(),
        name="oidc_authentication_callback",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("second-factor/", partner_views.second_factor, name="second_factor"),
    path(
        "second-factor/set-up/",
        partner_views.second_factor_set_up,
        name="second_factor_set_up",
    ),
    path(
        "second-factor/recovery-codes/",
        partner_views.second_factor_recovery_codes,
        name="second_factor_recovery_codes",
    ),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(form_class=partner_forms.PasswordResetForm),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=partner_forms.SetPasswordForm,
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", meeting_views.home, name="home"),
    path("accessibility/", partner_views.accessibility, name="accessibility"),
    path("accounts/", include(accounts)),
    path("admin/", admin.site.urls),
    path("", include("partners.urls")),
    path("", include("meetings.urls")),
]
