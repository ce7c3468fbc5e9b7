"""The admin's history pages answer 404, not 500, to an id that cannot exist.

django-simple-history's history views look the object up by whatever the URL
holds, so /admin/plans/plan/abc/history/ raised ValueError (a 500; upstream
issue #1108, still open). The guard checks each id against its model's primary
key first. It wraps SimpleHistoryAdmin itself, once, at start-up (PlansConfig.ready),
so every app's history admin is covered, including ones added later.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


def is_possible_pk(model, value):
    """Could ``value`` (from a URL) be a primary key of ``model``?"""
    try:
        model._meta.pk.to_python(unquote(str(value)))
    except (ValidationError, ValueError, TypeError):
        return False
    return True


def _history_model(model_admin):
    manager = getattr(model_admin.model, model_admin.model._meta.simple_history_manager_attribute)
    return manager.model


def guard_history_views():
    """Wrap the two history views of SimpleHistoryAdmin (idempotent)."""
    if getattr(SimpleHistoryAdmin, "_ids_guarded", False):
        return
    history_view = SimpleHistoryAdmin.history_view
    history_form_view = SimpleHistoryAdmin.history_form_view

    @wraps(history_view)
    def guarded_history_view(self, request, object_id, *args, **kwargs):
        if not is_possible_pk(self.model, object_id):
            raise Http404("No such record.")
        return history_view(self, request, object_id, *args, **kwargs)

    @wraps(history_form_view)
    def guarded_history_form_view(self, request, object_id, version_id, *args, **kwargs):
        if not (is_possible_pk(self.model, object_id) and is_possible_pk(_history_model(self), version_id)):
            raise Http404("No such version.")
        return history_form_view(self, request, object_id, version_id, *args, **kwargs)

    SimpleHistoryAdmin.history_view = guarded_history_view
    SimpleHistoryAdmin.history_form_view = guarded_history_form_view
    SimpleHistoryAdmin._ids_guarded = True
