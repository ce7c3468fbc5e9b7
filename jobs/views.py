"""The progress page of a job: what has started, how far it has got, and the
result once it is done. Anyone in the job's partnership may follow it (joining
someone's board pack build lands here too); another partnership's job is a 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from plans.models.action import display_name
from plans.views.helpers import scoped_or_404

from . import api
from .models import Job

# What the page calls each kind of work: (while it runs, when it is done, the result link).
WORDING = {
    Job.Kind.PACK: ("Building the board pack", "The board pack is ready", "Download the board pack (PDF)"),
    Job.Kind.PLAN_IMPORT: ("Importing the plan", "The plan is imported", "Go to the plan"),
    Job.Kind.BULK_UPDATE: ("Updating the actions", "The actions are updated", "See the actions"),
    Job.Kind.INDICATOR_IMPORT: ("Importing indicator values", "The indicator values are imported", "See the indicators"),
}
REFRESH_SECONDS = 2


@login_required
def detail(request, pk):
    api.expire_stale()
    job = scoped_or_404(request, Job.objects.select_related("partnership", "created_by"), pk=pk)
    working, done, result_link = WORDING[job.kind]
    title = done if job.status == Job.Status.DONE else working
    if job.status == Job.Status.FAILED:
        title = f"{job.get_kind_display()} failed"
    return render(
        request,
        "jobs/detail.html",
        {
            "job": job,
            "title": title,
            "result_link": result_link,
            "asked_by": display_name(job.created_by),
            "refresh_seconds": None if job.is_finished else REFRESH_SECONDS,
        },
    )
