from django.urls import path, re_path

from . import import_views, views

app_name = "transfer"

urlpatterns = [
    path("", views.index, name="index"),
    re_path(r"^plans/(?P<slug>[-\w]+)/export\.(?P<extension>xlsx|csv)$", views.export_plan, name="export"),
    path("import/", import_views.import_upload, name="import"),
    path("import/table/", import_views.import_table, name="import_table"),
    path("import/columns/", import_views.import_columns, name="import_columns"),
    path("import/words/", import_views.import_words, name="import_words"),
    path("import/check/", import_views.import_check, name="import_check"),
    path("plans/<slug:slug>/update/", views.bulk_upload, name="bulk"),
    path("plans/<slug:slug>/update/check/", views.bulk_check, name="bulk_check"),
    path("plans/<slug:slug>/update/apply/", views.bulk_apply, name="bulk_apply"),
]
