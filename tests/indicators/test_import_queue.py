"""The figures import on the queue (issue 18): the page checks the file, the task
(indicators.tasks) checks it again and saves every figure or none."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators import tasks
from indicators.models import IndicatorValue
from jobs import api as jobs
from jobs.models import Job

GOOD = b"Indicator,Period,Area,Value\nfte,2021/22,Testshire,90\n"


@pytest.fixture(autouse=True)
def queue_runs_at_once(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


def kept():
    return default_storage.listdir(tasks.FOLDER)[1] if default_storage.exists(tasks.FOLDER) else []


def test_a_file_that_went_bad_before_the_worker_read_it_fails_the_job_and_imports_nothing(
        client, officer_user, fte):
    before = list(IndicatorValue.objects.values_list("pk", "value"))
    path = tasks.keep(b"Indicator,Period,Area,Value\nfte,2021/22,Testshire,ninety\n")
    job, _ = jobs.start(Job.Kind.INDICATOR_IMPORT, "indicator_import:test", fte.partnership, officer_user,
                        tasks.import_figures, path, "f.csv", fte.partnership.pk)
    assert job.status == Job.Status.FAILED
    client.force_login(officer_user)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "This did not finish" in page and "nothing was imported" in page and "is not a number" in page
    assert list(IndicatorValue.objects.values_list("pk", "value")) == before and kept() == []


def test_the_kept_file_is_removed_once_imported(client, officer_user, fte):
    client.force_login(officer_user)
    client.post(reverse("indicators:import", args=[fte.partnership.slug]), {"file": SimpleUploadedFile("f.csv", GOOD)})
    assert Job.objects.get().status == Job.Status.DONE and kept() == []
    assert IndicatorValue.objects.filter(value=90).exists()


def test_too_many_jobs_is_an_error_on_the_form_and_nothing_is_kept_or_imported(client, officer_user, fte, settings):
    settings.JOBS_PER_PERSON = 0
    client.force_login(officer_user)
    count = IndicatorValue.objects.count()
    response = client.post(reverse("indicators:import", args=[fte.partnership.slug]),
                           {"file": SimpleUploadedFile("f.csv", GOOD)})
    assert response.status_code == 200 and "You already have 0 jobs in progress" in response.content.decode()
    assert IndicatorValue.objects.count() == count and kept() == [] and not Job.objects.exists()
