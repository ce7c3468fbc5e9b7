from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

admin.site.site_header = "Service Development Plan tracker: administration"
admin.site.site_title = "SDP tracker admin"
admin.site.index_title = "Edit plans, owners and reporting periods"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sign-in/", auth_views.LoginView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("review/", include("review.urls")),
    path("alerts/", include("alerts.urls")),
    path("board-packs/", include("boardpack.urls")),
    path("spreadsheets/", include("transfer.urls")),
    path("indicators/", include("indicators.urls")),
    path("", include("plans.urls")),
]
