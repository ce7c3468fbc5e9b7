"""The indicators pages and the figures import. A partnership is found by slug
in the person's own partnerships only (another's is a 404), and only its plan
officer imports figures for it."""

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from indicators import tasks
from indicators.forms import ImportForm
from indicators.importer import ImportFailed, check_rows
from indicators.models import Indicator
from indicators.summary import data_age, summarise, summarise_all
from jobs import api as jobs
from jobs.models import Job
from plans import permissions
from plans.views.helpers import role_required, viewer_required

officer_required = role_required(permissions.is_plan_officer)
# Long error lists help nobody: the first ones show the pattern to fix.
MAX_ERRORS_SHOWN = 50


def own_partnership(request, slug):
    return get_object_or_404(request.scope.partnerships(), slug=slug)


def own_indicators(request, partnership):
    return request.scope.of(Indicator).for_partnership(partnership)


@viewer_required
def index(request):
    partnerships = list(request.scope.partnerships().filter(indicators__isnull=False).distinct())
    if len(partnerships) == 1:
        return redirect("indicators:partnership", slug=partnerships[0].slug)
    return render(request, "indicators/index.html", {"partnerships": partnerships})


@viewer_required
def partnership_indicators(request, slug):
    """The overview: how old the figures are, a contents list and the latest
    figure of every indicator. Each indicator's charts and tables have a page of
    their own (``indicator``): nine on one page made it 17,500 px long."""
    partnership = own_partnership(request, slug)
    today = timezone.localdate()
    summaries = summarise_all(own_indicators(request, partnership).with_values(), frame=None)
    return render(
        request,
        "indicators/partnership.html",
        {
            "partnership": partnership,
            "summaries": summaries,
            "contents": [summary.indicator for summary in summaries],
            "age": data_age(summaries, today),
            "can_import": permissions.is_plan_officer(request.user, partnership.pk),
            "today": today,
        },
    )


@viewer_required
def indicator(request, slug, indicator_slug):
    """One indicator's section: its figures, trend chart and comparators, with
    the contents list and links to the previous and next sections."""
    partnership = own_partnership(request, slug)
    contents = list(own_indicators(request, partnership).only("pk", "name", "slug"))
    position = next((n for n, item in enumerate(contents) if item.slug == indicator_slug), None)
    if position is None:
        raise Http404("No such indicator.")
    today = timezone.localdate()
    summary = summarise(own_indicators(request, partnership).with_values().get(pk=contents[position].pk))
    return render(
        request,
        "indicators/indicator.html",
        {
            "partnership": partnership,
            "summary": summary,
            "contents": contents,
            "current": contents[position],
            "previous": contents[position - 1] if position else None,
            "next": contents[position + 1] if position + 1 < len(contents) else None,
            "age": data_age([summary], today),
            "today": today,
        },
    )


def check_figures(partnership, upload):
    """Every problem in the figures file (none: it can be imported)."""
    try:
        check_rows(partnership, upload.table, upload.name)
    except ImportFailed as failure:
        return failure.errors
    return []


@officer_required
def import_figures(request, slug):
    partnership = own_partnership(request, slug)
    if not permissions.is_plan_officer(request.user, partnership.pk):
        raise PermissionDenied  # the officer of another partnership they belong to
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # Checked here, so a bad file is shown with its problems at once; saved on the queue.
        errors = check_figures(partnership, upload)
        if not errors:
            path = tasks.keep(upload.content)
            try:
                job, _joined = jobs.start(Job.Kind.INDICATOR_IMPORT, f"indicator_import:{path}", partnership,
                                          request.user, tasks.import_figures, path, upload.name, partnership.pk)
            except jobs.TooManyJobs as error:
                default_storage.delete(path)
                form.add_error("file", str(error))
            else:
                return redirect(job)
        # Row problems go in the summary (each its own line); the field says what happened.
        for error in errors[:MAX_ERRORS_SHOWN]:
            form.add_error(None, error)
        if len(errors) > MAX_ERRORS_SHOWN:
            form.add_error(None, f"and {len(errors) - MAX_ERRORS_SHOWN} more problems")
        if count := len(errors):
            form.add_error(
                "file", f"The file has {count} problem{'s' if count != 1 else ''} listed above. Nothing was imported"
            )
    return render(request, "indicators/import.html", {"partnership": partnership, "form": form})
