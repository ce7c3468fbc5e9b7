import datetime

import pytest

from plans.models import ProgressUpdate
from transfer import bulk, export, layout
from transfer.guards import read_table

from .conftest import as_xlsx


@pytest.fixture
def actions(make_action, team, owner_user):
    olive = owner_user.owner
    return [
        make_action(reference="A1", owners=[olive], status="green", commentary="On track"),
        make_action(reference="A2", owners=[team], status="amber", commentary="Waiting for data"),
        make_action(reference="A3", owners=[olive, team], status="red", commentary="No progress"),
    ]


def exported(plan):
    """The plan's export as rows of {column: value}, as an owner would edit it."""
    table = read_table(export.plan_xlsx(plan), "plan.xlsx")
    return [dict(zip(table[0], cells)) for cells in table[1:]]


def sheet(rows):
    return read_table(as_xlsx([[r[name] for name in layout.COLUMNS] for r in rows]), "plan.xlsx")


def test_changed_rows_become_updates_credited_to_the_owner_and_unchanged_rows_are_left(plan, actions, officer_user):
    rows = exported(plan)
    rows[0].update({"Status": "Blue", "Latest commentary": "Panel running since May", "Updated by": "Olive Owner"})
    rows[1].update({"Status": "Green", "Latest commentary": "Data received"})  # no name: credited to the owners
    before = ProgressUpdate.objects.count()

    updates = bulk.describe_updates(sheet(rows), plan=plan)
    assert (len(updates.changes), updates.unchanged, updates.conflicts, updates.problems) == (2, 1, [], [])
    assert ProgressUpdate.objects.count() == before  # the preview saves nothing

    applied, conflicts = bulk.apply_updates(updates, user=officer_user)
    assert (len(applied), conflicts) == (2, [])
    first, second, third = (action.updates.first() for action in actions)
    assert (first.status, first.commentary, first.author_name, first.author) == (
        "blue", "Panel running since May", "Olive Owner", officer_user)
    assert (second.status, second.author_name, second.author) == ("green", "Team Managers", officer_user)
    assert third.commentary == "No progress" and third.author is None  # untouched
    assert ProgressUpdate.objects.count() == before + 2


def test_a_row_whose_action_changed_since_the_export_is_reported_not_overwritten(plan, actions, officer_user):
    rows = exported(plan)
    actions[0].record_update(status="red", commentary="Panel cancelled", author_name="Olive Owner")
    rows[0].update({"Status": "Blue", "Latest commentary": "Done"})
    rows[2].update({"Status": "Amber", "Latest commentary": "Plan agreed to recover"})

    updates = bulk.describe_updates(sheet(rows), plan=plan)
    assert [c.action.reference for c in updates.conflicts] == ["A1"]
    assert "after this sheet was exported" in updates.conflicts[0].message
    applied, conflicts = bulk.apply_updates(updates, user=officer_user)

    assert [c.row for c in conflicts] == [2]
    actions[0].refresh_from_db()
    assert (actions[0].status, actions[0].updates.first().commentary) == ("red", "Panel cancelled")
    actions[2].refresh_from_db()
    assert actions[2].status == "amber"


def test_an_update_made_between_preview_and_saving_is_not_overwritten(plan, actions, officer_user):
    rows = exported(plan)
    rows[0].update({"Status": "Blue", "Latest commentary": "Done"})
    updates = bulk.describe_updates(sheet(rows), plan=plan)
    actions[0].record_update(status="red", commentary="Someone else, just now")
    applied, conflicts = bulk.apply_updates(updates, user=officer_user)
    assert applied == [] and [c.row for c in conflicts] == [2]
    assert actions[0].updates.first().commentary == "Someone else, just now"


def test_an_unchanged_but_stale_row_is_simply_unchanged(plan, actions):
    rows = exported(plan)
    actions[0].record_update(status="green", commentary="Still on track")
    rows[0]["Latest commentary"] = "Still on track"
    updates = bulk.describe_updates(sheet(rows), plan=plan)
    assert (updates.changes, updates.conflicts, updates.unchanged) == ([], [], 3)


def test_line_breaks_and_spaces_that_excel_adds_are_not_a_change(plan, actions):
    rows = exported(plan)
    rows[1]["Latest commentary"] = "  Waiting\r\nfor data "
    assert bulk.describe_updates(sheet(rows), plan=plan).unchanged == 3


