"""A plan's actions in one reporting period, and the counts the chair reads.

``period_rows`` reads the database (a fixed number of queries however many
actions there are); ``summarise`` is pure, so the board pack can feed it Rows
rebuilt from frozen snapshots of closed periods.

"Now" for a period that has ended is the end of its last day (Europe/London);
for the current period it is the action's live status. "Before" is the end of
the previous period's last day.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan, LessThan
from django.utils import timezone

from plans import rag
from plans.models import Action, Aim, Owner, ProgressUpdate
from plans.models.action import ActionQuerySet, local_midnight
from plans.periods import first_of_month, month_end
from plans.rag import Direction, Status

from .charts import status_chart_svg

__all__ = [
    "DUE_SOON_DAYS",
    "EXPECTS_UPDATE",
    "STATUS_ORDER",
    "AimSummary",
    "OwnerCompleteness",
    "Row",
    "Summary",
    "direction_expression",
    "due_within_condition",
    "exceptions",
    "overdue_condition",
    "period_rows",
    "status_chart_svg",
    "summarise",
    "with_period_status",
    "with_priority",
]

DUE_SOON_DAYS = 30

# Worst first, then the actions nobody has rated yet.
STATUS_ORDER = [*rag.SEVERITY, ""]


def end_of_day(day):
    """The last moment of ``day`` in the site's time zone (Europe/London)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def is_current(period, today):
    return period.end >= today


def with_period_status(queryset, period, today):
    """Annotate an Action queryset for ``period`` (anything with start and end):

    - ``status_before``: status at the end of the previous period ('' if none);
    - ``status_now``: live status if the period is current, else status at its end;
    - ``updated_this_period``: a progress update was recorded during the period;
    - ``latest_update_at`` / ``latest_commentary``: the latest update up to "now";
    - ``status_changed``: status_now differs from status_before.

    All are subqueries in one SELECT, so filtering, sorting and paginating on
    them stays in the database.
    """
    before = end_of_day(period.start - datetime.timedelta(days=1))
    queryset = queryset.with_status_at(before, name="_status_before")
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk"))
    if is_current(period, today):
        queryset = queryset.annotate(status_now=F("status"))
    else:
        moment = end_of_day(period.end)
        queryset = queryset.with_status_at(moment, name="_status_now").annotate(
            status_now=Coalesce("_status_now", Value(""))
        )
        latest = latest.filter(recorded_at__lte=moment)
    latest = latest.order_by("-recorded_at", "-pk")
    in_period = ProgressUpdate.objects.filter(
        action=OuterRef("pk"),
        recorded_at__gte=local_midnight(period.start),
        recorded_at__lt=local_midnight(period.end + datetime.timedelta(days=1)),
    )
    return queryset.annotate(
        status_before=Coalesce("_status_before", Value("")),
        existed_before=ExpressionWrapper(Q(created_at__lte=before), output_field=BooleanField()),
        updated_this_period=Exists(in_period),
        latest_update_at=Subquery(latest.values("recorded_at")[:1]),
        latest_commentary=Subquery(latest.values("commentary")[:1]),
    ).annotate(status_changed=~Q(status_now=F("status_before")))



# --- The same rules in SQL ----------------------------------------------------
# The dashboard counts Rows in Python; the review list filters and sorts in the
# database. Each expression below is the twin of a rule in this module or in
# plans.rag (tests/review/test_rules_in_sql.py checks that they agree), reading
# ``status_now`` and ``status_before`` from ``with_period_status``, so that a
# link from a dashboard count opens a list of exactly that many actions, for a
# past quarter as well as the current one.

# Row.expects_update: an action already completed before the period owes no update.
EXPECTS_UPDATE = ~Q(status_before=Status.BLUE)


def _rank(name):
    whens = [When(**{name: code}, then=Value(rank)) for code, rank in rag.RANK.items()]
    return Case(*whens, default=Value(None), output_field=IntegerField())


def direction_expression():
    """``rag.direction(status_before, status_now, existed_before)`` as an SQL expression."""
    return Case(
        When(Q(status_now=Status.BLUE) & ~Q(status_before=Status.BLUE), then=Value(Direction.COMPLETED.value)),
        When(existed_before=False, then=Value(Direction.NEW.value)),
        When(Q(status_before="") & ~Q(status_now=""), then=Value(Direction.NEWLY_RATED.value)),
        When(Q(status_before="") | Q(status_now=""), then=Value(Direction.UNCHANGED.value)),
        When(GreaterThan(_rank("status_now"), _rank("status_before")), then=Value(Direction.IMPROVED.value)),
        When(LessThan(_rank("status_now"), _rank("status_before")), then=Value(Direction.DETERIORATED.value)),
        default=Value(Direction.UNCHANGED.value),
        output_field=CharField(),
    )


def overdue_condition(as_of):
    """ActionQuerySet's overdue rule on the status in the period (``status_now``).
    Needs the ``effective_target`` alias (ActionQuerySet.with_effective_target)."""
    return ActionQuerySet.overdue_condition(as_of, status="status_now")


def due_within_condition(as_of, days=DUE_SOON_DAYS):
    """ActionQuerySet's due-soon rule on the status in the period; needs ``effective_target`` too."""
    return ActionQuerySet.due_within_condition(as_of, days, status="status_now")


