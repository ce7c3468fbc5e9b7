"""Board packs on the queue: a second request joins the build, a closed quarter's
kept pack is offered at once, one person's builds are bounded, and progress is
reported as the worker goes."""

import pytest
from django.urls import reverse

from boardpack.models import BoardPack
from boardpack.tasks import STEPS
from jobs import api
from jobs.models import Job
from plans.models import ReportingPeriod

pytestmark = pytest.mark.django_db


@pytest.fixture
def generate(pack_plan, period):
    return reverse("boardpack:generate", args=[pack_plan["plan"].slug, period.slug])


def test_asking_again_while_the_pack_is_building_joins_that_build(client, chair_user, officer_user, generate, run_worker):
    client.force_login(chair_user)
    first = client.post(generate)["Location"]
    client.force_login(officer_user)
    second = client.post(generate)["Location"]
    assert first == second and Job.objects.count() == 1
    assert "was already being built: this page follows that build." in client.get(second).content.decode()
    run_worker()
    assert BoardPack.objects.count() == 1


def test_a_closed_quarter_offers_its_kept_pack_at_once_without_a_new_build(
    client, officer_user, pack_plan, period, generate, run_worker
):
    client.force_login(officer_user)
    client.post(reverse("boardpack:close", args=[period.pk]))
    client.post(generate)
    run_worker()
    pack = BoardPack.objects.get()
    response = client.post(generate, follow=True)
    assert Job.objects.count() == 1 and BoardPack.objects.count() == 1
    html = response.content.decode()
    assert "its figures were fixed when the quarter closed" in html
    assert reverse("boardpack:download", args=[pack.pk]) in html


def test_a_pack_built_before_the_quarter_closed_is_not_offered_as_its_closed_pack(
    client, officer_user, period, generate, run_worker
):
    client.force_login(officer_user)
    client.post(generate)
    run_worker()
    client.post(reverse("boardpack:close", args=[period.pk]))
    response = client.post(generate)
    assert response["Location"] == reverse("jobs:detail", args=[Job.objects.first().pk])
    assert Job.objects.count() == 2


def test_one_person_cannot_start_more_builds_than_the_bound(client, officer_user, pack_plan, period, generate, settings):
    settings.JOBS_PER_PERSON = 1
    next_quarter = ReportingPeriod.objects.create(partnership=period.partnership, year=2022, quarter=2)
    client.force_login(officer_user)
    client.post(generate)
    response = client.post(reverse("boardpack:generate", args=[pack_plan["plan"].slug, next_quarter.slug]))
    html = response.content.decode()
    assert response.status_code == 200 and Job.objects.count() == 1
    assert "govuk-error-summary" in html and "You already have 1 job in progress" in html
    assert "<title>Error:" in html and 'href="#generate-pack"' in html and 'id="generate-pack"' in html


def test_the_worker_reports_each_step_of_the_build(officer_user, pack_plan, period, monkeypatch, run_worker):
    seen = []
    real = api.progress

    def spy(job_id, done, total, message=None):
        real(job_id, done, total, message)
        seen.append((done, total, message))

    monkeypatch.setattr(api, "progress", spy)
    from boardpack.tasks import build_board_pack

    job, _ = api.start(Job.Kind.PACK, "pack:x", period.partnership, officer_user,
                       build_board_pack, pack_plan["plan"].pk, period.pk, "2022-06-30", officer_user.pk)
    run_worker()
    assert [step for step in seen if step[1]] == [(i, 3, STEPS[i]) for i in range(3)]
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.percent == 100


def test_a_build_whose_quarter_has_gone_fails_with_a_plain_message(officer_user, pack_plan, period, run_worker):
    from boardpack.tasks import build_board_pack

    job, _ = api.start(Job.Kind.PACK, "pack:gone", period.partnership, officer_user,
                       build_board_pack, pack_plan["plan"].pk, period.pk + 999, "2022-06-30")
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "Something went wrong" in job.message
    assert "DoesNotExist" not in job.message
    assert ReportingPeriod.objects.filter(pk=period.pk).exists()
