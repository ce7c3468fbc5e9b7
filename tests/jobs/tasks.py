"""Tasks for the jobs tests: importable by path, as the worker needs."""

from django.tasks import task

from jobs import api
from plans.models import Partnership


@task
def count_to(job_id, n):
    with api.running(job_id):
        for i in range(1, n + 1):
            api.progress(job_id, i, n, f"Counted {i}")
        api.finish(job_id, Partnership.objects.first(), url="/somewhere/")


@task
def explode(job_id):
    with api.running(job_id):
        raise RuntimeError("secret internals: /etc/passwd line 3")


@task
def refuse(job_id):
    with api.running(job_id):
        raise api.JobError("Row 4 has no action title.")
