"""Small permission-scoped helpers shared by the site's views.

Two checks, in this order: the decorator asks "does the person hold the role in
any of their partnerships?" (403 if not: a page they can never use); the view
then reads the object through ``request.scope`` (404 for another partnership's
id or slug, so ids reveal nothing) and asks ``allowed`` about the role in *that
object's* partnership (403 for a role too weak there)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from plans import permissions


def role_required(test):
    """Signed-out visitors go to sign in; signed-in users without the role get 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


viewer_required = role_required(permissions.can_view_plans)


def scoped_or_404(request, queryset, **lookup):
    """One row of the person's partnerships: another partnership's is a 404, as a missing one is."""
    return get_object_or_404(request.scope.of(queryset.model, queryset), **lookup)


def allowed(request, test, partnership):
    """403 unless ``test(user, partnership)`` (a plans.permissions check) holds in that partnership."""
    if not test(request.user, partnership):
        raise PermissionDenied
