from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import path

from plans.tenancy import partnership_path, scope_for


class AdminSite(admin.AdminSite):
    """Django's admin, for the service administrator (a superuser) and for plan
    officers, who reach it through their membership rather than `is_staff`.
    What an officer sees inside is their partnerships' rows only
    (plans.admin_scope.ScopedAdmin)."""

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_staff or scope_for(user).is_officer())

    def get_urls(self):
        """Django's, with "View on site" scoped: its redirect named another
        partnership's plan (its slug) to anyone who guessed the id."""
        urls = super().get_urls()
        for index, pattern in enumerate(urls):
            if getattr(pattern, "name", None) == "view_on_site":
                urls[index] = path(
                    "r/<path:content_type_id>/<path:object_id>/", self.admin_view(self.view_on_site),
                    name="view_on_site",
                )
        return urls

    def view_on_site(self, request, content_type_id, object_id):
        """Django's redirect to an object's page, for rows in the person's scope only (else 404)."""
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            in_scope = (
                model is None
                or partnership_path(model) is None
                or request.scope.of(model).filter(pk=object_id).exists()
            )
        except (ContentType.DoesNotExist, ValidationError, ValueError, TypeError):
            raise Http404 from None
        if not in_scope:
            raise Http404
        return shortcut(request, content_type_id, object_id)
