"""The four rules, checked as the date moves through Quarter 1 2022/23
(April-June; updates due by 12 June)."""

import datetime

import pytest

from alerts.models import Kind
from alerts.rules import Rules, live_actions
from plans.models import Plan
from plans.rag import Status

from .conftest import day


def kinds_on(today, action, partnership, **settings):
    rules = Rules.on(day(today), partnership)
    for name, value in settings.items():
        setattr(rules, name, value)
    return {kind for kind, actions in rules.by_kind(live_actions()).items() if action in actions}


@pytest.fixture
def dated(make_action, periods):
    """Due by the end of May 2022."""
    return make_action(target_month=datetime.date(2022, 5, 1), status=Status.GREEN)


def test_a_dated_action_is_due_soon_then_overdue_once_its_target_month_has_ended(dated, partnership):
    assert kinds_on("2022-04-01", dated, partnership) == set()  # 31 May is 60 days off
    assert kinds_on("2022-05-01", dated, partnership) == {Kind.DUE_SOON}
    assert Kind.DUE_SOON in kinds_on("2022-05-31", dated, partnership)
    assert Kind.OVERDUE in kinds_on("2022-06-01", dated, partnership)
    assert Kind.DUE_SOON not in kinds_on("2022-06-01", dated, partnership)


def test_due_soon_looks_as_far_ahead_as_configured(dated, partnership, settings):
    settings.ALERT_DUE_SOON_DAYS = 60
    assert kinds_on("2022-04-01", dated, partnership) == {Kind.DUE_SOON}


def test_a_revised_target_moves_the_due_date(dated, partnership):
    dated.revised_target_month = datetime.date(2022, 9, 1)
    dated.revised_target_reason = "Waiting for the new case management system"
    dated.save()
    assert Kind.OVERDUE not in kinds_on("2022-06-01", dated, partnership)


def test_a_completed_action_raises_no_alert(dated, partnership):
    dated.record_update(status=Status.BLUE, commentary="Done", recorded_at=datetime.datetime(2022, 4, 2, tzinfo=datetime.UTC))
    for today in ("2022-05-01", "2022-06-01", "2022-06-20"):
        assert kinds_on(today, dated, partnership) == set()


def test_an_update_is_due_in_the_fortnight_before_the_deadline_and_missed_after_it(dated, partnership):
    assert Kind.UPDATE_DUE not in kinds_on("2022-05-28", dated, partnership)  # 15 days before 12 June
    assert Kind.UPDATE_DUE in kinds_on("2022-05-29", dated, partnership)
    assert Kind.UPDATE_DUE in kinds_on("2022-06-12", dated, partnership)  # the deadline day itself
    assert Kind.UPDATE_MISSED not in kinds_on("2022-06-12", dated, partnership)
    on_13th = kinds_on("2022-06-13", dated, partnership)
    assert Kind.UPDATE_MISSED in on_13th and Kind.UPDATE_DUE not in on_13th


def test_the_update_due_window_is_configurable(dated, partnership, settings):
    settings.ALERT_UPDATE_DUE_DAYS = 30
    assert Kind.UPDATE_DUE in kinds_on("2022-05-20", dated, partnership)


def test_an_update_in_the_period_clears_update_alerts_even_after_the_deadline(dated, partnership):
    dated.record_update(status=Status.GREEN, commentary="On track", recorded_at=datetime.datetime(2022, 6, 20, 9, tzinfo=datetime.UTC))
    assert kinds_on("2022-06-25", dated, partnership) & {Kind.UPDATE_DUE, Kind.UPDATE_MISSED} == set()


def test_last_quarters_update_does_not_count_for_this_quarter(dated, partnership):
    # make_action recorded its baseline on 31 March, in the previous quarter.
    assert Kind.UPDATE_MISSED in kinds_on("2022-06-13", dated, partnership)


def test_a_new_quarter_starts_with_no_update_alert_until_its_own_deadline_nears(dated, partnership):
    assert kinds_on("2022-07-01", dated, partnership) & {Kind.UPDATE_DUE, Kind.UPDATE_MISSED} == set()
    assert Kind.UPDATE_DUE in kinds_on("2022-09-01", dated, partnership)  # Q2 deadline 12 September


@pytest.mark.parametrize("recurrence", ["ongoing", "quarterly"])
def test_recurring_actions_are_never_overdue_but_need_an_update_every_period(make_action, periods, partnership, recurrence):
    action = make_action(recurrence=recurrence, target_month=datetime.date(2022, 4, 1), status=Status.GREEN)
    assert kinds_on("2022-05-20", action, partnership) == set()
    assert kinds_on("2022-06-13", action, partnership) == {Kind.UPDATE_MISSED}
    assert kinds_on("2022-09-13", action, partnership) == {Kind.UPDATE_MISSED}


def test_without_a_reporting_period_only_date_rules_apply(make_action, partnership):
    action = make_action(target_month=datetime.date(2022, 4, 1), status=Status.GREEN)
    assert kinds_on("2022-06-13", action, partnership) == {Kind.OVERDUE}


def test_actions_in_draft_or_archived_plans_raise_no_alerts(dated, partnership, plan):
    plan.status = Plan.State.ARCHIVED
    plan.save()
    assert kinds_on("2022-06-13", dated, partnership) == set()
