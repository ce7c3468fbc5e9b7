import pytest
from django.urls import reverse

from jobs import api
from jobs.models import Job
from plans.models import Partnership, Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(partnership, officer_user):
    return Job.objects.create(partnership=partnership, kind=Job.Kind.PACK, key="pack:1:1", created_by=officer_user)


def page(client, job):
    response = client.get(reverse("jobs:detail", args=[job.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_progress_page_says_how_far_the_build_has_got_and_checks_again(client, officer_user, job):
    client.force_login(officer_user)
    assert "Waiting for the worker to start it." in page(client, job)
    api.progress(job.pk, 1, 4, "Laying out the pages")
    html = page(client, job)
    assert "<h1" in html and "Building the board pack" in html
    assert "Started. 25% done: Laying out the pages." in html
    assert '<progress class="app-job-progress" id="job-progress" max="100" value="25">25%</progress>' in html
    assert '<meta http-equiv="refresh" content="2">' in html and "jobs/progress.js" in html
    assert "Asked for by officer at" in html


def test_a_done_job_offers_its_result_and_stops_checking(client, officer_user, job):
    api.finish(job.pk, url="/board-packs/packs/7/")
    client.force_login(officer_user)
    html = page(client, job)
    assert "The board pack is ready" in html
    assert '<a class="govuk-link" href="/board-packs/packs/7/" id="job-result">Download the board pack (PDF)</a>' in html
    assert "refresh" not in html and "progress.js" not in html


def test_a_failed_job_says_what_went_wrong_and_what_to_do(client, officer_user, job):
    api.fail(job.pk, "Row 4 has no <b>action</b> title.")
    client.force_login(officer_user)
    html = page(client, job)
    assert "Board pack failed" in html and "govuk-error-summary" in html
    assert "Row 4 has no &lt;b&gt;action&lt;/b&gt; title." in html
    assert "try again" in html and "refresh" not in html


def test_anyone_in_the_partnership_may_follow_the_job_and_another_partnerships_job_is_a_404(
    client, partnership, job, member_user
):
    client.force_login(member_user)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    elsewhere = Partnership.objects.create(name="Elsewhere", slug="elsewhere")
    stranger = make_user("stranger", role=Role.OFFICER, partnerships=[elsewhere])
    client.force_login(stranger)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 302  # to sign in
