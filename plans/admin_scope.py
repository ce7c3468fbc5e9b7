"""The admin, scoped by partnership: a plan officer sees, edits and picks only
their partnerships' rows (issue 14). Every product ModelAdmin and inline
inherits from ScopedAdmin or ScopedInline (a test checks), so the rule lives
here once, not in each admin:

- the change list, change pages and autocomplete answers come from
  `get_queryset`, which is the person's scope;
- every choice in a form (a foreign key, a many-to-many) is narrowed to the
  same scope, so an officer cannot attach another partnership's owner or aim;
- a model with no partnership of its own (e.g. national indicator periods) is
  left to the service administrator for changes and open to officers to read.
"""

from django.contrib import admin

from plans.tenancy import partnership_path


class ScopedMixin:
    def _scoped(self, request, model, queryset):
        if partnership_path(model) is None:
            return queryset
        return request.scope.of(model, queryset)

    def get_queryset(self, request):
        return self._scoped(request, self.model, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self._narrow(field, db_field, request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self._narrow(field, db_field, request)

    def _narrow(self, field, db_field, request):
        model = db_field.remote_field.model
        if field is None or not hasattr(field, "queryset"):
            return field
        if model._meta.label_lower == "auth.user":
            # People are linked in the People pages; the admin offers only the
            # officer's own partnerships' people.
            from django.contrib.auth import get_user_model

            if not request.user.is_superuser:
                field.queryset = get_user_model().objects.filter(
                    memberships__partnership__in=request.scope.partnership_ids
                ).distinct()
            return field
        field.queryset = self._scoped(request, model, field.queryset)
        return field

    def _unscoped_model(self):
        return partnership_path(self.model) is None


class ScopedAdmin(ScopedMixin, admin.ModelAdmin):
    def has_add_permission(self, request):
        if self._unscoped_model() and not request.user.is_superuser:
            return False
        return super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        if self._unscoped_model() and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._unscoped_model() and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


class ScopedInline(ScopedMixin):
    """Mix into TabularInline/StackedInline."""
