import datetime

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from jobs import api
from jobs.models import Job
from tests.conftest import make_user

from .tasks import count_to, explode, refuse

pytestmark = pytest.mark.django_db


def test_starting_a_job_puts_it_on_the_queue_and_the_worker_does_it(partnership, officer_user, run_worker):
    job, joined = api.start(Job.Kind.PACK, "count:3", partnership, officer_user, count_to, 3)
    assert not joined and job.status == Job.Status.QUEUED
    assert DBTaskResult.objects.filter(id=job.task_result_id).exists()

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert (job.progress_done, job.progress_total, job.percent) == (3, 3, 100)
    assert job.result == partnership and job.result_url == "/somewhere/"
    assert job.started_at and job.finished_at


def test_asking_again_for_the_same_work_joins_the_job_instead_of_queueing_another(partnership, officer_user, chair_user):
    first, _ = api.start(Job.Kind.PACK, "count:3", partnership, officer_user, count_to, 3)
    second, joined = api.start(Job.Kind.PACK, "count:3", partnership, chair_user, count_to, 3)
    assert joined and second == first
    assert DBTaskResult.objects.count() == 1


def test_the_same_key_after_the_job_finished_starts_a_new_one(partnership, officer_user, run_worker):
    first, _ = api.start(Job.Kind.PACK, "count:1", partnership, officer_user, count_to, 1)
    run_worker()
    second, joined = api.start(Job.Kind.PACK, "count:1", partnership, officer_user, count_to, 1)
    assert not joined and second != first


def test_one_person_has_a_bounded_number_of_unfinished_jobs(partnership, officer_user, settings):
    settings.JOBS_PER_PERSON = 2
    api.start(Job.Kind.PACK, "a", partnership, officer_user, count_to, 1)
    api.start(Job.Kind.PACK, "b", partnership, officer_user, count_to, 1)
    with pytest.raises(api.TooManyJobs, match="You already have 2 jobs in progress"):
        api.start(Job.Kind.PACK, "c", partnership, officer_user, count_to, 1)
    # Someone else is not held up, and joining one's own job is still allowed.
    other = make_user("other-officer")
    api.start(Job.Kind.PACK, "c", partnership, other, count_to, 1)
    assert api.start(Job.Kind.PACK, "a", partnership, officer_user, count_to, 1)[1] is True


def test_a_failure_shows_a_plain_message_and_never_the_traceback(partnership, officer_user, run_worker):
    job, _ = api.start(Job.Kind.PACK, "boom", partnership, officer_user, explode)
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "Something went wrong" in job.message and f"job number {job.pk}" in job.message
    assert "passwd" not in job.message
    assert DBTaskResult.objects.get(id=job.task_result_id).status == "FAILED"


def test_a_failure_the_person_can_fix_says_what_to_fix(partnership, officer_user, run_worker):
    job, _ = api.start(Job.Kind.PLAN_IMPORT, "refuse", partnership, officer_user, refuse)
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.message) == (Job.Status.FAILED, "Row 4 has no action title.")


def test_a_finished_job_no_longer_counts_against_the_bound(partnership, officer_user, settings, run_worker):
    settings.JOBS_PER_PERSON = 1
    api.start(Job.Kind.PACK, "a", partnership, officer_user, count_to, 1)
    run_worker()
    api.start(Job.Kind.PACK, "b", partnership, officer_user, count_to, 1)


def test_progress_messages_are_bounded(partnership, officer_user):
    job, _ = api.start(Job.Kind.PACK, "long", partnership, officer_user, count_to, 1)
    api.progress(job.pk, 1, 2, "x" * 2000)
    job.refresh_from_db()
    assert len(job.message) == 500 and job.percent == 50


def test_a_job_whose_worker_vanished_is_failed_after_a_while_and_frees_its_key_and_its_persons_slot(
    partnership, officer_user, settings
):
    settings.JOBS_PER_PERSON = 1
    settings.JOBS_STALE_MINUTES = 30
    with time_machine.travel(datetime.datetime(2022, 5, 16, 9, tzinfo=datetime.UTC), tick=False):
        stuck, _ = api.start(Job.Kind.PACK, "a", partnership, officer_user, count_to, 1)
        api.progress(stuck.pk, 1, 3)  # then the worker was killed
    with time_machine.travel(datetime.datetime(2022, 5, 16, 9, 20, tzinfo=datetime.UTC), tick=False):
        with pytest.raises(api.TooManyJobs):
            api.start(Job.Kind.PACK, "b", partnership, officer_user, count_to, 1)
    with time_machine.travel(datetime.datetime(2022, 5, 16, 9, 31, tzinfo=datetime.UTC), tick=False):
        again, joined = api.start(Job.Kind.PACK, "a", partnership, officer_user, count_to, 1)
    assert not joined and again != stuck
    stuck.refresh_from_db()
    assert stuck.status == Job.Status.FAILED and "stopped without finishing" in stuck.message
