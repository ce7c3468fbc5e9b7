"""Board packs: one click for the plan officer and the chair.

Generating keeps the PDF and sends it straight back as a download; every pack
stays downloadable from the period's page. Only the plan officer closes a period.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from plans import permissions
from plans.models import Plan, ReportingPeriod
from plans.periods import Quarter
from plans.views.helpers import role_required

from .freeze import PeriodAlreadyClosed, close_period, plans_in
from .models import BoardPack
from .pack import pack_context
from .services import build_pack

# The chair and members read and generate packs; the plan officer also closes periods.
pack_reader_required = role_required(permissions.can_review)
officer_required = role_required(permissions.is_plan_officer)


def plan_and_period(slug, period_slug):
    plan = get_object_or_404(Plan.objects.select_related("partnership"), slug=slug)
    try:
        quarter = Quarter.from_slug(period_slug)
    except ValueError:
        raise Http404("No such quarter.") from None
    period = get_object_or_404(
        ReportingPeriod, partnership=plan.partnership, year=quarter.year, quarter=quarter.number
    )
    return plan, period


@pack_reader_required
def index(request):
    plans = Plan.objects.exclude(status=Plan.State.DRAFT).select_related("partnership")
    rows = []
    for plan in plans:
        periods = ReportingPeriod.objects.filter(
            partnership=plan.partnership, start__lte=plan.period_end, end__gte=plan.period_start
        )
        rows.append((plan, periods))
    packs = BoardPack.objects.without_pdf().select_related("plan", "period")[:20]
    return render(request, "boardpack/index.html", {"plan_periods": rows, "packs": packs})


@pack_reader_required
def period_detail(request, slug, period_slug):
    plan, period = plan_and_period(slug, period_slug)
    packs = BoardPack.objects.without_pdf().filter(plan=plan, period=period).select_related("period", "plan")
    return render(
        request,
        "boardpack/period.html",
        {
            "plan": plan,
            "period": period,
            "packs": packs,
            "can_close": permissions.is_plan_officer(request.user) and not period.is_closed,
        },
    )


@pack_reader_required
def preview(request, slug, period_slug):
    plan, period = plan_and_period(slug, period_slug)
    today = timezone.localdate()
    context = pack_context(plan, period, today)
    return render(request, "boardpack/preview.html", context)


@require_POST
@pack_reader_required
def generate(request, slug, period_slug):
    plan, period = plan_and_period(slug, period_slug)
    today = timezone.localdate()
    pack = build_pack(plan, period, today, request.user)
    # 303: the browser fetches the PDF with GET, so one click gives the download.
    response = redirect("boardpack:download", pack.pk)
    response.status_code = 303
    return response


@pack_reader_required
def download(request, pk):
    pack = get_object_or_404(BoardPack.objects.select_related("plan", "period"), pk=pk)
    response = HttpResponse(bytes(pack.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pack.filename}"'
    response["X-Content-SHA256"] = pack.sha256
    return response


@officer_required
def close(request, pk):
    period = get_object_or_404(ReportingPeriod.objects.select_related("partnership"), pk=pk)
    plans = list(plans_in(period))
    back = request.GET.get("plan") or (plans[0].slug if plans else "")
    if period.is_closed:
        messages.info(request, f"{period} is already closed.")
        return redirect("boardpack:index")
    if request.method == "POST":
        try:
            close_period(period, request.user, timezone.now())
        except PeriodAlreadyClosed:
            messages.info(request, f"{period} is already closed.")
        else:
            messages.success(
                request, f"{period} is closed. Its board packs now use the figures frozen just now."
            )
        return redirect("boardpack:index")
    return render(request, "boardpack/close.html", {"period": period, "plans": plans, "back": back})
