from django.urls import path

from .views import pages, record

app_name = "meetings"

urlpatterns = [
    path("", pages.index, name="index"),
    path("new/", pages.create, name="create"),
    path("attendance/", pages.attendance_year, name="attendance_year"),
    path("attendance/<int:year>/", pages.attendance_year, name="attendance_in"),
    path("<int:pk>/", pages.detail, name="detail"),
    path("<int:pk>/change/", pages.edit, name="edit"),
    path("<int:pk>/minutes/", pages.minutes, name="minutes"),
    path("<int:pk>/minutes.pdf", pages.minutes_download, name="minutes_pdf"),
    path("<int:pk>/attendance/", record.attendance, name="attendance"),
    path("<int:pk>/items/new/", record.item_add, name="item_add"),
    path("<int:pk>/actions-arising/new/", record.arising_add, name="arising_add"),
    path("items/<int:pk>/", record.item_edit, name="item_edit"),
    path("items/<int:pk>/remove/", record.item_remove, name="item_remove"),
    path("items/<int:pk>/decision/", record.decision, name="decision"),
    path("actions-arising/<int:pk>/", record.arising_edit, name="arising_edit"),
    path("actions-arising/<int:pk>/done/", record.arising_done, name="arising_done"),
]
