"""The indicators pages and the figures import. A partnership is found by slug
in the person's own partnerships only (another's is a 404), and only its plan
officer imports figures for it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from indicators.forms import ImportForm
from indicators.importer import import_values
from indicators.models import Indicator
from indicators.summary import data_age, summarise, summarise_all
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


@officer_required
def import_figures(request, slug):
    partnership = own_partnership(request, slug)
    if not permissions.is_plan_officer(request.user, partnership.pk):
        raise PermissionDenied  # the officer of another partnership they belong to
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_values(partnership, upload.table, upload.name)
        if not result.errors:
            messages.success(
                request,
                f"Figures imported: {result.created} added, {result.updated} corrected, "
                f"{result.unchanged} unchanged.",
            )
            return redirect("indicators:partnership", slug=partnership.slug)
        # Row problems go in the summary (each its own line); the field says what happened.
        for error in result.errors[:MAX_ERRORS_SHOWN]:
            form.add_error(None, error)
        if len(result.errors) > MAX_ERRORS_SHOWN:
            form.add_error(None, f"and {len(result.errors) - MAX_ERRORS_SHOWN} more problems")
        count = len(result.errors)
        form.add_error(
            "file", f"The file has {count} problem{'s' if count != 1 else ''} listed above. Nothing was imported"
        )
    return render(request, "indicators/import.html", {"partnership": partnership, "form": form})
