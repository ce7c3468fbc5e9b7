from django.urls import path

from indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.partnership_indicators, name="partnership"),
    path("<slug:slug>/import/", views.import_figures, name="import"),
    path("<slug:slug>/<slug:indicator_slug>/", views.indicator, name="indicator"),
]
