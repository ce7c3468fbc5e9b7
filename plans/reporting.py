"""Setting up the partnership's reporting calendar."""

import datetime

from plans.models import ReportingPeriod
from plans.periods import add_months


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
