"""Importing indicator figures from a CSV or XLSX file, all or nothing.

Every row is checked before anything is saved; one bad cell means nothing is
saved and the plan officer gets every problem at once, each with its spreadsheet
row number and column ("row 4, column Value: 'abc' is not a number"), so the
file can be fixed in one pass. A figure that already exists for the same
indicator, period and area is corrected in place.

Columns (header row, any order, case-insensitive): Indicator (name or short
name), Period (e.g. "Apr 2019 - Mar 2020", "Jan - Dec 2020", "2019/20"),
Area, Value; optional Source and Note.

The file is read by transfer.guards, like every upload: size, rows, columns,
cell lengths (CELL_LIMITS), control characters, encodings and damaged files are
checked there, and its problems with cells come first in the list.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction

from indicators.models import Area, Indicator, IndicatorPeriod, IndicatorValue
from plans.loading import Tally, upsert
from plans.text import NAME

REQUIRED = ["Indicator", "Period", "Area", "Value"]
OPTIONAL = ["Source", "Note"]
# The most characters each column may hold (the fields they fill); see transfer.guards.
CELL_LIMITS = {
    "indicator": NAME, "period": NAME, "area": NAME, "value": NAME,
    "source": IndicatorValue._meta.get_field("source").max_length,
    "note": IndicatorValue._meta.get_field("note").max_length,
}  # fmt: skip
MONTHS = {name: number for number, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
MONTH_ABBR = {number: name.capitalize() for name, number in MONTHS.items()}
DASH = r"\s*(?:-|–|—|to)\s*"


class ImportFailed(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)


def cell_limit(header):
    """For transfer.guards: the limit of the column a header names, or None."""
    return CELL_LIMITS.get(str(header).strip().lower())


# --- Periods -------------------------------------------------------------------


def month_number(word):
    return MONTHS.get(word[:3].lower()) if word else None


def month_end(year, month):
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def parse_period(text):
    """(start, end, canonical label) for a published period's label, or None."""
    text = " ".join(str(text).split())
    if m := re.fullmatch(rf"([A-Za-z]+)\s+(\d{{4}}){DASH}([A-Za-z]+)\s+(\d{{4}})", text):
        m1, y1, m2, y2 = month_number(m[1]), int(m[2]), month_number(m[3]), int(m[4])
    elif m := re.fullmatch(rf"([A-Za-z]+){DASH}([A-Za-z]+)\s+(\d{{4}})", text):
        m1, m2, y2 = month_number(m[1]), month_number(m[2]), int(m[3])
        y1 = y2 if (m1 or 0) <= (m2 or 0) else y2 - 1
    elif m := re.fullmatch(r"(\d{4})\s*[/-]\s*(\d{2}|\d{4})", text):
        # A financial year: 2019/20 is April 2019 to March 2020.
        y1 = int(m[1])
        if int(m[2]) % 100 != (y1 + 1) % 100:
            return None
        m1, m2, y2 = 4, 3, y1 + 1
    elif m := re.fullmatch(r"(\d{4})", text):
        m1, y1, m2, y2 = 1, int(m[1]), 12, int(m[1])
    else:
        return None
    if not (m1 and m2):
        return None
    start, end = datetime.date(y1, m1, 1), month_end(y2, m2)
    if end <= start:
        return None
    if y1 == y2:
        label = f"{MONTH_ABBR[m1]} - {MONTH_ABBR[m2]} {y2}"
    else:
        label = f"{MONTH_ABBR[m1]} {y1} - {MONTH_ABBR[m2]} {y2}"
    return start, end, label


# --- Checking rows ------------------------------------------------------------------


def parse_value(raw):
    """(Decimal, None) or (None, problem)."""
    text = str(raw).strip()
    if text == "":
        return None, "a value is required"
    cleaned = text.replace(",", "").removesuffix("%").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None, f"'{text}' is not a number"
    if not value.is_finite():
        return None, f"'{text}' is not a number"
    if value < 0:
        return None, f"'{text}' is negative; indicator figures cannot be below zero"
    if abs(value) >= Decimal("1e9"):
        return None, f"'{text}' is too large"
    return value.quantize(Decimal("0.001")) if value.as_tuple().exponent < -3 else value, None


