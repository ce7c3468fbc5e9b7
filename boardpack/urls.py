from django.urls import path

from . import views

app_name = "boardpack"

urlpatterns = [
    path("", views.index, name="index"),
    path("packs/<int:pk>/", views.download, name="download"),
    path("periods/<int:pk>/close/", views.close, name="close"),
    path("<slug:slug>/<str:period_slug>/", views.period_detail, name="period"),
    path("<slug:slug>/<str:period_slug>/preview/", views.preview, name="preview"),
    path("<slug:slug>/<str:period_slug>/generate/", views.generate, name="generate"),
]
