"""The review list as a django-tables2 table: sortable columns, paginated in
the database. Rendered by templates/review/includes/table.html in GOV.UK markup."""

import django_tables2 as tables
from django.db.models import Case, IntegerField, Value, When
from django.urls import NoReverseMatch
from django.utils import timezone

from plans import rag
from plans.models import ReviewNote

PLAN_ORDER = ("aim__section__order", "aim__order", "order", "pk")


def action_url(action):
    # The action page belongs to issue 3; link to it once it exists.
    try:
        return action.get_absolute_url()
    except NoReverseMatch:
        return ""


class ReviewTable(tables.Table):
    """Columns the chair reads across in one pass: what the action is, what its
    owner last said, its status and direction, target, last update and review.

    Opens worst first (``priority``: Red, Amber, then the other overdue actions,
    then the rest, each group in plan order); the view aliases ``priority`` on
    the queryset (review.summary.with_priority), so sorting stays in the database."""

    # Plan order (section, aim, action): the reference encodes the aim, and
    # sorting "A1.10" after "A1.9" needs the stored order, not the text.
    reference = tables.Column("Ref", order_by=PLAN_ORDER)
    # Also shows the owners and the latest commentary.
    description = tables.Column("Action", orderable=False)
    # Also shows the direction of travel.
    status_now = tables.Column("Status", empty_values=())
    target = tables.Column("Target", empty_values=())
    # Sorting on this puts the actions never or longest not updated first.
    latest_update_at = tables.DateColumn(verbose_name="Last update", format="j M Y")
    review = tables.Column("Review", empty_values=(), orderable=False)
    priority = tables.Column("Worst first", empty_values=(), visible=False, order_by=("priority", *PLAN_ORDER))

    class Meta:
        attrs = {"class": "govuk-table"}
        order_by = "priority"

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


def latest_notes(actions):
    """{action pk: its latest review note} for the actions on a page (its
    ``author_name`` needs no further query). One query."""
    notes = (
        ReviewNote.objects.filter(action__in=[action.pk for action in actions])
        .select_related("author__owner")
        .order_by("action_id", "-created_at", "-pk")
    )
    latest = {}
    for note in notes:
        if note.action_id not in latest:
            latest[note.action_id] = note
    return latest


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

