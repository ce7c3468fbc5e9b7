"""The plan officer's editing tool. Status is not edited directly: it follows
progress updates, which the admin adds through Action.record_update so the
history and the current status can never disagree."""

from django.contrib import admin
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.html import format_html

from plans import rag
from plans.admin_history import HistoryAdmin, changed_fields_reason
from plans.admin_scope import ScopedAdmin, ScopedInline
from plans.models import (
    Action,
    Aim,
    GlossaryTerm,
    Owner,
    Partnership,
    Plan,
    ProgressUpdate,
    RagStatus,
    ReportingPeriod,
    ReviewNote,
    Section,
)

ADMIN_MEDIA = {"all": ["plans/admin.css"]}


def rag_tag(code):
    return format_html('<strong class="app-admin-rag app-admin-rag--{}">{}</strong>', code or "none", rag.label(code))


class ReadOnlyAdmin(ScopedAdmin):
    """For records that are history: viewable, never added, edited or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Partnership)
class PartnershipAdmin(HistoryAdmin):
    list_display = ["name", "chair", "plan_officer"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["chair", "plan_officer"]

    def has_add_permission(self, request):
        # Partnerships are set up by the service administrator (issue 14).
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Owner)
class OwnerAdmin(HistoryAdmin):
    list_display = ["name", "kind", "job_title", "organisation", "email", "user", "action_count"]
    list_filter = ["kind", "partnership"]
    search_fields = ["name", "job_title", "organisation", "email"]
    # "user" is a plain select of the officer's partnerships' people (admin_scope): as an
    # autocomplete it asked the user admin, which officers may not use ("could not be loaded").
    autocomplete_fields = ["members"]
    # Explicit, because Meta.ordering does not apply to the annotated (GROUP BY)
    # queryset, and the autocomplete pages it.
    ordering = ["name", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(action_count=Count("actions"))

    @admin.display(ordering="action_count", description="Actions")
    def action_count(self, owner):
        return owner.action_count


class RagStatusInline(ScopedInline, admin.TabularInline):
    model = RagStatus
    extra = 0
    max_num = 4


class SectionInline(ScopedInline, admin.TabularInline):
    model = Section
    extra = 0
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(HistoryAdmin):
    list_display = ["title", "partnership", "period_start", "period_end", "status", "action_count"]
    list_filter = ["status", "partnership"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [RagStatusInline, SectionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(action_count=Count("actions"))

    @admin.display(ordering="action_count", description="Actions")
    def action_count(self, plan):
        return plan.action_count


class AimInline(ScopedInline, admin.StackedInline):
    model = Aim
    extra = 0
    show_change_link = True
    fields = ["number", "title", "order"]


@admin.register(Section)
class SectionAdmin(HistoryAdmin):
    list_display = ["title", "plan", "aim_label", "order"]
    list_filter = ["plan"]
    search_fields = ["title"]
    inlines = [AimInline]


class OwnersMayBeBlank:
    """An action may have no owner yet: the plan says "TBC" (P8.4 in Sefton's),
    and the officer must still be able to save it. (The model's owners field
    would say blank=True, but that is a migration; the forms say it here.)"""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "owners":
            formfield.required = False
        return formfield


class ActionInline(OwnersMayBeBlank, ScopedInline, admin.StackedInline):
    model = Action
    extra = 0
    show_change_link = True
    fields = ["reference", "description", "owners", "target_month", "recurrence", "target_text", "order"]
    autocomplete_fields = ["owners"]


@admin.register(Aim)
class AimAdmin(HistoryAdmin):
    list_display = ["__str__", "section", "action_count"]
    list_filter = ["section__plan", "section"]
    search_fields = ["title", "number", "how_will_we_know", "desired_outcome"]
    inlines = [ActionInline]
    ordering = ["section__plan", "section__order", "order", "pk"]  # as OwnerAdmin: annotated

    def get_search_results(self, request, queryset, search_term):
        """The usual search, plus the aim's label as printed ("Aim 2", "Priority 3"),
        which the autocomplete on an action's aim box is typed as."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        labelled = search_by_label(queryset, search_term)
        return results | labelled, may_have_duplicates

    def save_formset(self, request, form, formset, change):
        """New actions added here take the next place in the aim, as in the action admin."""
        for inline_form in formset.forms:
            action = inline_form.instance
            if formset.model is Action and action.pk is None and not action.order and inline_form.has_changed():
                action.order = next_place(form.instance)
                action._change_reason = "Added in the admin"
        super().save_formset(request, form, formset, change)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("section").annotate(action_count=Count("actions"))

    @admin.display(ordering="action_count", description="Actions")
    def action_count(self, aim):
        return aim.action_count


class AimFilter(admin.RelatedOnlyFieldListFilter):
    """The aims in use, named with their section's label ("Aim 1.2: …") in one
    query: Django's filter named each aim with its own query (1,115 queries on
    the changelist of a 5,900-action plan, issue 18)."""

    def field_choices(self, field, request, model_admin):
        in_use = model_admin.get_queryset(request).values("aim")
        aims = Aim.objects.filter(pk__in=in_use).select_related("section").order_by(*Aim._meta.ordering)
        return [(aim.pk, str(aim)) for aim in aims]


class StatusFilter(admin.SimpleListFilter):
    """Status, with "Not rated" as a choice like the others (most new actions are)."""

    title = "status"
    parameter_name = "status"
    NOT_RATED = "none"

    def lookups(self, request, model_admin):
        return [(code, rag.label(code)) for code in rag.SEVERITY] + [(self.NOT_RATED, rag.NOT_RATED_LABEL)]

    def queryset(self, request, queryset):
        if self.value() == self.NOT_RATED:
            return queryset.filter(status="")
        if self.value():
            return queryset.filter(status=self.value())
        return queryset


def next_place(aim):
    """The order after the aim's last action: a new action joins the end of its
    aim (left at 0 it sorted above the aim's first action)."""
    return (aim.actions.aggregate(last=Max("order"))["last"] or 0) + 1


def search_by_label(queryset, term):
    """Aims whose printed label matches ``term``: "Aim 2" or "Priority 3" (the
    section's aim_label and the aim's number, as the plan prints them), or a
    bare label ("Priority") for every aim so labelled."""
    words = term.split()
    if not words:
        return queryset.none()
    if len(words) > 1:
        label, number = " ".join(words[:-1]), words[-1]
        return queryset.filter(
            Q(section__aim_label__iexact=label, number__iexact=number.rstrip(":."))
            | Q(section__aim_label__iexact=term)
        )
    return queryset.filter(section__aim_label__iexact=term)


class OverdueFilter(admin.SimpleListFilter):
    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue"), ("no", "Not overdue")]

    def queryset(self, request, queryset):
        overdue = Action.objects.overdue(timezone.localdate()).values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=overdue)
        if self.value() == "no":
            return queryset.exclude(pk__in=overdue)
        return queryset


