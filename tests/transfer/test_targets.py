import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transfer.targets import Target, TargetError, format_target, parse_target

PLAN_START = datetime.date(2022, 4, 1)
MARCH_2022 = datetime.date(2022, 3, 1)


@pytest.mark.parametrize(
    "text, month, recurrence",
    [
        ("March 2022", MARCH_2022, ""),
        ("Mar-22", MARCH_2022, ""),
        ("31/03/2022", MARCH_2022, ""),
        ("Ongoing", None, "ongoing"),
        ("Quarterly", None, "quarterly"),
        ("Quarterly - due June Board", datetime.date(2022, 6, 1), "quarterly"),
        ("TBC", None, ""),
        # Wording from the Sefton plan.
        ("Quarterly-Ongoing / April 2022", datetime.date(2022, 4, 1), "quarterly"),
        ("Ongoing / Audit May 2022", datetime.date(2022, 5, 1), "ongoing"),
        ("End April 2022", datetime.date(2022, 4, 1), ""),
        ("Sept 2022", datetime.date(2022, 9, 1), ""),
        ("Complete", None, ""),
        ("", None, ""),
    ],
)
def test_targets_are_read_as_people_write_them(text, month, recurrence):
    assert parse_target(text, plan_start=PLAN_START) == Target(month, recurrence, text)


def test_a_month_without_a_year_is_the_next_such_month_in_the_plan():
    assert parse_target("due Jan", plan_start=PLAN_START).month == datetime.date(2023, 1, 1)
    assert parse_target("due June", plan_start=PLAN_START).month == datetime.date(2022, 6, 1)


def test_a_month_without_a_year_and_no_plan_is_reported():
    with pytest.raises(TargetError, match="no year"):
        parse_target("June")


def test_a_date_that_excel_made_from_the_text_is_read_as_its_month():
    assert parse_target(datetime.datetime(2022, 3, 31)) == Target(MARCH_2022, "", "March 2022")


@pytest.mark.parametrize("text", ["Sometime", "soon", "2022", "31/02/2022", "13/2022"])
def test_unreadable_targets_say_what_was_not_understood(text):
    with pytest.raises(TargetError, match=text.replace("/", ".")):
        parse_target(text, plan_start=PLAN_START)


def test_the_message_for_a_nonsense_target_names_it():
    with pytest.raises(TargetError) as error:
        parse_target("Sometime")
    assert str(error.value) == "'Sometime' is not a month or a recurrence"


months = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31))
FORMATS = ["%B %Y", "%b %Y", "%b-%y", "%d/%m/%Y", "%Y-%m-%d", "%m/%Y", "End %B %Y", "%d %B %Y"]


@given(day=months, fmt=st.sampled_from(FORMATS))
def test_any_date_written_in_a_common_format_is_read_as_its_month(day, fmt):
    assert parse_target(day.strftime(fmt)).month == day.replace(day=1)


@given(
    month=st.none() | months.map(lambda d: d.replace(day=1)),
    recurrence=st.sampled_from(["", "ongoing", "quarterly", "monthly", "annually"]),
)
def test_formatted_targets_read_back_to_the_same_month_and_recurrence(month, recurrence):
    target = parse_target(format_target(month, recurrence))
    assert (target.month, target.recurrence) == (month, recurrence)


@given(st.text(max_size=80))
def test_any_text_is_either_read_or_reported_never_a_crash(text):
    try:
        target = parse_target(text, plan_start=PLAN_START)
    except TargetError as error:
        assert str(error)
    else:
        assert target.month is None or 2000 <= target.month.year <= 2100
