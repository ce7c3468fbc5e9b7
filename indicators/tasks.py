"""The figures import on the queue (issue 18; jobs.api).

The import page checks every row while the officer waits (a bad file is shown
with its problems at once, as before) and then hands the file, kept in storage,
to this task, which reads and checks it again against the database as it is
then and saves every figure or none. The kept file is removed however it ends.
"""

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.tasks import task
from django.urls import reverse

from jobs import api
from plans.models import Partnership
from transfer.guards import SpreadsheetError, read_table

from .importer import cell_limit, import_values

FOLDER = "indicator-uploads"
STEPS = ["Reading the file", "Checking and saving the figures"]
SHOWN_ERRORS = 3


def keep(content):
    """Keep an upload for the task; returns its storage path."""
    return default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}.upload", ContentFile(content))


def outcome(result):
    return (f"Figures imported: {result.created} added, {result.updated} corrected, "
            f"{result.unchanged} unchanged.")


@task
def import_figures(job_id, path, filename, partnership_id):
    with api.running(job_id):
        try:
            api.progress(job_id, 0, len(STEPS), STEPS[0])
            if not default_storage.exists(path):
                raise api.JobError("The uploaded file is no longer kept. Upload it again.")
            with default_storage.open(path, "rb") as handle:
                content = handle.read()
        finally:
            if default_storage.exists(path):
                default_storage.delete(path)
        api.progress(job_id, 1, len(STEPS), STEPS[1])
        partnership = Partnership.objects.get(pk=partnership_id)
        try:
            table = read_table(content, filename, cell_limit=cell_limit)
        except SpreadsheetError as error:
            raise api.JobError(f"The file can no longer be read: {error}") from None
        result = import_values(partnership, table, filename)
        if result.errors:
            count = len(result.errors)
            more = f" (and {count - SHOWN_ERRORS:,} more)" if count > SHOWN_ERRORS else ""
            raise api.JobError(f"The file now has {count:,} problem{'' if count == 1 else 's'}, so nothing was "
                               f"imported: {'; '.join(result.errors[:SHOWN_ERRORS])}{more}. Upload it again.")
        api.finish(job_id, url=reverse("indicators:partnership", args=[partnership.slug]), message=outcome(result))
        return result.created + result.updated
