"""The admin, scoped by partnership: a plan officer sees, edits and picks only
their partnerships' rows (issue 14). Every product ModelAdmin and inline
inherits from ScopedAdmin or ScopedInline (a test checks), so the rule lives
here once, not in each admin:

- the change list, change pages and autocomplete answers come from
  `get_queryset`, which is the person's scope;
- every choice in a form (a foreign key, a many-to-many) is narrowed to the
  same scope, so an officer cannot attach another partnership's owner or aim;
- the change list's filters offer only the same scope's rows (Django's own
  related filter lists every row of the related table: every partnership's
  plans, owners and periods, by name);
- history pages (Django's and simple-history's, which falls back to the last
  historical record when the live row is out of reach) answer only for rows in
  scope, or for deleted rows whose last record was in scope;
- a model with no partnership of its own (e.g. national indicator periods) is
  left to the service administrator for changes and open to officers to read.
"""

from django.contrib import admin
from django.contrib.admin.utils import NotRelationField, get_fields_from_path, unquote
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.http import Http404

from plans.tenancy import partnership_path


def partnership_id_of(instance, path):
    """The partnership ``instance`` belongs to, following PATHS; None when a step is gone."""
    value = instance
    try:
        for step in path.split("__"):
            if step == "pk":
                break
            value = getattr(value, step)
    except ObjectDoesNotExist:
        return None
    return value.pk


class ScopedRelatedFilter(admin.RelatedFieldListFilter):
    """A change-list filter on a relation, offering only the person's partnerships' rows."""

    def field_choices(self, field, request, model_admin):
        model = field.remote_field.model
        if partnership_path(model) is None or request.user.is_superuser:
            return super().field_choices(field, request, model_admin)
        rows = request.scope.of(model)
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            rows = rows.order_by(*ordering)
        return [(row.pk, str(row)) for row in rows]


def scoped_filter(model, entry):
    """A list_filter entry, with a plain relation name given the scoped filter."""
    if not isinstance(entry, str):
        return entry
    try:
        field = get_fields_from_path(model, entry)[-1]
    except (FieldDoesNotExist, NotRelationField):
        return entry
    return (entry, ScopedRelatedFilter) if field.is_relation else entry


class ScopedMixin:
    def _scoped(self, request, model, queryset):
        if partnership_path(model) is None:
            return queryset
        return request.scope.of(model, queryset)

    def get_queryset(self, request):
        return self._scoped(request, self.model, super().get_queryset(request))

    def get_list_filter(self, request):
        return [scoped_filter(self.model, entry) for entry in super().get_list_filter(request)]

    def history_view(self, request, object_id, extra_context=None):
        self._history_in_scope_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """simple-history's "as it was" page of one version (only on its admins)."""
        self._history_in_scope_or_404(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _history_in_scope_or_404(self, request, object_id):
        """A row's history is the row's: another partnership's is a 404, as a missing one is."""
        path = partnership_path(self.model)
        if path is None or request.user.is_superuser:
            return
        try:
            pk = self.model._meta.pk.to_python(unquote(object_id))
            if self.get_queryset(request).filter(pk=pk).exists():
                return
            if self.model._default_manager.filter(pk=pk).exists():
                raise Http404
        except (ValidationError, ValueError, TypeError):
            raise Http404 from None
        # Deleted: judged by where it was when last recorded.
        manager = getattr(self.model._meta, "simple_history_manager_attribute", None)
        # (A historical record's own pk is its history_id; the row's id is a plain field there.)
        records = getattr(self.model, manager).filter(**{self.model._meta.pk.attname: pk}) if manager else None
        record = records.order_by("-history_date").first() if manager else None
        if record is None or partnership_id_of(record.instance, path) not in request.scope.partnership_ids:
            raise Http404

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
