"""The review list's filters. Every filter runs in the database on an Action
queryset annotated by ``with_period_status`` for the quarter shown, using the
SQL twins of the dashboard's rules (``review.summary``), so the page, the
exports and every count on the dashboard that links here see exactly the same
rows."""

import django_filters
from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from plans import rag
from plans.models import Action, Aim, Owner, Plan, Section, Stage

from .summary import EXPECTS_UPDATE, direction_expression, due_within_condition, overdue_condition

UNRATED = "unrated"  # a checkbox cannot carry '' as its value
STATUS_CHOICES = [*rag.Status.choices, (UNRATED, rag.NOT_RATED_LABEL)]
DEFAULT_STATUSES = [rag.Status.RED, rag.Status.AMBER]


def status_value(code):
    """The ``status`` query parameter for a status code ('' is not rated)."""
    return code or UNRATED


class PlainSelect(forms.Select):
    """A select whose options are written directly: Django renders each option
    through a template, about a tenth of a millisecond each, which for a few
    hundred owners was most of the review list's time. Same markup."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((key, " selected" if str(key) in chosen else "", label) for key, label in self.choices),
        )
        return format_html("<select{}>{}</select>", flatatt(attrs), options)


class ReviewFilter(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(
        queryset=Plan.objects.exclude(status=Plan.State.ARCHIVED), empty_label="All plans", widget=PlainSelect
    )
    section = django_filters.ModelChoiceFilter(
        field_name="aim__section", label="Section", queryset=Section.objects.all(), empty_label="All sections",
        widget=PlainSelect,
    )
    aim = django_filters.ModelChoiceFilter(
        queryset=Aim.objects.select_related("section"), empty_label="All aims", widget=PlainSelect
    )
    status = django_filters.MultipleChoiceFilter(
        choices=STATUS_CHOICES, widget=forms.CheckboxSelectMultiple, method="filter_status"
    )
    owner = django_filters.ModelChoiceFilter(
        queryset=Owner.objects.all(),
        label="Owner or team",
        empty_label="Anyone",
        widget=PlainSelect,
        method="filter_owner",
        help_text="A person's actions include those of the teams they belong to.",
    )
    # Read by filter_owner: the dashboard counts each owner's own actions only.
    directly = django_filters.BooleanFilter(
        label="Only actions they own themselves, not through a team",
        widget=forms.CheckboxInput,
        method="filter_nothing",
    )
    direction = django_filters.ChoiceFilter(
        label="Direction of travel", choices=rag.Direction.choices, empty_label="Any", method="filter_direction"
    )
    # Where the action is in its delivery, beside its RAG rating (issue 17): the action's stage now.
    stage = django_filters.ChoiceFilter(label="Implementation stage", choices=Stage.choices, empty_label="Any")
    overdue = django_filters.BooleanFilter(label="Overdue", widget=forms.CheckboxInput, method="filter_overdue")
    due_within = django_filters.NumberFilter(
        label="Due within (days)", method="filter_due_within", min_value=1, max_value=366
    )
    updated = django_filters.BooleanFilter(
        label="Updated this quarter", widget=forms.CheckboxInput, method="filter_updated"
    )
    not_updated = django_filters.BooleanFilter(
        label="Not updated this quarter",
        widget=forms.CheckboxInput,
        method="filter_not_updated",
        help_text="Actions completed before the quarter began owe no update and are left out.",
    )
    changed = django_filters.BooleanFilter(
        label="Status changed this quarter", widget=forms.CheckboxInput, method="filter_changed"
    )

    class Meta:
        model = Action
        fields = []  # all declared above

    # The choices that name rows of a partnership: only the person's own are offered (issue 14).
    SCOPED_CHOICES = ("plan", "section", "aim", "owner")

    def __init__(self, data=None, *args, today, scope, **kwargs):
        """``today``: the day overdue and due-soon are judged on (a past
        quarter's last day when the list shows a past quarter). ``scope``: the
        person's plans.tenancy.Scope; another partnership's plan, section, aim
        or owner is neither offered nor accepted."""
        self.today = today
        data = data.copy() if data is not None else None
        # The chair opens the list on the exceptions: Red and Amber, until
        # the filter form has been submitted (it always sends `plan`).
        if data is not None and not any(name in data for name in self.base_filters):
            data.setlist("status", DEFAULT_STATUSES)
        super().__init__(data, *args, **kwargs)
        for name in self.SCOPED_CHOICES:
            choice = self.filters[name]
            choice.queryset = scope.of(choice.queryset.model, choice.queryset)

    @property
    def form(self):
        """The filter form, offering only the sections and aims a person can
        pick from (``offer_choices``): a select of every aim in a large plan is
        slow to build, heavy to send and unusable."""
        if not hasattr(self, "_form"):
            offer_choices(super().form, self.data or {})
        return self._form

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_status(self, queryset, name, value):
        codes = [code for code in value if code != UNRATED]
        condition = Q(status_now__in=codes)
        if UNRATED in value:
            condition |= Q(status_now="")
        return queryset.filter(condition)

    def filter_owner(self, queryset, name, owner):
        # Directly, or through a team the person is a member of (as in My actions).
        condition = Q(owners=owner)
        if not self.form.cleaned_data.get("directly"):
            condition |= Q(owners__members=owner)
        return queryset.filter(pk__in=Action.objects.filter(condition).values("pk"))

    def filter_direction(self, queryset, name, value):
        return queryset.alias(direction=direction_expression()).filter(direction=value)

    def filter_overdue(self, queryset, name, value):
        return queryset.with_effective_target().filter(overdue_condition(self.today)) if value else queryset

    def filter_due_within(self, queryset, name, days):
        return queryset.with_effective_target().filter(due_within_condition(self.today, int(days)))

    def filter_updated(self, queryset, name, value):
        return queryset.filter(EXPECTS_UPDATE, updated_this_period=True) if value else queryset

    def filter_not_updated(self, queryset, name, value):
        return queryset.filter(EXPECTS_UPDATE, updated_this_period=False) if value else queryset

    def filter_changed(self, queryset, name, value):
        return queryset.filter(status_changed=True) if value else queryset


# More aims than this in a plan and the aim drop-down waits for a section.
AIMS_OFFERED = 40


def _choices(field, objects, value):
    """Set the select's options to ``objects``, keeping the chosen one (by id)
    even if it is not among them, so a link from the dashboard (plan and aim)
    shows what it filters on. Validation still accepts every row in the
    person's scope (the field's queryset)."""
    objects = list(objects)
    if value and str(value) not in {str(obj.pk) for obj in objects}:
        objects += list(field.queryset.filter(pk=value)) if str(value).isdigit() else []
    field.widget.choices = [("", field.empty_label), *((obj.pk, field.label_from_instance(obj)) for obj in objects)]


def offer_choices(form, data):
    """Sections of the chosen plan (or of the person's only plan); aims of the
    chosen section, or of that plan if it has at most AIMS_OFFERED. Before a plan
    is chosen a person with several plans is told to choose one: the form never
    lists every section and aim of every plan (1,100 aims in a 100x plan)."""
    plans = list(form.fields["plan"].queryset)
    form.fields["plan"].widget.choices = [("", form.fields["plan"].empty_label), *((p.pk, str(p)) for p in plans)]
    chosen = {str(p.pk): p for p in plans}.get(str(data.get("plan") or ""))
    plan = chosen or (plans[0] if len(plans) == 1 else None)
    section_field, aim_field = form.fields["section"], form.fields["aim"]
    sections = section_field.queryset.filter(plan=plan).order_by("order", "pk") if plan else []
    _choices(section_field, sections, data.get("section"))
    section = data.get("section")
    if section and str(section).isdigit() and plan and any(str(s.pk) == str(section) for s in sections):
        aims = aim_field.queryset.filter(section_id=section)
    elif plan:
        aims = list(aim_field.queryset.filter(section__plan=plan).order_by("section__order", "order", "pk")[: AIMS_OFFERED + 1])
        if len(aims) > AIMS_OFFERED:
            aims = []
            aim_field.help_text = "Choose a section and apply the filters to choose one of its aims."
    else:
        aims = []
    if not plan:
        section_field.help_text = "Choose a plan and apply the filters to choose one of its sections."
        aim_field.help_text = "Choose a plan and apply the filters to choose one of its aims."
    _choices(aim_field, aims, data.get("aim"))
    if chosen:  # the owners of the chosen plan's partnership, not of every board the person sits on
        owner_field = form.fields["owner"]
        _choices(owner_field, owner_field.queryset.filter(partnership_id=chosen.partnership_id), data.get("owner"))
