"""UK financial-year quarters, the rhythm of the partnership's reporting.

The financial year starts on 1 April: Q1 is April-June, Q2 July-September,
Q3 October-December and Q4 January-March of the following calendar year.
A financial year is named by the calendar year it starts in (2022 is 2022/23).
"""

import datetime
from dataclasses import dataclass


# Years a quarter named in a URL or a file may belong to: wide enough for any plan,
# narrow enough that the quarters either side of it have dates too.
MIN_YEAR, MAX_YEAR = 1900, 2999


@dataclass(frozen=True, order=True)
class Quarter:
    year: int  # the calendar year the financial year starts in
    number: int  # 1-4

    def __post_init__(self):
        if self.number not in (1, 2, 3, 4):
            raise ValueError(f"A quarter is 1 to 4, not {self.number}.")
        # A year the calendar cannot hold (a crafted "?period=0-Q1") fails here, as
        # a bad quarter, not later as a crash when the quarter's dates are worked out.
        if not datetime.MINYEAR <= self.year < datetime.MAXYEAR:
            raise ValueError(f"{self.year} is not a year a quarter can be in.")

    @classmethod
    def containing(cls, day):
        year = day.year if day.month >= 4 else day.year - 1
        number = ((day.month - 4) % 12) // 3 + 1
        return cls(year, number)

    @classmethod
    def from_slug(cls, slug):
        """Parse '2022-Q1' (case-insensitive)."""
        try:
            year, number = slug.upper().split("-Q")
            if not MIN_YEAR <= int(year) <= MAX_YEAR:
                raise ValueError(year)
            return cls(int(year), int(number))
        except ValueError as exc:
            raise ValueError(f"'{slug}' is not a quarter such as 2022-Q1.") from exc

    @property
    def start(self):
        month = 4 + (self.number - 1) * 3
        year = self.year + (month - 1) // 12
        return datetime.date(year, (month - 1) % 12 + 1, 1)

    @property
    def end(self):
        return self.next().start - datetime.timedelta(days=1)

    def next(self):
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    def previous(self):
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)

    @property
    def financial_year(self):
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def slug(self):
        return f"{self.year}-Q{self.number}"

    def __str__(self):
        return f"Quarter {self.number} {self.financial_year}"


def first_of_month(day):
    return day.replace(day=1)


def add_months(day, months):
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_end(month_start):
    return add_months(month_start, 1) - datetime.timedelta(days=1)