class ProgressHistoryInline(ScopedInline, admin.TabularInline):
    """The action's whole "Comments and progress", newest first, read-only."""

    model = ProgressUpdate
    verbose_name_plural = "Progress history"
    extra = 0
    can_delete = False
    fields = ["recorded_at", "status_word", "commentary", "author_name", "status_derived", "revised_target_month"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="Status")
    def status_word(self, update):
        return rag_tag(update.status)


class NewProgressUpdateInline(ScopedInline, admin.StackedInline):
    model = ProgressUpdate
    verbose_name = "new progress update"
    verbose_name_plural = "Add a progress update"
    extra = 1
    max_num = 1
    can_delete = False
    fields = ["status", "commentary", "revised_target_month", "revised_target_reason", "completed_on"]

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Action)
class ActionAdmin(OwnersMayBeBlank, HistoryAdmin):
    list_display = ["reference", "short_description", "aim", "rag", "owner_names", "target", "overdue", "updated_at"]
    list_display_links = ["reference", "short_description"]
    list_filter = [
        "plan", ("aim", AimFilter), StatusFilter, OverdueFilter, "aim__section", "recurrence",
        "owners",
    ]
    search_fields = ["reference", "description", "owners__name", "target_text"]
    autocomplete_fields = ["aim", "owners"]
    readonly_fields = ["plan", "rag", "completed_on", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["plan", "aim", "reference", "description", "owners", "order"]}),
        ("Target", {"fields": ["target_month", "recurrence", "target_text", "revised_target_month", "revised_target_reason"]}),
        ("Status", {"fields": ["rag", "completed_on", "created_at", "updated_at"]}),
    ]
    inlines = [NewProgressUpdateInline, ProgressHistoryInline]
    list_per_page = 50

    class Media:
        css = ADMIN_MEDIA

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("aim__section").prefetch_related("owners")

    def get_inlines(self, request, obj):
        """An archived plan is read-only (Plan.accepts_updates): its history, but no new progress update."""
        if obj is not None and not obj.plan.accepts_updates:
            return [inline for inline in self.inlines if inline is not NewProgressUpdateInline]
        return self.inlines

    @admin.display(description="Action")
    def short_description(self, action):
        return action.description[:90] + ("…" if len(action.description) > 90 else "")

    @admin.display(description="Owners")
    def owner_names(self, action):
        return "; ".join(owner.name for owner in action.owners.all())

    @admin.display(description="Target")
    def target(self, action):
        return action.target_display

    @admin.display(ordering="status", description="RAG status")
    def rag(self, action):
        return rag_tag(action.status)

    @admin.display(boolean=True, description="Overdue")
    def overdue(self, action):
        return action.is_overdue(timezone.localdate())

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None and "order" in form.base_fields:
            form.base_fields["order"].help_text = "Leave at 0 to place the action after the last one in its aim."
        return form

    def save_model(self, request, obj, form, change):
        if not change and not obj.order and obj.aim_id:
            obj.order = next_place(obj.aim)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # Owners are saved after the action: their history row carries the same reason.
        form.instance._change_reason = changed_fields_reason(form) if change else "Added in the admin"
        super().save_related(request, form, formsets, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not ProgressUpdate:
            return super().save_formset(request, form, formset, change)
        # The admin's change message reads these lists.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.forms:
            data = inline_form.cleaned_data if inline_form.has_changed() else None
            if data:
                update = form.instance.record_update(
                    author=request.user,
                    status=data["status"],
                    commentary=data["commentary"],
                    revised_target_month=data.get("revised_target_month"),
                    revised_target_reason=data.get("revised_target_reason", ""),
                    completed_on=data.get("completed_on"),
                )
                formset.new_objects.append(update)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
    """A read-only log across all actions, for checking who updated what."""

    list_display = ["action", "recorded_at", "rag", "author_name", "status_derived", "no_change"]
    list_filter = ["action__plan", "status", "status_derived", "no_change"]
    search_fields = ["action__reference", "commentary", "author_name"]
    date_hierarchy = "recorded_at"
    list_select_related = ["action"]

    class Media:
        css = ADMIN_MEDIA

    @admin.display(ordering="status", description="RAG status")
    def rag(self, update):
        return rag_tag(update.status)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(HistoryAdmin):
    list_display = ["__str__", "partnership", "start", "end", "update_deadline", "meeting_date", "closed_at"]
    list_filter = ["partnership", "year"]
    readonly_fields = ["start", "end", "closed_at", "closed_by"]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(HistoryAdmin):
    list_display = ["term", "definition", "plan"]
    list_filter = ["plan"]
    search_fields = ["term", "definition"]


@admin.register(ReviewNote)
class ReviewNoteAdmin(HistoryAdmin):
    """Notes stay editable (a typo, a note on the wrong action), but the history
    keeps every earlier wording and any deletion, with who did it."""

    list_display = ["action", "period", "outcome", "author", "created_at"]
    list_filter = ["outcome", "period"]
    search_fields = ["action__reference", "note"]
    list_select_related = ["action", "period", "author"]
    autocomplete_fields = ["action"]