@pytest.mark.parametrize(
    "edit, message",
    [
        ({"Status": "Purple"}, "row 2, column Status: 'Purple' is not a status"),
        ({"Reference": "Z9"}, "row 2, column Reference: there is no action 'Z9'"),
        ({"Reference": "A2"}, "row 3, column Reference: 'A2' is already used on row 2"),
        ({"Version": "abc"}, "row 2, column Version: 'abc' is not the version number"),
        ({"Status": "Red"}, "row 2, column Latest commentary: A1 is now Red: say why"),
    ],
)
def test_a_bad_row_is_reported_and_nothing_is_applied(plan, actions, officer_user, edit, message):
    rows = exported(plan)
    rows[0].update(edit)
    rows[2].update({"Status": "Green", "Latest commentary": "Recovered"})  # a good change alongside
    updates = bulk.describe_updates(sheet(rows), plan=plan)
    assert any(str(p).startswith(message) for p in updates.problems), updates.problems
    with pytest.raises(ValueError):
        bulk.apply_updates(updates, user=officer_user)
    actions[2].refresh_from_db()
    assert actions[2].status == "red"


def test_the_version_column_is_required(plan, actions):
    table = read_table(as_xlsx([["A1", "Green", "x"]], header=["Reference", "Status", "Latest commentary"]), "p.xlsx")
    assert [str(p) for p in bulk.describe_updates(table, plan=plan).problems] == [
        "row 1, column Version: the column Version is missing"]


def test_export_has_the_plans_columns_and_neutralises_formulas(plan, make_action, team):
    make_action(reference="A1", description="=1+1 panels", owners=[team], target_month=datetime.date(2022, 6, 1),
                target_text="June 2022", status="green", commentary="@everyone on track")
    table = read_table(export.plan_csv(plan), "p.csv")  # read_table undoes the neutralising quote
    raw = export.plan_csv(plan).decode("utf-8-sig")
    assert table[0] == layout.COLUMNS
    cells = dict(zip(table[0], table[1]))
    assert (cells["Aim"], cells["Action"], cells["Owners"], cells["Target"], cells["Status"]) == (
        "Aim 1", "=1+1 panels", "Team Managers", "June 2022", "Green")
    assert "'=1+1 panels" in raw and "'@everyone" in raw


def test_export_writes_the_current_target_when_the_wording_is_out_of_date(plan, make_action):
    make_action(reference="A1", target_month=datetime.date(2022, 9, 1), target_text="June 2022")
    cells = dict(zip(*read_table(export.plan_csv(plan), "p.csv")))
    assert cells["Target"] == "September 2022"


def test_export_query_count_does_not_grow_with_actions(plan, make_action, team, django_assert_max_num_queries):
    for n in range(30):
        make_action(reference=f"A{n}", owners=[team], status="green")
    # The actions and their owners, then one query for each of the workbook's other sheets (issue 17).
    with django_assert_max_num_queries(8):
        export.plan_xlsx(plan)


def test_the_plans_own_words_and_a_new_stage_come_in_with_the_quarterly_sheet(plan, actions, officer_user):
    plan.status_words = {"on track": {"status": "green", "stage": "in_progress"}}
    plan.save()
    rows = exported(plan)
    rows[0].update({"Status": "On track"})  # green already: only the stage moves, with no progress update
    rows[1].update({"Status": "On track", "Latest commentary": "Data received"})
    rows[2].update({"Stage": "Not started"})
    before = ProgressUpdate.objects.count()

    updates = bulk.describe_updates(sheet(rows), plan=plan)
    assert updates.problems == []
    assert [(c.action.reference, c.status, c.stage) for c in updates.changes] == [
        ("A1", "green", "in_progress"), ("A2", "green", "in_progress"), ("A3", "red", "not_started")]
    applied, conflicts = bulk.apply_updates(updates, user=officer_user)
    assert (len(applied), conflicts) == (3, [])
    assert ProgressUpdate.objects.count() == before + 1  # only A2 moved its status or commentary
    stages = {a.reference: a.stage for a in plan.actions.all()}
    assert stages == {"A1": "in_progress", "A2": "in_progress", "A3": "not_started"}
    assert plan.actions.get(reference="A1").history.first().stage == "in_progress"


def test_a_stage_word_the_plan_does_not_know_is_a_problem_on_its_row(plan, actions):
    rows = exported(plan)
    rows[0].update({"Stage": "Paused"})
    updates = bulk.describe_updates(sheet(rows), plan=plan)
    assert [str(problem) for problem in updates.problems] == [
        "row 2, column Stage: 'Paused' is not a stage (Not started, In progress, Completed, Ongoing)"]
