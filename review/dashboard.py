"""The review dashboard's numbers, counted by the database.

The dashboard used to build one Python Row per action and count them: 2.6 s and
1.1 MB for a plan of 5,900 actions. Here every count is an SQL aggregate over
the same annotated queryset the review list filters (``with_period_status`` and
the SQL rules in ``review.summary``), so a count and the list it links to cannot
disagree, and the page holds a fixed number of queries and only the few rows a
chair reads: the Red and Amber actions and the actions not updated, each capped
with a link to the review list for the rest.

The board pack still uses ``review.summary.summarise`` over Rows: it must count
frozen snapshots, which are not in the database as live actions.
"""

from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Count, ExpressionWrapper, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import RowNumber

from plans import rag
from plans.models import Action, Aim, Owner, Section
from plans.rag import Direction, Status

from .charts import status_chart_svg
from .summary import (
    EXPECTS_UPDATE,
    STATUS_ORDER,
    StatusCount,
    due_within_condition,
    overdue_condition,
    with_period_status,
)

# Enough to read in a meeting; the review list has every one of them.
LISTED = 20
# The references shown beside each owner who has not updated; their count links to the rest.
REFERENCES_PER_OWNER = 5
# Beyond this many aims, the table by status is by section (Sefton's plan has 11 aims).
AIMS_SHOWN = 40

PLAN_ORDER = ("aim__section__order", "aim__order", "order", "pk")
# What the dashboard's totals depend on, per action: one GROUP BY over these.
COMBINATION = ("status_now", "status_before", "existed_before", "updated_this_period", "overdue", "due_soon")


def _key(code):
    return f"status_{code or 'unrated'}"


@dataclass
class AreaCounts:
    area: Aim | Section
    counts: dict  # {status code: count} in STATUS_ORDER
    total: int

    @property
    def statuses(self):
        return [StatusCount(code, count) for code, count in self.counts.items()]


@dataclass
class OwnerCounts:
    owner: Owner
    updated: int
    not_updated: int
    references: list = field(default_factory=list)  # [(action pk, reference)] not updated, at most REFERENCES_PER_OWNER

    @property
    def complete(self):
        return not self.not_updated

    @property
    def more(self):
        return self.not_updated - len(self.references)


@dataclass
class PlanSummary:
    """What the dashboard shows, as counts. ``updated`` and ``not_updated``
    count the actions that owed an update (not those completed before the period)."""

    total: int
    by_status: dict  # {status code: count} in STATUS_ORDER, '' = not rated
    directions: dict  # {Direction: count}, every direction present
    overdue: int
    due_soon: int
    updated: int
    not_updated: int
    by_aim: list  # AreaCounts of aims, in plan order; empty for a plan of more than AIMS_SHOWN aims
    by_section: list  # AreaCounts of sections, in plan order, for such a plan instead
    owners: list  # OwnerCounts: those with actions not updated first, then by name

    @property
    def statuses(self):
        return [StatusCount(code, count) for code, count in self.by_status.items()]

    @property
    def direction_counts(self):
        return [(direction, rag.ARROWS[direction], count) for direction, count in self.directions.items()]

    @property
    def red_amber(self):
        return sum(self.by_status[code] for code in rag.EXCEPTIONS)

    @property
    def expected_updates(self):
        return self.updated + self.not_updated

    @property
    def owners_updated(self):
        return sum(owner.complete for owner in self.owners)

    def chart(self):
        return status_chart_svg(self.by_status)


