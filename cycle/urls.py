from django.urls import path

from . import views

app_name = "cycle"

# Mounted under plans/, beside the plan page (plans/<slug>/).
urlpatterns = [
    path("<slug:slug>/next-plan/", views.start, name="start"),
    path("<slug:slug>/next-plan/actions/", views.carry_forward, name="carry_forward"),
    path("<slug:slug>/next-plan/started/", views.started, name="started"),
    path("<slug:slug>/progress-report/", views.progress_report, name="progress_report"),
    path("<slug:slug>/progress-report.pdf", views.progress_report_pdf, name="progress_report_pdf"),
]
