"""The alert rules, in one place, built on ActionQuerySet.

- overdue: the target month has ended and the action is not completed;
- due soon: the target month ends within ALERT_DUE_SOON_DAYS (default 30);
- update due: no update yet in the current reporting period, and the period's
  update deadline is today or within ALERT_UPDATE_DUE_DAYS (default 14);
- update missed: the current period's deadline has passed with no update.

Recurring actions ("Ongoing", "Quarterly") are never overdue or due by date
(the QuerySet already excludes them) but need an update every period like
any other open action. Only actions in active plans raise alerts.
"""

import datetime
import functools
import operator
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Value

from plans import reporting
from plans.models import Action, Plan, ReportingPeriod
from plans.models.action import ActionQuerySet
from plans.rag import Status

from .models import Kind

ACTION_KINDS = [Kind.OVERDUE, Kind.UPDATE_MISSED, Kind.UPDATE_DUE, Kind.DUE_SOON]

# The chair's summary goes this many days before the partnership meeting and
# counts an action as long overdue once its target month ended this long ago.
CHAIR_SUMMARY_DAYS = 7
LONG_OVERDUE_DAYS = 30


def due_soon_days():
    return getattr(settings, "ALERT_DUE_SOON_DAYS", 30)


def update_due_days():
    return getattr(settings, "ALERT_UPDATE_DUE_DAYS", 14)


def live_actions(partnership=None):
    """Actions that can raise alerts: in an active plan, and not handed on to the
    next plan or dropped when the plan rolled over (the successor is chased instead)."""
    actions = Action.objects.filter(plan__status=Plan.State.ACTIVE).exclude(
        carry_forward__decision__in=["carried", "dropped"]
    )
    if partnership is not None:
        actions = actions.filter(plan__partnership=partnership)
    return actions


@dataclass
class Rules:
    """The rules as they stand on ``today`` for one partnership's reporting calendar."""

    today: datetime.date
    period: ReportingPeriod | None  # the current reporting period, if set up
    due_soon_days: int = field(default_factory=due_soon_days)
    update_due_days: int = field(default_factory=update_due_days)

    @classmethod
    def on(cls, today, partnership):
        return cls(today, reporting.period_under_review(partnership, today))

    @property
    def deadline(self):
        return self.period.update_deadline if self.period else None

    def conditions(self):
        """{kind: Q, or None when the kind cannot apply today}, most urgent first;
        the Qs read the effective_target alias (ActionQuerySet.with_effective_target)."""
        deadline = self.deadline
        chasing = deadline and self.today <= deadline <= self.today + datetime.timedelta(self.update_due_days)
        missed = deadline and deadline < self.today
        return {
            Kind.OVERDUE: ActionQuerySet.overdue_condition(self.today),
            Kind.UPDATE_MISSED: ActionQuerySet.not_updated_condition(self.period) if missed else None,
            Kind.UPDATE_DUE: ActionQuerySet.not_updated_condition(self.period) if chasing else None,
            Kind.DUE_SOON: ActionQuerySet.due_within_condition(self.today, self.due_soon_days),
        }

    def by_kind(self, actions):
        """{kind: QuerySet} for every action kind, most urgent first."""
        actions = actions.with_effective_target()
        return {kind: actions.filter(condition) if condition is not None else actions.none()
                for kind, condition in self.conditions().items()}

    def any_alert(self, actions):
        """One QuerySet of the actions with at least one alert: the rules ORed in
        one WHERE (a subquery of ``actions`` per rule took 14 ms to build and ran
        the person's ownership subqueries five times, issue 18)."""
        return actions.with_effective_target().filter(self.any_condition())

    def flagged(self, actions):
        """The actions with at least one alert, each annotated ``alert_<kind>``
        True or False for every kind, in one query (a query per kind read the
        person's actions four times for the banner, issue 18)."""
        flags = {
            f"alert_{kind}": Value(False) if condition is None else ExpressionWrapper(condition, BooleanField())
            for kind, condition in self.conditions().items()
        }
        return self.any_alert(actions).annotate(**flags)

    @staticmethod
    def by_flag(flagged):
        """{kind: [action]} from ``flagged``'s rows, most urgent kind first; an
        action breaking two rules is under both."""
        by_kind = {kind: [] for kind in ACTION_KINDS}
        for action in flagged:
            for kind in ACTION_KINDS:
                if getattr(action, f"alert_{kind}"):
                    by_kind[kind].append(action)
        return by_kind

    def any_condition(self):
        """The conditions ORed: an action with at least one alert (needs effective_target)."""
        return functools.reduce(operator.or_, [c for c in self.conditions().values() if c is not None])

    def occurrence(self, kind, action):
        """What an alert is about, so a revised target or a new quarter restarts the cadence."""
        if kind in (Kind.OVERDUE, Kind.DUE_SOON):
            return action.effective_target_month.strftime("%Y-%m")
        return self.period.slug

    def occurrences(self, actions_by_kind):
        """Every label the current alerts can carry (a few months and one period)."""
        labels = {self.period.slug} if self.period else set()
        for kind in (Kind.OVERDUE, Kind.DUE_SOON):
            labels |= {self.occurrence(kind, action) for action in actions_by_kind.get(kind, ())}
        return labels


def period_under_review(partnership, today, days=CHAIR_SUMMARY_DAYS):
    """The period whose partnership meeting falls within ``days`` from today."""
    return (
        ReportingPeriod.objects.filter(
            partnership=partnership,
            meeting_date__gte=today,
            meeting_date__lte=today + datetime.timedelta(days=days),
        )
        .order_by("meeting_date")
        .first()
    )


@dataclass
class ChairSummary:
    period: ReportingPeriod
    red: list
    long_overdue: list
    missing_updates: list

    @classmethod
    def build(cls, partnership, period, today):
        actions = live_actions(partnership).select_related("plan", "aim__section").prefetch_related("owners")
        return cls(
            period=period,
            red=list(actions.filter(status=Status.RED)),
            long_overdue=list(actions.overdue(today - datetime.timedelta(days=LONG_OVERDUE_DAYS))),
            missing_updates=list(actions.open().not_updated_in(period)),
        )

    @property
    def is_empty(self):
        return not (self.red or self.long_overdue or self.missing_updates)
