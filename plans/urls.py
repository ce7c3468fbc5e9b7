from django.urls import path

from plans.views import plans

urlpatterns = [
    path("", plans.home, name="home"),
    path("plans/<slug:slug>/", plans.plan_detail, name="plan_detail"),
    path("accessibility/", plans.accessibility, name="accessibility"),
]
