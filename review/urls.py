from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("actions/", views.action_list, name="action_list"),
    path("actions/export.csv", views.action_export, {"fmt": "csv"}, name="export_csv"),
    path("actions/export.xlsx", views.action_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("actions/<int:pk>/note/", views.add_note, name="add_note"),
]