def with_priority(queryset, as_of):
    """Alias ``priority``, the order the chair reads the review list in: Red (0),
    Amber (1), then the other overdue actions (2), then the rest (3)."""
    return queryset.with_effective_target().alias(
        priority=Case(
            When(status_now=Status.RED, then=Value(0)),
            When(status_now=Status.AMBER, then=Value(1)),
            When(overdue_condition(as_of), then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    )

@dataclass
class Row:
    """One action in a period: plain data, no database access after construction."""

    action: Action  # with aim, section and owners prefetched
    status_before: str  # '' (or None) = not rated, or did not exist, at the end of the previous period
    status_now: str
    direction: Direction
    updated_this_period: bool
    overdue: bool
    due_soon: bool
    latest_commentary: str
    latest_update_at: datetime.datetime | None

    @property
    def expects_update(self):
        """An action already completed before the period began owes no update."""
        return self.status_before != Status.BLUE

    @property
    def status_label(self):
        return rag.label(self.status_now)

    @property
    def status_before_label(self):
        return rag.label(self.status_before)

    @property
    def arrow(self):
        return rag.ARROWS[self.direction]

    @property
    def direction_label(self):
        return Direction(self.direction).label


def _overdue(action, status, as_of):
    # Action.is_overdue/is_due_within read the live status; a past period
    # needs the status it had then, so the same rules are applied to it here.
    month = action.effective_target_month
    return bool(month and not action.recurrence and status != Status.BLUE and month < first_of_month(as_of))


def _due_soon(action, status, as_of, days=DUE_SOON_DAYS):
    month = action.effective_target_month
    if not month or action.recurrence or status == Status.BLUE or _overdue(action, status, as_of):
        return False
    return month_end(month) <= as_of + datetime.timedelta(days=days)


def row_for(action, today):
    """A Row from an action annotated by ``with_period_status``; overdue and
    due-soon are judged at ``today`` (the period's end for a past period)."""
    return Row(
        action=action,
        status_before=action.status_before,
        status_now=action.status_now,
        direction=rag.direction(action.status_before, action.status_now, action.existed_before),
        updated_this_period=action.updated_this_period,
        overdue=_overdue(action, action.status_now, today),
        due_soon=_due_soon(action, action.status_now, today),
        latest_commentary=action.latest_commentary or "",
        latest_update_at=action.latest_update_at,
    )


def period_rows(plan, period, today):
    """Every action in the plan for ``period``, in plan order. Three queries."""
    actions = with_period_status(
        Action.objects.filter(plan=plan).for_display(), period, today
    ).order_by("aim__section__order", "aim__order", "order", "pk")
    as_of = min(today, period.end)
    return [row_for(action, as_of) for action in actions]


@dataclass
class StatusCount:
    code: str
    count: int

    @property
    def label(self):
        return rag.label(self.code)


def _status_counts(rows):
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for row in rows:
        counts[row.status_now or ""] += 1
    return counts


@dataclass
class AimSummary:
    aim: Aim
    counts: dict  # {status code: count} in STATUS_ORDER
    total: int

    @property
    def statuses(self):
        return [StatusCount(code, count) for code, count in self.counts.items()]


@dataclass
class OwnerCompleteness:
    owner: Owner
    updated: list = field(default_factory=list)  # Rows
    not_updated: list = field(default_factory=list)

    @property
    def complete(self):
        return not self.not_updated


@dataclass
class Summary:
    total: int
    by_status: dict  # {status code: count} in STATUS_ORDER, '' = not rated
    by_aim: list  # AimSummary, in plan order
    directions: dict  # {Direction: count}, every direction present
    overdue: int
    due_soon: int
    updated: list  # Rows that owed an update and got one
    not_updated: list  # Rows that owed an update and did not get one
    owners: list  # OwnerCompleteness, by owner name

    @property
    def statuses(self):
        return [StatusCount(code, count) for code, count in self.by_status.items()]

    @property
    def direction_counts(self):
        return [(direction, rag.ARROWS[direction], count) for direction, count in self.directions.items()]

    @property
    def owners_updated(self):
        return [owner for owner in self.owners if owner.complete]

    @property
    def owners_not_updated(self):
        return [owner for owner in self.owners if not owner.complete]

    @property
    def expected_updates(self):
        return len(self.updated) + len(self.not_updated)

    def chart(self):
        return status_chart_svg(self.by_status)


def summarise(rows):
    """Counts for the dashboard and the board pack. Pure: no queries, as long
    as each row's action has its aim and owners loaded."""
    rows = list(rows)
    by_aim = {}
    owners = {}
    directions = dict.fromkeys(Direction, 0)
    updated, not_updated = [], []
    for row in rows:
        by_aim.setdefault(row.action.aim, []).append(row)
        directions[Direction(row.direction)] += 1
        if not row.expects_update:
            continue
        (updated if row.updated_this_period else not_updated).append(row)
        for owner in row.action.owners.all():
            entry = owners.setdefault(owner.pk, OwnerCompleteness(owner))
            (entry.updated if row.updated_this_period else entry.not_updated).append(row)
    return Summary(
        total=len(rows),
        by_status=_status_counts(rows),
        by_aim=[AimSummary(aim, _status_counts(aim_rows), len(aim_rows)) for aim, aim_rows in by_aim.items()],
        directions=directions,
        overdue=sum(row.overdue for row in rows),
        due_soon=sum(row.due_soon for row in rows),
        updated=updated,
        not_updated=not_updated,
        owners=sorted(owners.values(), key=lambda entry: entry.owner.name.lower()),
    )


def exceptions(rows):
    """The Red rows, then the Amber ones, each in plan order: what the chair
    challenges first, listed on the dashboard."""
    return sorted((row for row in rows if row.status_now in rag.EXCEPTIONS), key=lambda row: rag.RANK[row.status_now])
