"""Packs and freezes are records of what the board was sent: read-only here."""

from django.contrib import admin

from plans.admin_scope import ScopedInline
from django.urls import reverse
from django.utils.html import format_html

from plans.admin import ReadOnlyAdmin

from .models import BoardPack, FrozenAction, FrozenPlan


@admin.register(BoardPack)
class BoardPackAdmin(ReadOnlyAdmin):
    list_display = ["plan", "period", "created_at", "created_by_name", "from_frozen_period", "size", "download"]
    list_filter = ["plan", "period", "from_frozen_period"]
    exclude = ["pdf"]
    readonly_fields = ["download"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("pdf").select_related("plan", "period")

    @admin.display(description="PDF")
    def download(self, pack):
        return format_html('<a href="{}">Download</a>', reverse("boardpack:download", args=[pack.pk]))


class FrozenActionInline(ScopedInline, admin.TabularInline):
    model = FrozenAction
    fields = ["reference", "status", "direction", "owner_names", "target_text", "commentary"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FrozenPlan)
class FrozenPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "period", "frozen_at", "frozen_by"]
    list_filter = ["period"]
    inlines = [FrozenActionInline]
