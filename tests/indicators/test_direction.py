from decimal import Decimal

import pytest

from indicators.models import Better, Direction, direction
from indicators.summary import summarise
from indicators.models import Indicator


@pytest.mark.parametrize(
    "before, now, expected",
    [
        (117, 98, Direction.BETTER),  # fewer first time entrants
        (36.7, 44.8, Direction.WORSE),  # more reoffending
        (2, 2, Direction.SAME),
        (None, 98, Direction.NO_PREVIOUS),
    ],
)
def test_a_fall_is_better_when_lower_is_better(before, now, expected):
    assert direction(before, now, Better.LOWER) == expected


@pytest.mark.parametrize(
    "before, now, expected",
    [
        (70, 85, Direction.BETTER),  # more children in suitable accommodation
        (85, 70, Direction.WORSE),
        (Decimal("70.0"), Decimal("70"), Direction.SAME),
    ],
)
def test_a_rise_is_better_when_higher_is_better(before, now, expected):
    assert direction(before, now, Better.HIGHER) == expected


def test_context_figures_move_up_or_down_without_being_judged():
    assert direction(125, 90, Better.NEITHER) == Direction.DOWN
    assert direction(90, 125, Better.NEITHER) == Direction.UP


def test_the_summary_reports_the_latest_figure_and_the_change_since_the_previous_period(fte, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        summary = summarise(Indicator.objects.with_values().get(pk=fte.pk))
    assert summary.latest_period.label == "Apr 2020 - Mar 2021"
    assert summary.latest == 98 and summary.previous == 117
    assert summary.change == -19
    assert summary.direction == Direction.BETTER
    assert fte.format_change(summary.change) == "−19 per 100,000"


def test_comparators_say_whether_the_service_does_better_than_each_area(fte):
    summary = summarise(Indicator.objects.with_values().get(pk=fte.pk))
    compared = {row.area.name: row.compared for row in summary.comparators}
    # 98 against the family's 136 and England's 154: fewer entrants is better.
    assert compared == {"Testshire": "", "YOT family average": "Better", "England": "Better"}
    family = next(row for row in summary.comparators if row.area.name == "YOT family average")
    assert family.direction == Direction.WORSE  # the family average rose from 116 to 136


def test_the_same_figures_read_the_other_way_when_higher_is_better(fte):
    fte.better = Better.HIGHER
    fte.save()
    summary = summarise(Indicator.objects.with_values().get(pk=fte.pk))
    assert summary.direction == Direction.WORSE
    assert {row.area.name: row.compared for row in summary.comparators}["England"] == "Worse"


def test_a_target_is_met_in_the_direction_that_is_better(fte):
    fte.target = Decimal(100)
    assert fte.meets_target(Decimal(98)) is True
    assert fte.meets_target(Decimal(117)) is False
    fte.better = Better.HIGHER
    assert fte.meets_target(Decimal(98)) is False


def test_figures_are_shown_as_published_with_their_unit(fte):
    fte.unit, fte.decimal_places = Indicator.Unit.PERCENTAGE, 1
    assert fte.format(Decimal("36.700")) == "36.7%"
    assert fte.format_change(Decimal("-8.1")) == "−8.1 percentage points"
    fte.unit, fte.decimal_places = Indicator.Unit.RATE_PER_1K, 2
    assert fte.format(Decimal("0")) == "0.00 per 1,000"
