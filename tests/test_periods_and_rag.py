import datetime

import pytest

from plans.periods import Quarter, add_months, month_end
from plans.rag import Direction, direction
from plans.reporting import default_deadline, default_meeting

D = datetime.date


@pytest.mark.parametrize(
    "day, expected",
    [
        (D(2022, 4, 1), Quarter(2022, 1)),
        (D(2022, 6, 30), Quarter(2022, 1)),
        (D(2022, 7, 1), Quarter(2022, 2)),
        (D(2022, 12, 31), Quarter(2022, 3)),
        (D(2023, 1, 1), Quarter(2022, 4)),
        (D(2023, 3, 31), Quarter(2022, 4)),
    ],
)
def test_a_day_falls_in_its_uk_financial_year_quarter(day, expected):
    assert Quarter.containing(day) == expected


def test_quarter_four_runs_january_to_march_of_the_next_calendar_year():
    q4 = Quarter(2022, 4)
    assert (q4.start, q4.end) == (D(2023, 1, 1), D(2023, 3, 31))
    assert str(q4) == "Quarter 4 2022/23"
    assert q4.next() == Quarter(2023, 1)
    assert Quarter(2023, 1).previous() == q4


def test_quarters_are_named_and_parsed_by_slug():
    assert Quarter(2022, 1).slug == "2022-Q1"
    assert Quarter.from_slug("2022-q3") == Quarter(2022, 3)
    with pytest.raises(ValueError, match="not a quarter"):
        Quarter.from_slug("Q3 2022")
    with pytest.raises(ValueError):
        Quarter(2022, 5)


def test_month_arithmetic_crosses_year_ends():
    assert add_months(D(2022, 12, 15), 1) == D(2023, 1, 1)
    assert month_end(D(2024, 2, 1)) == D(2024, 2, 29)


def test_default_calendar_puts_the_deadline_inside_the_quarter_and_the_meeting_after_it():
    assert default_deadline(Quarter(2022, 1)) == D(2022, 6, 12)
    meeting = default_meeting(Quarter(2022, 1))
    assert meeting == D(2022, 7, 28) and meeting.weekday() == 3


@pytest.mark.parametrize(
    "before, now, existed, expected",
    [
        ("red", "amber", True, Direction.IMPROVED),
        ("green", "red", True, Direction.DETERIORATED),
        ("amber", "amber", True, Direction.UNCHANGED),
        ("", "", True, Direction.UNCHANGED),  # never rated: nothing moved
        ("", "green", True, Direction.NEWLY_RATED),  # first rating: nothing to compare with, but it moved (issue 15)
        (None, "red", False, Direction.NEW),  # added during the period
        ("", "", False, Direction.NEW),
        ("green", "blue", True, Direction.COMPLETED),
        (None, "blue", False, Direction.COMPLETED),
        ("blue", "blue", True, Direction.UNCHANGED),
        ("blue", "amber", True, Direction.DETERIORATED),
    ],
)
def test_direction_of_travel_compares_statuses_worst_to_best(before, now, existed, expected):
    assert direction(before, now, existed) == expected