def column_map(header):
    found = {str(name).strip().lower(): index for index, name in enumerate(header) if str(name).strip()}
    missing = [name for name in REQUIRED if name.lower() not in found]
    if missing:
        raise ImportFailed([f"row 1: the header has no {', '.join(missing)} column" + ("s" if len(missing) > 1 else "")
                            + f" (expected {', '.join(REQUIRED)})"])
    return {name: found.get(name.lower()) for name in REQUIRED + OPTIONAL}


def check_rows(partnership, table, filename):
    """Validated rows as dicts ready to save; raises ImportFailed with every problem.

    ``table`` comes from transfer.guards.read_table: its rows know their numbers in
    the sheet, and the problems it found in cells are reported with the rest, in row order.
    """
    if not table:
        raise ImportFailed(["The file is empty."])
    found = [(problem.row or 0, str(problem)) for problem in getattr(table, "problems", [])]
    try:
        columns = column_map(table[0])
    except ImportFailed as failure:
        raise ImportFailed([message for _, message in found] + failure.errors) from None
    indicators = {}
    for indicator in Indicator.objects.filter(partnership=partnership):
        indicators[indicator.name.lower()] = indicator
        indicators[indicator.slug.lower()] = indicator
    areas = {area.name.lower(): area for area in Area.objects.filter(partnership=partnership)}
    periods = {p.label.lower(): p for p in IndicatorPeriod.objects.all()}
    periods_by_dates = {(p.start, p.end): p for p in periods.values()}

    errors, rows, seen = [], [], {}
    for offset, cells in enumerate(table[1:], start=2):
        number = getattr(cells, "number", offset)

        def cell(name, cells=cells):
            index = columns[name]
            value = None if index is None or index >= len(cells) else cells[index]
            return "" if value is None else value

        if all(c is None or str(c).strip() == "" for c in cells):
            continue  # blank lines at the end of a spreadsheet are harmless
        problems = []
        indicator = indicators.get(str(cell("Indicator")).strip().lower())
        if indicator is None:
            problems.append(f"row {number}, column Indicator: '{cell('Indicator')}' is not an indicator of this partnership")
        area = areas.get(str(cell("Area")).strip().lower())
        if area is None:
            problems.append(f"row {number}, column Area: '{cell('Area')}' is not a known area or comparator")
        period_text = str(cell("Period")).strip()
        period = periods.get(" ".join(period_text.split()).lower())
        if period is None:
            parsed = parse_period(period_text)
            if parsed is None:
                problems.append(
                    f"row {number}, column Period: '{period_text}' is not a period such as "
                    "'Apr 2019 - Mar 2020', 'Jan - Dec 2020' or '2019/20'"
                )
            else:
                start, end, label = parsed
                period = periods_by_dates.get((start, end)) or IndicatorPeriod(start=start, end=end, label=label)
        value, problem = parse_value(cell("Value"))
        if problem:
            problems.append(f"row {number}, column Value: {problem}")
        if not problems:
            key = (indicator.pk, (period.start, period.end), area.pk)
            if key in seen:
                problems.append(f"row {number}: repeats row {seen[key]} (same indicator, period and area)")
            seen.setdefault(key, number)
        errors.extend((number, problem) for problem in problems)
        if not problems:
            rows.append({
                "indicator": indicator, "period": period, "area": area, "value": value,
                "source": str(cell("Source")).strip() or f"Imported from {filename}"[:CELL_LIMITS["source"]],
                "note": str(cell("Note")).strip(),
            })
    if found or errors:
        # Stable: on each row, the guards' problems come before the figures' own.
        raise ImportFailed([message for _, message in sorted(found + errors, key=lambda error: error[0])])
    if not rows:
        raise ImportFailed(["The file has a header but no figures."])
    return rows


def import_values(partnership, table, filename):
    """Check every row of a table (from transfer.guards), then save all of them or none.
    Returns an ImportResult."""
    try:
        rows = check_rows(partnership, table, filename)
    except ImportFailed as failure:
        return ImportResult(errors=failure.errors)
    tally = Tally()
    with transaction.atomic():
        for row in rows:
            period = row["period"]
            if period.pk is None:
                period = upsert(IndicatorPeriod, tally, {"start": period.start, "end": period.end},
                                {"label": period.label})
            upsert(
                IndicatorValue,
                tally,
                {"indicator": row["indicator"], "period": period, "area": row["area"]},
                {"value": row["value"], "source": row["source"], "note": row["note"]},
            )
    name = IndicatorValue._meta.verbose_name_plural
    return ImportResult(created=tally[(name, "created")], updated=tally[(name, "updated")],
                        unchanged=tally[(name, "unchanged")])
