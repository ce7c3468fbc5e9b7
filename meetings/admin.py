"""The plan officer keeps the board's agencies here; meetings are recorded on the
site, and can be corrected here with their history kept."""

from django.contrib import admin

from plans.admin_scope import ScopedAdmin, ScopedInline
from simple_history.admin import SimpleHistoryAdmin

from plans.admin import ReadOnlyAdmin

from .models import ActionArising, Agency, AgendaItem, ArisingReminder, Attendance, Meeting


@admin.register(Agency)
class AgencyAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "representative", "partnership", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["partnership", "active"]
    search_fields = ["name", "representative"]
    ordering = ["partnership", "order", "name"]


class AttendanceInline(ScopedInline, admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ["agency", "representative", "status", "deputy"]


class AgendaItemInline(ScopedInline, admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ["order", "kind", "title", "notes", "action_reference", "status", "overdue", "decision", "decision_note"]
    readonly_fields = ["kind", "action_reference", "status", "overdue"]


@admin.register(Meeting)
class MeetingAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["held_on", "partnership", "period", "plan", "location"]
    list_filter = ["partnership", "period"]
    date_hierarchy = "held_on"
    fields = ["partnership", "plan", "period", "held_on", "location"]
    inlines = [AttendanceInline, AgendaItemInline]


@admin.register(ActionArising)
class ActionArisingAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["description", "owner", "due_on", "done_on", "meeting"]
    list_filter = ["meeting__partnership", "done_on"]
    search_fields = ["description", "owner__name"]
    autocomplete_fields = ["owner"]
    raw_id_fields = ["meeting", "item"]
    ordering = ["due_on", "pk"]


@admin.register(ArisingReminder)
class ArisingReminderAdmin(ReadOnlyAdmin):
    list_display = ["action", "email", "occurrence", "sent_on"]
    list_filter = ["sent_on"]
