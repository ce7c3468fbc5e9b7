"""Spreadsheet export and the bulk progress update (the import of a new plan is in import_views).

Plan officers only. Uploads go through a preview: the file is checked and
nothing is saved until the officer confirms, and the confirm step checks the
file again, so a plan changed in between is never overwritten.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobs import api as jobs
from jobs.models import Job
from plans import permissions
from plans.models import Plan
from plans.spreadsheets import XLSX_TYPE, download
from plans.views.helpers import allowed, role_required, scoped_or_404

from . import bulk, export, layout, staging, tasks
from .forms import UploadForm
from .guards import SpreadsheetError, read_table
from .import_views import report_problems as _report_problems

officer_required = role_required(permissions.is_plan_officer)


def officer_plans(request):
    return request.scope.of(Plan).filter(partnership__in=request.scope.officer_partnership_ids())


def officer_plan(request, slug):
    """The plan, if it is in one of the person's partnerships (else 404), and
    they are its partnership's plan officer (else 403: a member there)."""
    plan = scoped_or_404(request, Plan.objects.select_related("partnership"), slug=slug)
    allowed(request, permissions.is_plan_officer, plan.partnership_id)
    return plan


@require_GET
@officer_required
def index(request):
    # The plans of the partnerships the person is plan officer of; nobody else's.
    plans = (
        officer_plans(request).select_related("partnership").order_by("partnership__name", "-period_start")
    )
    return render(request, "transfer/index.html", {"plans": plans})


@require_GET
@officer_required
def export_plan(request, slug, extension):
    plan = officer_plan(request, slug)
    if extension == "xlsx":
        return download(export.plan_xlsx(plan), export.filename(plan, "xlsx"), XLSX_TYPE)
    return download(export.plan_csv(plan), export.filename(plan, "csv"), "text/csv; charset=utf-8")


# --- Bulk progress update ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
@officer_required
def bulk_upload(request, slug):
    plan = officer_plan(request, slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    updates = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        updates = bulk.describe_updates(upload.table, plan=plan)
        if updates.problems:
            _report_problems(form, updates.problems)
        else:
            staging.stage(request, "update", upload.content, upload.name, plan=plan.pk)
            return redirect("transfer:bulk_check", slug=plan.slug)
    return render(request, "transfer/bulk.html", {"form": form, "plan": plan, "updates": updates})


@require_GET
@officer_required
def bulk_check(request, slug):
    plan, updates, _ = _staged_updates(request, slug)
    if updates is None:
        messages.info(request, "There is no upload waiting to be checked. Upload the spreadsheet again.")
        return redirect("transfer:bulk", slug=slug)
    return render(request, "transfer/bulk_check.html", {"plan": plan, "updates": updates})


@require_POST
@officer_required
def bulk_apply(request, slug):
    """Put the confirmed update on the queue (tasks.apply_bulk_update) and show its progress:
    the task checks the sheet again against the plan as it is then, and saves all or nothing."""
    plan = officer_plan(request, slug)
    upload = staging.staged(request, "update")
    if upload is None or upload[1].get("plan") != plan.pk:
        messages.info(request, "There is no upload waiting to be applied. Upload the spreadsheet again.")
        return redirect("transfer:bulk", slug=slug)
    details = upload[1]
    try:
        job, _joined = jobs.start(Job.Kind.BULK_UPDATE, f"bulk_update:{details['path']}", plan.partnership,
                                  request.user, tasks.apply_bulk_update, details["path"], details["filename"],
                                  plan.pk, request.user.pk)
    except jobs.TooManyJobs as error:
        plan, updates, _ = _staged_updates(request, slug)
        return render(request, "transfer/bulk_check.html", {"plan": plan, "updates": updates, "error": str(error)})
    staging.hand_over(request)
    return redirect(job)


def _staged_updates(request, slug):
    plan = officer_plan(request, slug)
    upload = staging.staged(request, "update")
    if upload is None or upload[1].get("plan") != plan.pk:
        return plan, None, None
    content, details = upload
    try:
        table = _read_again(content, details)
    except SpreadsheetError:
        staging.discard(request)
        return plan, None, None
    return plan, bulk.describe_updates(table, plan=plan), details["filename"]


def _read_again(content, details):
    """The kept file, read through the same guards as at upload: the confirm step trusts nothing."""
    return read_table(content, details["filename"], cell_limit=layout.cell_limit)
