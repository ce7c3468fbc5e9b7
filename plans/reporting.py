"""The partnership's reporting calendar: setting it up, and the one rule for
which quarter is under review.

The quarter under review is the quarter that contains today, for every
partnership and whatever plan is current (issue 15). A partnership meets every
quarter: a plan that has ended is not reviewed in its last quarter for ever, it
is reviewed in today's quarter with its final state, until the next plan
starts. My actions, the dashboard, the review list, alerts and the board packs
all ask this module, so they cannot disagree. A past quarter is only ever shown
when someone asks for it by name (``?period=2022-Q4``).
"""

import datetime

from django.db.models import Exists, OuterRef, Q

from plans.models import Plan, ReportingPeriod
from plans.periods import Quarter, add_months


def quarter_under_review(today):
    """The quarter being reviewed on ``today``: the one containing it."""
    return Quarter.containing(today)


def period_under_review(partnership, today):
    """The partnership's ReportingPeriod for the quarter under review, or None
    if the plan officer has not set it up (alerts need its deadline)."""
    quarter = quarter_under_review(today)
    return ReportingPeriod.objects.filter(partnership=partnership, year=quarter.year, quarter=quarter.number).first()


def under_review(partnership, today):
    """The period under review, or the bare Quarter (same start and end, no
    deadline) when the period has not been set up, so pages still work."""
    return period_under_review(partnership, today) or quarter_under_review(today)


def plans_covering(period):
    """The plans a quarter's board pack covers: the partnership's plans (not
    drafts) that run during the quarter, and a plan that has ended while no
    later plan has started by the quarter's end: it is reviewed with its final
    state until the next plan takes over."""
    plans = Plan.objects.filter(partnership=period.partnership_id).exclude(status=Plan.State.DRAFT)
    successor = plans.filter(period_start__gt=OuterRef("period_end"), period_start__lte=period.end)
    return plans.filter(period_start__lte=period.end).filter(
        Q(period_end__gte=period.start) | ~Exists(successor)
    )


def default_deadline(quarter):
    """Owners update by the 12th of the quarter's last month, in time for the pack."""
    return quarter.end.replace(day=12)


def default_meeting(quarter):
    """The partnership meets on the last Thursday of the month after the quarter."""
    last_day = add_months(quarter.next().start, 1) - datetime.timedelta(days=1)
    return last_day - datetime.timedelta(days=(last_day.weekday() - 3) % 7)


def ensure_periods(partnership, first, last):
    """Create any missing quarters from ``first`` to ``last`` inclusive, with the
    default deadline and meeting dates; existing periods are left as they are.
    Returns how many were created."""
    existing = set(
        ReportingPeriod.objects.filter(partnership=partnership).values_list("year", "quarter")
    )
    created = 0
    quarter = first
    while quarter <= last:
        if (quarter.year, quarter.number) not in existing:
            ReportingPeriod.objects.create(
                partnership=partnership,
                year=quarter.year,
                quarter=quarter.number,
                update_deadline=default_deadline(quarter),
                meeting_date=default_meeting(quarter),
            )
            created += 1
        quarter = quarter.next()
    return created