def period_actions(plan, period, today):
    """The plan's actions annotated for ``period`` as the review list annotates
    them, with ``overdue`` and ``due_soon`` (1 or 0) from the SQL rules."""
    as_of = min(today, period.end)
    return (
        with_period_status(Action.objects.filter(plan=plan), period, today)
        .with_effective_target()
        .annotate(
            overdue=Case(When(overdue_condition(as_of), then=Value(1)), default=Value(0), output_field=IntegerField()),
            due_soon=Case(
                When(due_within_condition(as_of), then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
        )
    )


def _status_counts():
    return {_key(code): Count("pk", filter=Q(status_now=code)) for code in STATUS_ORDER}


def _counts(row):
    return {code: row[_key(code)] for code in STATUS_ORDER}


def _by_area(actions):
    """Counts by status for each aim that has actions, in plan order; for a plan
    of more than AIMS_SHOWN aims, for each section instead (a table of a
    thousand aims is read by nobody, and weighs a megabyte). Two queries."""
    rows = list(
        actions.order_by().values("aim", "aim__section").annotate(total=Count("pk"), **_status_counts())
    )
    if len(rows) <= AIMS_SHOWN:
        by_aim = {row["aim"]: row for row in rows}
        aims = Aim.objects.filter(pk__in=list(by_aim)).select_related("section")
        return [AreaCounts(aim, _counts(by_aim[aim.pk]), by_aim[aim.pk]["total"]) for aim in aims], []
    by_section = {}
    for row in rows:
        entry = by_section.setdefault(row["aim__section"], {"total": 0, **dict.fromkeys(map(_key, STATUS_ORDER), 0)})
        for name in entry:
            entry[name] += row[name]
    sections = Section.objects.filter(pk__in=list(by_section))
    return [], [AreaCounts(section, _counts(by_section[section.pk]), by_section[section.pk]["total"]) for section in sections]


def _owners(actions):
    """Each owner's actions updated and not, counting actions that owed an
    update and are owned directly (as the owner's link on the dashboard
    filters). Two queries, the second capped at REFERENCES_PER_OWNER per owner."""
    owing = actions.filter(EXPECTS_UPDATE, owners__isnull=False)
    counts = (
        owing.order_by()
        .values("owners", "owners__name", "owners__kind")
        .annotate(
            updated=Count("pk", filter=Q(updated_this_period=True)),
            not_updated=Count("pk", filter=Q(updated_this_period=False)),
        )
    )
    owners = {
        row["owners"]: OwnerCounts(
            Owner(pk=row["owners"], name=row["owners__name"], kind=row["owners__kind"]),
            row["updated"],
            row["not_updated"],
        )
        for row in counts
    }
    late = (
        owing.filter(updated_this_period=False)
        .annotate(place=Window(RowNumber(), partition_by=[F("owners")], order_by=[F(name).asc() for name in PLAN_ORDER]))
        .filter(place__lte=REFERENCES_PER_OWNER)
        .order_by("owners", "place")
        .values_list("owners", "pk", "reference")
    )
    for owner_pk, pk, reference in late:
        owners[owner_pk].references.append((pk, reference))
    return sorted(owners.values(), key=lambda entry: (entry.complete, entry.owner.name.lower()))


def summarise_plan(plan, period, today):
    """The dashboard's counts for ``plan`` in ``period``: a fixed number of
    queries and no Python object per action.

    The totals come from one GROUP BY over the few combinations of status
    before and now, updated, overdue and due soon (at most a few hundred rows
    however big the plan): an aggregate per count would repeat each
    per-action subquery in every COUNT and take seconds on a large plan.
    Direction of travel is then ``rag.direction`` on each combination, the
    rule whose SQL twin the review list filters on."""
    actions = period_actions(plan, period, today)
    by_aim, by_section = _by_area(actions)
    combinations = actions.order_by().values(*COMBINATION).annotate(count=Count("pk"))
    by_status = dict.fromkeys(STATUS_ORDER, 0)
    directions = dict.fromkeys(Direction, 0)
    counts = {"overdue": 0, "due_soon": 0, "updated": 0, "not_updated": 0}
    for row in combinations:
        count = row["count"]
        by_status[row["status_now"] or ""] += count
        directions[Direction(rag.direction(row["status_before"], row["status_now"], row["existed_before"]))] += count
        counts["overdue"] += count * row["overdue"]
        counts["due_soon"] += count * row["due_soon"]
        if row["status_before"] != Status.BLUE:  # EXPECTS_UPDATE: completed before the period owes nothing
            counts["updated" if row["updated_this_period"] else "not_updated"] += count
    return PlanSummary(
        total=sum(by_status.values()),
        by_status=by_status,
        directions=directions,
        by_aim=by_aim,
        by_section=by_section,
        owners=_owners(actions),
        **counts,
    )


def listed_actions(plan, period, today, condition, limit=LISTED):
    """The first ``limit`` actions matching ``condition`` (a Q on the period's
    annotations), worst status first then in plan order, with their owners and
    ``overdue_now``. Two queries."""
    severity = Case(
        *[When(status_now=code, then=Value(rank)) for code, rank in rag.RANK.items()],
        default=Value(len(rag.RANK)),
        output_field=IntegerField(),
    )
    return list(
        period_actions(plan, period, today)
        .filter(condition)
        .annotate(overdue_now=ExpressionWrapper(Q(overdue=1), output_field=BooleanField()))
        .prefetch_related("owners")
        .order_by(severity, *PLAN_ORDER)[:limit]
    )


RED_OR_AMBER = Q(status_now__in=list(rag.EXCEPTIONS))
NOT_UPDATED = EXPECTS_UPDATE & Q(updated_this_period=False)
