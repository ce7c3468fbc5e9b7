"""Entering and correcting indicator figures. Corrections keep a history
(simple_history), so a changed figure in a past board pack can be explained."""

from django.contrib import admin

from plans.admin_scope import ScopedAdmin
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import Area, Indicator, IndicatorPeriod, IndicatorValue


@admin.register(Area)
class AreaAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "region", "partnership", "order"]
    list_filter = ["kind", "partnership"]
    list_editable = ["order"]
    search_fields = ["name", "region"]


@admin.register(IndicatorPeriod)
class IndicatorPeriodAdmin(ScopedAdmin):
    list_display = ["label", "start", "end"]
    search_fields = ["label"]


@admin.register(Indicator)
class IndicatorAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "unit", "better", "target", "partnership", "order"]
    list_filter = ["partnership", "unit", "better"]
    search_fields = ["name", "slug", "definition"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["aims"]
    fieldsets = [
        (None, {"fields": ["partnership", "name", "slug", "definition", "order"]}),
        ("How to read it", {"fields": ["unit", "decimal_places", "better", "target"]}),
        ("Links and source", {"fields": ["aims", "source"]}),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "aims":
            kwargs["queryset"] = db_field.related_model.objects.select_related("section__plan")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["indicator", "period", "area", "value", "source", "updated_at"]
    list_editable = ["value"]
    list_filter = ["indicator__partnership", "indicator", "period", "area__kind", "area"]
    list_select_related = ["indicator", "period", "area"]
    search_fields = ["indicator__name", "area__name", "period__label", "source"]
    autocomplete_fields = ["area", "period"]
    list_per_page = 100
