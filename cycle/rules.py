"""When a plan may be followed by the next one, and what the next one is called.

A youth justice plan is annual and runs with the UK financial year (1 April to
31 March), so the next plan's default period is the first financial year that
starts after the old plan ends. Every rule takes ``today``: none reads the clock.
"""

import datetime
import re

from plans import permissions
from plans.periods import Quarter

# "2022/23", "2022-23", "2022-2023" at the end of a title: the year a title names.
TITLE_YEAR = re.compile(r"\s*\(?\b\d{4}\s*[/-]\s*\d{2}(\d{2})?\b\)?\s*$")


def financial_year(year):
    """(start, end) of the financial year that starts in April of ``year``."""
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def year_label(start, end=None):
    """"2023/24" for a plan covering one financial year; "2023/24 to 2025/26" for several."""
    first = Quarter.containing(start).financial_year
    if end is None:
        return first
    last = Quarter.containing(end).financial_year
    return first if first == last else f"{first} to {last}"


def next_year(plan):
    """The calendar year in which the first financial year after the plan's end starts."""
    end = plan.period_end
    return end.year if end < datetime.date(end.year, 4, 1) else end.year + 1


def year_choices(plan, today):
    """Financial years the next plan may cover: from the one after the old plan
    to the one after today's (a late rollover can start the current year's plan)."""
    first = next_year(plan)
    last = max(first, Quarter.containing(today).year + 1)
    return list(range(first, last + 1))


def final_quarter_start(plan):
    return Quarter.containing(plan.period_end).start


def in_final_quarter(plan, today):
    """The plan is ending: it is in its last quarter, or over."""
    return today >= final_quarter_start(plan)


def has_successor(plan):
    return hasattr(plan, "succession")


def can_start_next_plan(user, plan, today):
    """The plan officer of the plan's partnership starts the next plan from an
    ended (or ending) plan, once."""
    return permissions.is_plan_officer(user, plan.partnership_id) and in_final_quarter(plan, today) and not has_successor(plan)


def default_title(plan, year):
    """The old title with the new year: "... Plan 2022/23" becomes "... Plan 2023/24";
    a title naming no year gets the new year added."""
    label = year_label(financial_year(year)[0])
    base = TITLE_YEAR.sub("", plan.title).strip()
    return f"{base} {label}"
