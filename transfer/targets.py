"""Reading an action's target the way people write it in a plan.

Plans say "March 2022", "Mar-22", "31/03/2022", "End April 2022", "Ongoing",
"Quarterly - due June Board", "Ongoing / Feb 2022" or "TBC". Each becomes a
target month (first of the month) and/or a recurrence; the words themselves
are kept as ``text`` because the board recognises its own wording.

Anything that is neither a month nor a recurrence raises TargetError, whose
message says what was not understood, so an import can report the row.
"""

import datetime
import re
from dataclasses import dataclass

from plans.periods import first_of_month

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# The more specific cadence wins: "Quarterly-Ongoing" is reported quarterly.
RECURRENCES = [
    ("quarterly", re.compile(r"\bquarterly\b")),
    ("monthly", re.compile(r"\bmonthly\b")),
    ("annually", re.compile(r"\b(annually|annual|yearly)\b")),
    ("ongoing", re.compile(r"\b(ongoing|on-going|on going|continuous)\b")),
]

# Words that say "no date yet" rather than being unreadable.
NO_DATE = re.compile(r"^(tbc|tbd|to be confirmed|to be agreed|n/?a|none|complete|completed|-+)\.?$")

MONTH_NAME = re.compile(
    r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
    r"(?:[\s\-/.,']*(\d{4}|\d{2})(?!\d))?"
)
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?!\d)")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?!\d)")
MONTH_YEAR = re.compile(r"\b(\d{1,2})/(\d{4})(?!\d)")


class TargetError(ValueError):
    pass


@dataclass(frozen=True)
class Target:
    month: datetime.date | None
    recurrence: str
    text: str

    @property
    def is_dated(self):
        return self.month is not None or bool(self.recurrence)


def _year(digits):
    year = int(digits)
    return 2000 + year if len(digits) == 2 else year


def _months(lower):
    """(position, year or None, month) for every month mentioned, in order."""
    found = []
    taken = []
    for pattern, make in (
        (DAY_MONTH_YEAR, lambda m: (_year(m[3]), int(m[2]), int(m[1]))),
        (ISO_DATE, lambda m: (int(m[1]), int(m[2]), int(m[3] or 1))),
        (MONTH_YEAR, lambda m: (int(m[2]), int(m[1]), 1)),
    ):
        for match in pattern.finditer(lower):
            if any(start <= match.start() < end for start, end in taken):
                continue
            year, month, day = make(match)
            try:
                datetime.date(year, month, day)
            except ValueError as exc:
                raise TargetError(f"'{match[0]}' is not a real date") from exc
            found.append((match.start(), year, month))
            taken.append(match.span())
    for match in MONTH_NAME.finditer(lower):
        if any(start <= match.start() < end for start, end in taken):
            continue
        year = _year(match[2]) if match[2] else None
        found.append((match.start(), year, MONTHS[match[1][:3]]))
    return sorted(found)


def parse_target(value, *, plan_start=None):
    """A Target from a spreadsheet cell (text, date or empty).

    A month without a year ("due June Board") is the first such month on or
    after ``plan_start``; without ``plan_start`` it is an error.
    """
    if value is None:
        return Target(None, "", "")
    if isinstance(value, datetime.date):  # includes datetime: Excel turned the text into a date
        day = value.date() if isinstance(value, datetime.datetime) else value
        return Target(first_of_month(day), "", day.strftime("%B %Y"))
    text = " ".join(str(value).split())
    lower = text.lower()
    if not text or NO_DATE.match(lower):
        return Target(None, "", text)
    recurrence = next((name for name, pattern in RECURRENCES if pattern.search(lower)), "")
    months = _months(lower)
    if not months:
        if recurrence:
            return Target(None, recurrence, text)
        raise TargetError(f"'{text}' is not a month or a recurrence")
    # "April 2022 - June 2022": the last month named is the deadline.
    _, year, month = months[-1]
    if year is None:
        if plan_start is None:
            raise TargetError(f"'{text}' has no year: write it as, for example, 'June 2022'")
        year = plan_start.year if month >= plan_start.month else plan_start.year + 1
    if not 2000 <= year <= 2100:
        raise TargetError(f"'{text}' is not a month between 2000 and 2100")
    return Target(datetime.date(year, month, 1), recurrence, text)


def format_target(month, recurrence, recurrence_label=None):
    """Words for a target that ``parse_target`` reads back to the same month and recurrence."""
    parts = []
    if recurrence:
        parts.append(recurrence_label or recurrence.capitalize())
    if month:
        parts.append(month.strftime("%B %Y"))
    return " / ".join(parts)
