from axes.utils import reset as reset_sign_in_failures
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import TemplateView

admin.site.site_header = "Service Development Plan tracker: administration"
admin.site.site_title = "SDP tracker admin"
admin.site.index_title = "Edit plans, owners and reporting periods"


class ResetPasswordAndUnlock(auth_views.PasswordResetConfirmView):
    """Django's reset confirmation, which also lifts a sign-in lockout: the lockout
    page tells a locked-out person to reset their password, and proving they own
    the account's email is as good as waiting out the lockout."""

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_sign_in_failures(username=form.user.get_username())
        return response


# The reset email and "check your email" page say how long the link works.
reset_link = {"link_valid_days": settings.PASSWORD_RESET_DAYS, "service_name": settings.SERVICE_NAME}

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(extra_context={"sso_button_label": settings.SSO_ENABLED and settings.SSO_BUTTON_LABEL}),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    # After the POST to sign out, a page that can be reloaded safely.
    path("signed-out/", TemplateView.as_view(template_name="registration/logged_out.html"), name="signed_out"),
    path(
        "sign-in/forgotten-password/",
        auth_views.PasswordResetView.as_view(extra_email_context=reset_link),
        name="password_reset",
    ),
    path(
        "sign-in/forgotten-password/sent/",
        auth_views.PasswordResetDoneView.as_view(extra_context=reset_link),
        name="password_reset_done",
    ),
    path("sign-in/reset/<uidb64>/<token>/", ResetPasswordAndUnlock.as_view(extra_context=reset_link), name="password_reset_confirm"),
    path("sign-in/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("account/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("account/password/changed/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("review/", include("review.urls")),
    path("alerts/", include("alerts.urls")),
    path("board-packs/", include("boardpack.urls")),
    path("spreadsheets/", include("transfer.urls")),
    path("indicators/", include("indicators.urls")),
    path("meetings/", include("meetings.urls")),
    path("plans/", include("cycle.urls")),
    path("people/", include("people.urls")),
    path("jobs/", include("jobs.urls")),
    path("", include("plans.urls")),
]

if settings.SSO_ENABLED:
    # Single sign-on (yjs/sso.py): /oidc/authenticate/ starts it, /oidc/callback/ ends it.
    urlpatterns.insert(0, path("oidc/", include("yjs.sso")))
