import datetime

import pytest

from plans.periods import Quarter
from plans.rag import Direction
from review.summary import period_rows, status_chart_svg, summarise

from .conftest import AFTER_PERIOD, IN_PERIOD


def rows_by_ref(plan, period, today):
    return {row.action.reference: row for row in period_rows(plan, period, today)}


def test_direction_compares_the_end_of_last_period_with_now(plan, period, today, make_action, update):
    update(make_action(reference="UP", status="amber"), "green")
    update(make_action(reference="DOWN", status="green"), "red")
    update(make_action(reference="SAME", status="amber"), "amber")
    make_action(reference="QUIET", status="green")
    update(make_action(reference="DONE", status="red"), "blue")

    rows = rows_by_ref(plan, period, today)

    assert rows["UP"].direction == Direction.IMPROVED
    assert rows["DOWN"].direction == Direction.DETERIORATED
    assert rows["SAME"].direction == Direction.UNCHANGED
    assert rows["QUIET"].direction == Direction.UNCHANGED
    assert rows["DONE"].direction == Direction.COMPLETED
    assert (rows["DOWN"].status_before, rows["DOWN"].status_now) == ("green", "red")


def test_an_action_created_mid_period_is_new(plan, period, today, make_action):
    make_action(reference="MID", status="green", recorded_at=IN_PERIOD)
    make_action(reference="UNRATED", created_at=IN_PERIOD)
    make_action(reference="NEVER_RATED")

    rows = rows_by_ref(plan, period, today)

    assert rows["MID"].status_before == ""
    assert rows["MID"].direction == Direction.NEW
    assert rows["UNRATED"].direction == Direction.NEW
    assert rows["NEVER_RATED"].direction == Direction.UNCHANGED  # in the plan all along, still not rated


def test_an_action_created_and_completed_in_the_period_is_completed(plan, period, today, make_action):
    make_action(reference="QUICK", status="blue", recorded_at=IN_PERIOD)

    assert rows_by_ref(plan, period, today)["QUICK"].direction == Direction.COMPLETED


def test_a_past_period_uses_the_status_at_its_end_not_todays(plan, period, make_action, update):
    action = update(make_action(reference="A", status="green"), "amber")
    update(action, "red", when=AFTER_PERIOD)
    later = datetime.date(2022, 9, 1)

    row = rows_by_ref(plan, period, later)["A"]

    assert row.status_now == "amber"
    assert row.direction == Direction.DETERIORATED
    assert row.latest_update_at == IN_PERIOD


def test_a_period_with_no_reporting_period_record_works_from_the_quarter(plan, today, make_action, update):
    update(make_action(reference="A", status="green"), "red")

    row = rows_by_ref(plan, Quarter.containing(today), today)["A"]

    assert row.direction == Direction.DETERIORATED


def test_updated_this_period_counts_only_updates_inside_the_quarter(plan, period, today, make_action, update):
    update(make_action(reference="IN", status="green"), "green")
    make_action(reference="BEFORE", status="green")
    update(make_action(reference="LATER", status="green"), "green", when=AFTER_PERIOD)

    rows = rows_by_ref(plan, period, today)

    assert rows["IN"].updated_this_period
    assert not rows["BEFORE"].updated_this_period
    assert not rows["LATER"].updated_this_period


def test_overdue_and_due_soon_are_judged_on_today(plan, period, today, make_action):
    make_action(reference="LATE", status="amber", target_month=datetime.date(2022, 3, 1))
    make_action(reference="SOON", status="green", target_month=datetime.date(2022, 5, 1))
    make_action(reference="DONE", status="blue", target_month=datetime.date(2022, 1, 1))
    make_action(reference="LONG", status="green", target_month=datetime.date(2022, 12, 1))

    rows = rows_by_ref(plan, period, today)

    assert [ref for ref, row in rows.items() if row.overdue] == ["LATE"]
    assert [ref for ref, row in rows.items() if row.due_soon] == ["SOON"]


def test_summary_counts_statuses_overall_and_per_aim_worst_first(plan, period, today, make_action, aim, second_aim):
    make_action(status="red")
    make_action(status="red", aim=second_aim)
    make_action(status="green", aim=second_aim)
    make_action()

    summary = summarise(period_rows(plan, period, today))

    assert summary.total == 4
    assert summary.by_status == {"red": 2, "amber": 0, "green": 1, "blue": 0, "": 1}
    assert [(s.label, s.count) for s in summary.statuses][-1] == ("Not rated", 1)
    assert [(a.aim, a.total) for a in summary.by_aim] == [(aim, 2), (second_aim, 2)]
    assert summary.by_aim[1].counts == {"red": 1, "amber": 0, "green": 1, "blue": 0, "": 0}


def test_summary_counts_directions(plan, period, today, make_action, update):
    update(make_action(status="amber"), "green")
    update(make_action(status="amber"), "green")
    make_action(status="red", recorded_at=IN_PERIOD)

    directions = summarise(period_rows(plan, period, today)).directions

    assert directions[Direction.IMPROVED] == 2
    assert directions[Direction.NEW] == 1
    assert directions[Direction.DETERIORATED] == 0


def test_completeness_lists_actions_and_owners_yet_to_update(
    plan, period, today, make_action, update, owner_user, other_owner_user, team
):
    olive, stan = owner_user.owner, other_owner_user.owner
    update(make_action(reference="O1", owners=[olive], status="green"), "green")
    make_action(reference="O2", owners=[olive], status="green")
    update(make_action(reference="S1", owners=[stan, team], status="green"), "green")
    make_action(reference="OLD", owners=[stan], status="blue")  # finished before the quarter

    summary = summarise(period_rows(plan, period, today))

    assert [row.action.reference for row in summary.updated] == ["O1", "S1"]
    assert [row.action.reference for row in summary.not_updated] == ["O2"]
    assert [entry.owner for entry in summary.owners_not_updated] == [olive]
    assert [entry.owner for entry in summary.owners_updated] == [stan, team]


def test_summarise_makes_no_queries(plan, period, today, make_action, owner_user, django_assert_num_queries):
    for _ in range(3):
        make_action(owners=[owner_user.owner], status="amber")
    rows = period_rows(plan, period, today)

    with django_assert_num_queries(0):
        summary = summarise(rows)
        summary.chart()


@pytest.mark.parametrize("count", [10, 200])
def test_period_rows_takes_the_same_queries_however_many_actions(
    plan, period, today, make_action, team, count, django_assert_max_num_queries
):
    for _ in range(count):
        make_action(owners=[team], status="green")

    with django_assert_max_num_queries(2):
        rows = period_rows(plan, period, today)
        [owner.name for row in rows for owner in row.action.owners.all()]
        [row.action.aim.section.plan.title for row in rows]
    assert len(rows) == count


def test_status_chart_is_an_image_with_a_title_and_the_numbers_as_text():
    svg = status_chart_svg({"red": 3, "amber": 0, "green": 12, "blue": 1, "": 2})

    assert 'role="img"' in svg
    assert "<title" in svg and "Actions by status" in svg
    assert "Red: 3; Amber: 0; Green: 12; Blue: 1; Not rated: 2. Total: 18." in svg
    assert ">12</text>" in svg
    assert "style=" not in svg

