"""Plan imports and bulk progress updates on the queue (issue 18; jobs.api).

A 5,000-row import or update takes seconds: longer than a web request should
hold a worker, and, on SQLite, the database's one write lock. The confirm step
hands the kept upload (``staging.hand_over``: the file stays in storage, the
session forgets it) to one of these tasks and shows the job's progress page.

Each task reads the file again through the guards and checks it against the
database as it is now, then saves everything in one transaction or nothing:
a problem found now (the plan was archived, an action's reference changed)
fails the job with words the officer can act on, and nothing is saved. The
kept file is removed however the task ends. Arguments are JSON: the file's
storage path, the choices made on the way (``details``) and ids.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db import transaction
from django.tasks import task

from jobs import api
from plans.models import Partnership, Plan

from . import bulk, importer, layout, mapping
from .guards import SpreadsheetError, read_table
from .models import ImportSettings

IMPORT_STEPS = ["Reading the file", "Checking every row", "Saving the plan"]
UPDATE_STEPS = ["Reading the file", "Checking every row", "Saving the updates"]
SHOWN_PROBLEMS = 3


def _read(path):
    """The kept upload's bytes (the confirm step handed it over; nobody else removes it)."""
    if not default_storage.exists(path):
        raise api.JobError("The uploaded file is no longer kept. Upload it again.")
    with default_storage.open(path, "rb") as handle:
        return handle.read()


def _discard(path):
    if default_storage.exists(path):
        default_storage.delete(path)


def _step(job_id, steps, number):
    api.progress(job_id, number, len(steps), steps[number])


def problems_error(problems, what):
    """A JobError naming the first few problems: the file or the plan changed since the preview."""
    count = len(problems)
    shown = "; ".join(
        ", ".join(part for part in (f"row {p.row}" if p.row else "", p.column or "") if part) + f": {p.message}"
        for p in problems[:SHOWN_PROBLEMS]
    )
    more = f" (and {count - SHOWN_PROBLEMS:,} more)" if count > SHOWN_PROBLEMS else ""
    return api.JobError(f"{what} now has {count:,} problem{'' if count == 1 else 's'}, so nothing has been saved: "
                        f"{shown}{more}. Upload it again to see them all.")


@task
def import_plan(job_id, path, details, headings, user_id):
    """Create the plan the officer confirmed (import_views.import_check), all or nothing."""
    from .import_views import describe_staged  # the steps' own reading of the kept file

    with api.running(job_id):
        try:
            _step(job_id, IMPORT_STEPS, 0)
            content = _read(path)
            _step(job_id, IMPORT_STEPS, 1)
            try:
                description, _table = describe_staged(content, details)
            except SpreadsheetError as error:
                raise api.JobError(f"The file can no longer be read: {error}") from None
            if description.problems:
                raise problems_error(description.problems, "The file")
            _step(job_id, IMPORT_STEPS, 2)
            user = get_user_model().objects.filter(pk=user_id).first()
            plan = create(details, description, headings, user)
        finally:
            _discard(path)
        api.finish(job_id, plan, message=f"{plan.title} was created as a draft with "
                                         f"{_count(len(description.actions), 'action')}.")
        return plan.pk


def create(details, description, headings, user):
    """The plan, and what to remember for the partnership's next import: all or nothing."""
    with transaction.atomic():
        partnership = Partnership.objects.get(pk=details["partnership"])
        plan = importer.create_plan(
            description, partnership=partnership, title=details["title"], user=user,
            period_start=datetime.date.fromisoformat(details["start"]),
            period_end=datetime.date.fromisoformat(details["end"]), published=details["published"],
            status_words=details.get("words") or {},
        )
        if details.get("columns") is not None:
            settings, _ = ImportSettings.objects.get_or_create(partnership=partnership)
            settings.columns.update({mapping.key(heading): field for heading, field in zip(headings, details["columns"])
                                     if mapping.key(heading)})
            settings.words.update(details.get("words") or {})
            settings.save()
    return plan


@task
def apply_bulk_update(job_id, path, filename, plan_id, user_id):
    """Apply the bulk progress update the officer confirmed (views.bulk_apply), all or nothing."""
    with api.running(job_id):
        try:
            _step(job_id, UPDATE_STEPS, 0)
            content = _read(path)
        finally:
            _discard(path)
        _step(job_id, UPDATE_STEPS, 1)
        plan = Plan.objects.get(pk=plan_id)
        try:
            table = read_table(content, filename, cell_limit=layout.cell_limit)
        except SpreadsheetError as error:
            raise api.JobError(f"The sheet can no longer be read: {error}") from None
        updates = bulk.describe_updates(table, plan=plan)
        if updates.problems:
            raise problems_error(updates.problems, "The sheet")
        _step(job_id, UPDATE_STEPS, 2)
        user = get_user_model().objects.filter(pk=user_id).first()
        applied, conflicts = bulk.apply_updates(updates, user=user)
        api.finish(job_id, plan, message=summary(applied, conflicts, updates.unchanged, filename))
        return len(applied)


def _count(number, word):
    return f"{number:,} {word}{'' if number == 1 else 's'}"


def summary(applied, conflicts, unchanged, filename):
    """What the update did, in the words the done page used before it went on the queue."""
    text = (f"{_count(len(applied), 'update')} saved from {filename}: {_count(len(applied), 'action')} updated, "
            f"{_count(unchanged, 'unchanged row')} left alone")
    if not conflicts:
        return text + "."
    rows = ", ".join(f"{conflict.action.reference} (row {conflict.row})" for conflict in conflicts)
    return (f"{text}. {_count(len(conflicts), 'row')} not applied, because the action was updated after the sheet "
            f"was exported or its plan was archived: {rows}. Check each one's latest update and enter yours on "
            "its page.")
