import datetime

import pytest
from django.db import IntegrityError, transaction

from plans.models import Action, Aim, Owner, ProgressUpdate, RagStatus, ReportingPeriod, StaleUpdate

D = datetime.date


def at(day, hour=12):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)


def test_an_action_is_overdue_once_its_target_month_has_ended(make_action):
    action = make_action(target_month=D(2022, 3, 1), status="green")
    assert list(Action.objects.overdue(D(2022, 3, 31))) == []
    assert list(Action.objects.overdue(D(2022, 4, 1))) == [action]
    assert action.is_overdue(D(2022, 4, 1)) and not action.is_overdue(D(2022, 3, 31))


def test_completed_and_recurring_actions_are_never_overdue(make_action):
    make_action(target_month=D(2022, 1, 1), status="blue")
    make_action(target_month=D(2022, 1, 1), recurrence="ongoing", status="amber")
    make_action(recurrence="quarterly")
    assert Action.objects.overdue(D(2022, 6, 1)).count() == 0


def test_a_revised_target_replaces_the_original_for_overdue(make_action):
    action = make_action(target_month=D(2022, 3, 1), status="amber")
    action.record_update(
        status="amber", commentary="Delayed by recruitment",
        revised_target_month=D(2022, 9, 14), revised_target_reason="Recruitment",
    )
    assert action.revised_target_month == D(2022, 9, 1)
    assert action.target_month == D(2022, 3, 1)  # the original stays visible
    assert not Action.objects.overdue(D(2022, 5, 1)).exists()
    assert Action.objects.overdue(D(2022, 10, 1)).get() == action


def test_due_within_counts_to_the_end_of_the_target_month(make_action):
    june = make_action(target_month=D(2022, 6, 1), status="green")
    make_action(target_month=D(2022, 8, 1), status="green")
    assert list(Action.objects.due_within(D(2022, 5, 31), days=30)) == [june]
    assert list(Action.objects.due_within(D(2022, 5, 30), days=30)) == []
    assert june.is_due_within(D(2022, 5, 31), 30) and not june.is_due_within(D(2022, 5, 30), 30)


def test_owners_see_actions_owned_directly_and_through_their_teams(
    make_action, owner_user, team_member_user, other_owner_user, team
):
    mine = make_action(owners=[owner_user.owner])
    teams = make_action(owners=[team])
    both = make_action(owners=[owner_user.owner, team])
    assert set(Action.objects.owned_by(owner_user)) == {mine, both}
    assert set(Action.objects.owned_by(team_member_user)) == {teams, both}
    assert not Action.objects.owned_by(other_owner_user).exists()
    assert set(Owner.objects.for_user(team_member_user)) == {team_member_user.owner, team}


def test_recording_an_update_appends_history_and_moves_the_status(make_action, owner_user):
    action = make_action(status="red", commentary="Yet to commence")
    action.record_update(status="green", commentary="Training booked", author=owner_user)
    assert action.status == "green"
    assert [u.status for u in action.updates.all()] == ["green", "red"]
    assert action.updates.first().author_name == "Olive Owner"


def test_a_stale_update_is_refused_and_nothing_is_saved(make_action):
    action = make_action(status="red")
    opened_at = action.version
    action.record_update(status="amber", commentary="Someone else got there first")
    with pytest.raises(StaleUpdate):
        action.record_update(status="green", commentary="Mine", expected_version=opened_at)
    assert action.updates.count() == 2
    assert Action.objects.get(pk=action.pk).status == "amber"


def test_completing_records_the_date_and_reopening_clears_it(make_action):
    action = make_action(status="green")
    action.record_update(status="blue", commentary="Done", completed_on=D(2022, 5, 2))
    assert action.completed_on == D(2022, 5, 2)
    action.record_update(status="amber", commentary="Reopened after audit")
    assert action.completed_on is None


def test_progress_updates_cannot_be_edited_or_deleted(make_action):
    update = make_action(status="red").updates.get()
    update.commentary = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        update.save()
    with pytest.raises(ValueError, match="append-only"):
        update.delete()


def test_status_as_at_a_date_comes_from_the_latest_update_by_then(make_action):
    action = make_action(status="red", recorded_at=at(D(2022, 3, 31)))
    action.record_update(status="amber", commentary="Plan agreed", recorded_at=at(D(2022, 5, 10)))
    rows = Action.objects.filter(pk=action.pk)
    assert rows.with_status_at(at(D(2022, 4, 30))).get().status_at == "red"
    assert rows.with_status_at(at(D(2022, 6, 30))).get().status_at == "amber"
    assert rows.with_status_at(at(D(2022, 3, 1))).get().status_at is None


def test_updated_in_a_period_counts_updates_recorded_during_the_quarter(make_action, period):
    before = make_action(status="red", recorded_at=at(D(2022, 3, 31)))
    during = make_action(status="red", recorded_at=at(D(2022, 3, 31)))
    during.record_update(status="amber", commentary="Q1 update", recorded_at=at(D(2022, 6, 30), 20))
    assert list(Action.objects.updated_in(period)) == [during]
    assert list(Action.objects.not_updated_in(period)) == [before]


def test_action_references_are_unique_within_a_plan(make_action):
    make_action(reference="1.1")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_action(reference="1.1")


def test_a_reference_may_repeat_in_another_plan(make_action, plan, partnership):
    from plans.models import Plan, Section

    other = Plan.objects.create(
        partnership=partnership, title="Other", slug="other",
        period_start=D(2023, 4, 1), period_end=D(2024, 3, 31),
    )
    other_aim = Aim.objects.create(section=Section.objects.create(plan=other, title="S"), number="1", title="A")
    make_action(reference="1.1")
    assert make_action(reference="1.1", aim=other_aim).plan == other


@pytest.mark.parametrize(
    "model, fields",
    [
        (Action, {"status": "purple"}),
        (ProgressUpdate, {"status": "purple"}),
        (RagStatus, {"code": "purple"}),
        (Action, {"revised_target_month": D(2022, 9, 1), "revised_target_reason": ""}),
    ],
)
def test_the_database_refuses_invalid_statuses_and_unexplained_revisions(model, fields, make_action, plan):
    action = make_action()
    with pytest.raises(IntegrityError), transaction.atomic():
        if model is Action:
            Action.objects.filter(pk=action.pk).update(**fields)
        elif model is ProgressUpdate:
            ProgressUpdate.objects.create(action=action, **fields)
        else:
            RagStatus.objects.create(plan=plan, label="Purple", description="x", **fields)


def test_a_team_cannot_have_a_login(partnership, owner_user):
    with pytest.raises(IntegrityError), transaction.atomic():
        Owner.objects.create(partnership=partnership, name="A team", kind=Owner.Kind.TEAM, user=owner_user)


def test_a_reporting_period_knows_its_dates_and_is_unique_per_quarter(partnership, period):
    assert (period.start, period.end, period.slug) == (D(2022, 4, 1), D(2022, 6, 30), "2022-Q1")
    assert ReportingPeriod.objects.current(partnership, D(2022, 5, 16)) == period
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingPeriod.objects.create(partnership=partnership, year=2022, quarter=1)
