"""Plan imports and bulk updates on the queue (issue 18): the confirm step hands the
kept file to a task (transfer.tasks), which checks it again and saves all or nothing."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs import api as jobs
from jobs.models import Job
from plans.models import Plan, ProgressUpdate
from transfer import bulk, export, layout, staging, tasks
from transfer.guards import read_table

from .conftest import as_xlsx, plan_row, upload
from .test_views import IMPORT_FORM


@pytest.fixture
def preview(officer_client, partnership):
    """An import uploaded and previewed, waiting to be confirmed; returns the check page's URL."""
    content = as_xlsx([plan_row(owners="Newt New", target="Mar-23", status="Green")])
    response = officer_client.post(reverse("transfer:import"),
                                   {**IMPORT_FORM, "partnership": partnership.pk, "file": upload(content)})
    assert response.url == reverse("transfer:import_check")
    return response.url


def kept_files():
    return default_storage.listdir(staging.FOLDER)[1] if default_storage.exists(staging.FOLDER) else []


def test_the_kept_upload_is_read_by_the_task_and_then_removed(officer_client, preview):
    assert len(kept_files()) == 1
    officer_client.post(preview)
    assert Plan.objects.filter(title="Imported plan").exists()
    assert kept_files() == [] and staging.SESSION_KEY not in officer_client.session


def test_a_file_changed_before_the_task_ran_fails_the_job_with_its_problem_and_saves_nothing(
        officer_client, preview, partnership, officer_user):
    details = dict(officer_client.session[staging.SESSION_KEY])
    with default_storage.open(details["path"], "wb") as handle:  # after the confirm step, before the worker
        handle.write(as_xlsx([plan_row(status="Purple")]))
    job, _ = jobs.start(Job.Kind.PLAN_IMPORT, "plan_import:test", partnership, officer_user,
                        tasks.import_plan, details["path"], details, layout.COLUMNS, officer_user.pk)
    assert job.status == Job.Status.FAILED
    page = officer_client.get(job.get_absolute_url()).content.decode()
    assert "This did not finish" in page and "nothing has been saved" in page and "Purple" in page
    assert not Plan.objects.exists() and kept_files() == []


def test_too_many_jobs_keeps_the_check_page_and_the_upload(officer_client, preview, settings):
    settings.JOBS_PER_PERSON = 0
    response = officer_client.post(preview)
    page = response.content.decode()
    assert response.status_code == 200 and "You already have 0 jobs in progress" in page
    assert "Error:" in page and 'href="#create"' in page
    assert not Plan.objects.exists() and not Job.objects.exists()
    assert officer_client.session[staging.SESSION_KEY]["path"] and len(kept_files()) == 1


def _changed(plan, count, make_action):
    for number in range(count):
        make_action(reference=f"Q{number}", status="green", commentary="On track")
    table = read_table(export.plan_xlsx(plan), "p.xlsx")
    column = list(table[0]).index(layout.COMMENTARY)
    for row in table[1:]:
        row[column] = "Moved on"
    return bulk.describe_updates(read_table(as_xlsx(table[1:], header=table[0]), "p.xlsx"), plan=plan)


@pytest.mark.parametrize("count", [2, 20])
def test_a_bulk_update_takes_as_many_queries_for_twenty_rows_as_for_two(plan, make_action, officer_user, count):
    updates = _changed(plan, count, make_action)
    with CaptureQueriesContext(connection) as queries:
        applied, conflicts = bulk.apply_updates(updates, user=officer_user)
    assert (len(applied), conflicts) == (count, [])
    assert ProgressUpdate.objects.filter(commentary="Moved on").count() == count
    assert len(queries) <= 12  # was five a row


def test_completing_and_reopening_through_sheets_sets_and_clears_the_completion_date(plan, make_action, officer_user):
    from .test_bulk import exported, sheet

    action = make_action(reference="A1", status="green", commentary="On track")
    today = datetime.date(2022, 7, 4)
    for status, commentary, completed_on in (("Blue", "Done", today), ("Amber", "Reopened: more to do", None)):
        rows = exported(plan)
        rows[0].update({"Status": status, "Latest commentary": commentary})
        applied, _ = bulk.apply_updates(bulk.describe_updates(sheet(rows), plan=plan), user=officer_user, today=today)
        action.refresh_from_db()
        assert len(applied) == 1 and (action.completed_on, action.updates.first().completed_on) == (
            completed_on, completed_on)
    assert action.version == 4 and action.status == "amber"  # one update from make_action, then two
