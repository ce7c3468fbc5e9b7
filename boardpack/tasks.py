"""The board pack built on the queue (jobs app): WeasyPrint's seconds of work
happen in a worker process, never in a web request."""

import datetime

from django.contrib.auth import get_user_model
from django.tasks import task
from django.urls import reverse

from jobs import api
from plans.models import Plan, ReportingPeriod

from .services import build_pack

STEPS = ["Gathering the plan's figures", "Laying out the pages", "Saving the PDF"]


def pack_key(plan, period):
    """One build at a time per plan and quarter: a second request joins it."""
    return f"pack:{plan.pk}:{period.pk}"


@task
def build_board_pack(job_id, plan_id, period_id, today_iso, user_id=None):
    """Build and keep the pack for the day the person asked (``today_iso``: the
    worker may run later, the pack must not change with that), reporting each step."""
    with api.running(job_id):
        plan = Plan.objects.select_related("partnership").get(pk=plan_id)
        period = ReportingPeriod.objects.get(pk=period_id)
        user = get_user_model().objects.filter(pk=user_id).first() if user_id else None

        def step(number):
            api.progress(job_id, number, len(STEPS), STEPS[number] if number < len(STEPS) else "")

        pack = build_pack(plan, period, datetime.date.fromisoformat(today_iso), user, report=step)
        api.finish(job_id, pack, url=reverse("boardpack:download", args=[pack.pk]))
        return pack.pk
