"""The review list as a django-tables2 table: sortable columns, paginated in
the database. Rendered by templates/review/includes/table.html in GOV.UK markup."""

import django_tables2 as tables
from django.db.models import Case, IntegerField, Value, When
from django.urls import NoReverseMatch
from django.utils import timezone

from plans import rag

PLAN_ORDER = ("aim__section__order", "aim__order", "order", "pk")


def action_url(action):
    # The action page belongs to issue 3; link to it once it exists.
    try:
        return action.get_absolute_url()
    except NoReverseMatch:
        return ""


class ReviewTable(tables.Table):
    # Plan order (section, aim, action): the reference encodes the aim, and
    # sorting "A1.10" after "A1.9" needs the stored order, not the text.
    reference = tables.Column("Ref", order_by=PLAN_ORDER)
    description = tables.Column("Action")
    owners = tables.Column("Owners", empty_values=(), orderable=False)
    target = tables.Column("Target", empty_values=())
    status_now = tables.Column("Status", empty_values=())
    direction = tables.Column("Since last quarter", empty_values=(), orderable=False)
    # Sorting on this puts the actions never or longest not updated first.
    latest_update_at = tables.DateColumn(verbose_name="Last update", format="j M Y")

    class Meta:
        attrs = {"class": "govuk-table"}
        order_by = "reference"

    def order_target(self, queryset, is_descending):
        # The revised target if there is one, as the owner is now working to it.
        key = "-effective_target" if is_descending else "effective_target"
        return queryset.with_effective_target().order_by(key, *PLAN_ORDER), True

    def order_status_now(self, queryset, is_descending):
        # Worst first (Red, Amber, Green, Blue, then Not rated), not alphabetical.
        severity = Case(
            *[When(status_now=code, then=Value(rank)) for code, rank in rag.RANK.items()],
            default=Value(len(rag.RANK)),
            output_field=IntegerField(),
        )
        queryset = queryset.alias(severity=severity)
        return queryset.order_by("-severity" if is_descending else "severity", *PLAN_ORDER), True


def export_rows(actions, today):
    """Header and rows for the CSV/XLSX export of the filtered actions."""
    header = [
        "Plan",
        "Section",
        "Aim",
        "Reference",
        "Action",
        "Owners",
        "Target",
        "Overdue",
        "Status before this quarter",
        "Status now",
        "Direction of travel",
        "Updated this quarter",
        "Last update",
        "Latest commentary",
    ]
    rows = []
    for action in actions:
        direction = rag.direction(action.status_before, action.status_now, action.existed_before)
        rows.append(
            [
                action.aim.section.plan.title,
                action.aim.section.title,
                str(action.aim),
                action.reference,
                action.description,
                "; ".join(owner.name for owner in action.owners.all()),
                action.target_display,
                "Yes" if action.is_overdue(today) else "No",
                rag.label(action.status_before),
                rag.label(action.status_now),
                rag.Direction(direction).label,
                "Yes" if action.updated_this_period else "No",
                timezone.localtime(action.latest_update_at).strftime("%d/%m/%Y") if action.latest_update_at else "",
                action.latest_commentary or "",
            ]
        )
    return header, rows

