"""The review list filters and sorts in the database with SQL twins of the
rules the dashboard applies in Python (review.summary); they must agree, or a
count on the dashboard would open a list of a different length."""

import datetime
import itertools

import pytest

from plans import rag
from plans.models import Action
from plans.periods import Quarter
from review.summary import (
    direction_expression,
    due_within_condition,
    overdue_condition,
    period_rows,
    with_period_status,
    with_priority,
)

from .conftest import AFTER_PERIOD, IN_PERIOD

CODES = ["", *rag.SEVERITY]
D = datetime.date


def annotated(plan, period, today):
    actions = with_period_status(Action.objects.filter(plan=plan), period, today)
    return {action.reference: action for action in actions.annotate(sql_direction=direction_expression())}


def test_the_sql_direction_agrees_with_rag_direction_for_every_pair_of_statuses(
    plan, period, today, make_action, update
):
    for before, now in itertools.product(CODES, CODES):
        action = make_action(reference=f"{before or 'none'}-{now or 'none'}", status=before)
        if now != before:
            update(action, now)
    for now in CODES:  # added during the quarter: nothing before it
        make_action(reference=f"new-{now or 'none'}", status=now, created_at=IN_PERIOD, recorded_at=IN_PERIOD)

    actions = annotated(plan, period, today)

    assert len(actions) == 30
    for reference, action in actions.items():
        expected = rag.direction(action.status_before, action.status_now, action.existed_before)
        assert action.sql_direction == expected, reference


def test_the_sql_direction_of_a_past_quarter_uses_the_status_at_its_end(plan, period, make_action, update):
    update(update(make_action(reference="A", status="green"), "amber"), "blue", when=AFTER_PERIOD)

    action = annotated(plan, period, D(2022, 8, 1))["A"]

    assert action.sql_direction == rag.Direction.DETERIORATED


@pytest.mark.parametrize("as_of", [D(2022, 5, 16), D(2022, 8, 1)], ids=["current quarter", "past quarter"])
def test_overdue_and_due_soon_in_sql_agree_with_the_dashboard(plan, period, make_action, update, as_of):
    targets = [None, D(2022, 2, 1), D(2022, 4, 1), D(2022, 5, 1), D(2022, 6, 1), D(2022, 7, 1), D(2022, 9, 1)]
    for number, (target, status, recurrence) in enumerate(
        itertools.product(targets, ["", "amber", "blue"], ["", "quarterly"])
    ):
        action = make_action(reference=f"X{number}", status=status, target_month=target, recurrence=recurrence)
        if status == "amber":
            update(action, "blue", when=AFTER_PERIOD)  # completed after Quarter 1 ended
    rows = {row.action.reference: row for row in period_rows(plan, period, as_of)}
    actions = with_period_status(Action.objects.filter(plan=plan), period, as_of).with_effective_target()
    judged_on = min(as_of, period.end)

    overdue = set(actions.filter(overdue_condition(judged_on)).values_list("reference", flat=True))
    due_soon = set(actions.filter(due_within_condition(judged_on)).values_list("reference", flat=True))

    assert overdue == {ref for ref, row in rows.items() if row.overdue}
    assert due_soon == {ref for ref, row in rows.items() if row.due_soon}
    assert overdue and due_soon  # the grid has some of each


def test_priority_puts_red_then_amber_then_overdue_then_the_rest(plan, today, make_action):
    make_action(reference="GREEN", status="green", order=1)
    make_action(reference="LATE", status="green", target_month=D(2022, 1, 1), order=2)
    make_action(reference="AMBER", status="amber", order=3)
    make_action(reference="RED", status="red", order=4)
    make_action(reference="BLUE", status="blue", target_month=D(2022, 1, 1), order=5)
    quarter = Quarter.containing(today)
    actions = with_priority(with_period_status(Action.objects.filter(plan=plan), quarter, today), today)

    ordered = actions.order_by("priority", "order").values_list("reference", flat=True)

    assert list(ordered) == ["RED", "AMBER", "LATE", "GREEN", "BLUE"]
