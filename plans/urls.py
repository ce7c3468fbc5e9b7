from django.urls import path

from plans.views import actions, landing, plans

urlpatterns = [
    path("", plans.home, name="home"),
    path("start/", landing.landing, name="landing"),
    path("plans/<slug:slug>/", plans.plan_detail, name="plan_detail"),
    path("plans/<slug:slug>/aims/<int:aim_id>/", plans.aim_detail, name="aim_detail"),
    path("my-actions/", actions.my_actions, name="my_actions"),
    path("actions/<int:pk>/", actions.action_detail, name="action_detail"),
    path("actions/<int:pk>/update/", actions.action_update, name="action_update"),
    path("actions/<int:pk>/no-change/", actions.action_no_change, name="action_no_change"),
    path("accessibility/", plans.accessibility, name="accessibility"),
]
