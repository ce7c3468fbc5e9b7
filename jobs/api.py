"""Putting heavy work on the queue, and the task's side of reporting on it.

How to put a job on the queue (the board pack does exactly this, boardpack/):

1. Write the task as a plain function taking the job id first, decorated with
   Django's ``@task`` (module ``<app>/tasks.py``), and wrap its body in
   ``running(job_id)``; report steps with ``progress`` and end with ``finish``::

       from django.tasks import task
       from jobs import api

       @task
       def import_plan(job_id, upload_id, user_id):
           with api.running(job_id):
               rows = read_rows(upload_id)
               for done, row in enumerate(rows, 1):
                   save(row)
                   api.progress(job_id, done, len(rows), "Saving actions")
               api.finish(job_id, plan)   # or url="/plans/x/" when there is no object

   Arguments must be JSON (ids, strings, ISO dates), never model instances.
   Raise ``api.JobError("readable words")`` for a failure the person can act on
   (e.g. a bad spreadsheet); anything else is logged with its traceback and the
   person sees a plain "went wrong" message.

2. In the view::

       try:
           job, joined = api.start(Job.Kind.PLAN_IMPORT, f"plan_import:{upload.pk}",
                                   partnership, request.user, import_plan, upload.pk, request.user.pk)
       except api.TooManyJobs as error:
           ... show str(error) as a GOV.UK error message, keep the form ...
       return redirect(job)   # the progress page, /jobs/<id>/

A second ``start`` with the same key in the same partnership, while the first is
queued or running, returns that job with ``joined=True`` (nothing new is queued).
"""

import contextlib
import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import MESSAGE_LENGTH, Job

logger = logging.getLogger(__name__)

GENERIC_FAILURE = (
    "Something went wrong and this was not finished. Try again. "
    "If it fails again, tell your service administrator the job number {job_id}."
)


class TooManyJobs(Exception):
    """The person already has their share of unfinished jobs (settings.JOBS_PER_PERSON)."""

    def __init__(self, limit):
        self.limit = limit
        noun = "job" if limit == 1 else "jobs"
        super().__init__(
            f"You already have {limit} {noun} in progress. Wait for one to finish, then try again."
        )


class JobError(Exception):
    """A failure whose message is fit for the person who asked (no internals in it)."""


def per_person_limit():
    return getattr(settings, "JOBS_PER_PERSON", 2)


STALE_MESSAGE = (
    "This stopped without finishing: the worker was stopped or is not running. Try again; "
    "if it happens again, tell your service administrator."
)


def expire_stale(now=None):
    """A job still unfinished JOBS_STALE_MINUTES after it was asked for has lost its
    worker (killed, restarted, or none running): call it failed, so it neither holds
    its key nor counts against its person's bound for ever. One UPDATE."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(minutes=getattr(settings, "JOBS_STALE_MINUTES", 30))
    return Job.objects.unfinished().filter(created_at__lt=cutoff).update(
        status=Job.Status.FAILED, finished_at=now, message=STALE_MESSAGE
    )


def start(kind, key, partnership, user, task, *args):
    """Queue ``task(job_id, *args)`` as a new job, or join the unfinished job with
    this key in this partnership. Returns (job, joined). Raises TooManyJobs when
    ``user`` already has JOBS_PER_PERSON unfinished jobs (joining is always allowed)."""
    partnership_id = getattr(partnership, "pk", partnership)
    user = user if user is not None and user.is_authenticated else None
    expire_stale()
    with transaction.atomic():
        if user is not None:
            # Holds two simultaneous requests of one person in line (PostgreSQL; SQLite's
            # IMMEDIATE transactions already do) so both cannot pass the bound.
            get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        existing = Job.objects.unfinished().filter(partnership_id=partnership_id, key=key).first()
        if existing is not None:
            return existing, True
        limit = per_person_limit()
        if user is not None and Job.objects.unfinished().filter(created_by=user).count() >= limit:
            raise TooManyJobs(limit)
        try:
            with transaction.atomic():
                job = Job.objects.create(partnership_id=partnership_id, kind=kind, key=key, created_by=user)
        except IntegrityError:  # someone else's identical request got in first: join it
            return Job.objects.unfinished().get(partnership_id=partnership_id, key=key), True
    try:
        task_result = task.enqueue(job.pk, *args)
    except Exception:
        logger.exception("Could not queue job %s (%s)", job.pk, key)
        fail(job.pk, "The work could not be started. Try again in a minute.")
        job.refresh_from_db()
        return job, False
    Job.objects.filter(pk=job.pk).update(task_result_id=str(task_result.id)[:64])
    job.refresh_from_db()  # an immediate backend (TASKS_IMMEDIATE) has already done it
    return job, False


def _bounded(message):
    message = str(message or "")
    return message if len(message) <= MESSAGE_LENGTH else message[: MESSAGE_LENGTH - 1] + "…"


def progress(job_id, done, total, message=None):
    """Record that ``done`` of ``total`` steps are done (and what is happening now)."""
    changes = {
        "status": Job.Status.RUNNING,
        "progress_done": max(0, int(done)),
        "progress_total": max(0, int(total)),
        "started_at": Coalesce(F("started_at"), timezone.now()),
    }
    if message is not None:
        changes["message"] = _bounded(message)
    Job.objects.filter(pk=job_id, status__in=Job.UNFINISHED).update(**changes)


def finish(job_id, result_obj=None, url="", message=""):
    """Done: offer ``result_obj`` (its download/absolute URL, or ``url``) to the person."""
    changes = {
        "status": Job.Status.DONE,
        "finished_at": timezone.now(),
        "progress_done": F("progress_total"),
        "message": _bounded(message),
        "started_at": Coalesce(F("started_at"), timezone.now()),
    }
    if result_obj is not None:
        changes["result_type"] = ContentType.objects.get_for_model(result_obj)
        changes["result_id"] = result_obj.pk
        if not url and hasattr(result_obj, "get_absolute_url"):
            url = result_obj.get_absolute_url()
    changes["result_url"] = url or ""
    Job.objects.filter(pk=job_id).update(**changes)


def fail(job_id, message):
    """Failed, with words the person can act on (never a traceback: log that)."""
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED, finished_at=timezone.now(), message=_bounded(message)
    )


@contextlib.contextmanager
def running(job_id):
    """The body of a job's task: marks it started, and turns any failure into a
    readable message on the job (logging the traceback) before the queue records it.
    A body that ends without ``finish`` leaves the job done with no result."""
    progress(job_id, 0, 0)
    try:
        yield
    except JobError as error:
        logger.warning("Job %s failed: %s", job_id, error)
        fail(job_id, str(error))
        raise
    except Exception:
        logger.exception("Job %s failed", job_id)
        fail(job_id, GENERIC_FAILURE.format(job_id=job_id))
        raise
    else:
        Job.objects.filter(pk=job_id, status__in=Job.UNFINISHED).update(
            status=Job.Status.DONE, finished_at=timezone.now(), progress_done=F("progress_total")
        )
