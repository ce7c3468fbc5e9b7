"""Board packs: one click for the plan officer and the chair.

Generating puts the build on the queue (boardpack/tasks.py, jobs app) and
shows its progress page, which offers the PDF when it is done: WeasyPrint takes
seconds, and three builds in the web process slowed every page for everyone.
Asking again while it builds joins that build; a closed quarter's kept pack is
offered at once. When the pack is ready straight away (TASKS_IMMEDIATE), the
board packs page says "Board pack generated" with the download link, as before.
Every pack stays downloadable from the period's page. The pack can also be read as a web page, from the same context and body
template as the PDF. Only the plan officer closes a period.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from jobs import api as jobs
from jobs.models import Job
from plans import permissions
from plans.models import Plan, ReportingPeriod
from plans.periods import Quarter
from plans.reporting import plans_covering, quarter_under_review
from plans.views.helpers import allowed, role_required, scoped_or_404

from .freeze import PeriodAlreadyClosed, close_period, plans_in
from .models import BoardPack
from .pack import pack_context
from .tasks import build_board_pack, pack_key

# The chair and members read and generate packs; the plan officer also closes periods.
pack_reader_required = role_required(permissions.can_review)
officer_required = role_required(permissions.is_plan_officer)


def plan_and_period(request, slug, period_slug):
    """The plan (of the person's partnerships: another's is a 404) and its
    partnership's quarter; 403 unless the person reads packs in that partnership."""
    plan = scoped_or_404(request, Plan.objects.select_related("partnership"), slug=slug)
    allowed(request, permissions.can_review, plan.partnership_id)
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
    """Every quarter of each partnership that has started, under the plan its
    pack covers (plans.reporting.plans_covering: an ended plan keeps being
    reviewed, with its final state, until the next one starts), and which
    quarter is under review: the same one as on every other page."""
    today = timezone.localdate()
    # Only the partnerships where the person reads packs (an owner elsewhere sees none of theirs).
    reads_in = request.scope.reviewer_partnership_ids()
    plans = (
        request.scope.of(Plan)
        .filter(partnership__in=reads_in)
        .exclude(status=Plan.State.DRAFT)
        .select_related("partnership")
    )
    periods = ReportingPeriod.objects.filter(partnership__in=reads_in, start__lte=today).order_by("start")
    covered = {period: {plan.pk for plan in plans_covering(period)} for period in periods}
    rows = [(plan, [period for period, pks in covered.items() if plan.pk in pks]) for plan in plans]
    packs = (
        request.scope.of(BoardPack, BoardPack.objects.without_pdf())
        .filter(plan__partnership__in=reads_in)
        .select_related("plan", "period")[:20]
    )
    return render(
        request,
        "boardpack/index.html",
        {"plan_periods": rows, "packs": packs, "under_review": quarter_under_review(today)},
    )


@pack_reader_required
def period_detail(request, slug, period_slug):
    plan, period = plan_and_period(request, slug, period_slug)
    return render_period(request, plan, period)


def render_period(request, plan, period, error=None):
    """The quarter's page; ``error`` (why a pack could not be started) as a GOV.UK error summary."""
    packs = BoardPack.objects.without_pdf().filter(plan=plan, period=period).select_related("period", "plan")
    return render(
        request,
        "boardpack/period.html",
        {
            "plan": plan,
            "period": period,
            "packs": packs,
            "can_close": permissions.is_plan_officer(request.user, plan.partnership_id) and not period.is_closed,
            "error": error,
        },
    )


@pack_reader_required
def preview(request, slug, period_slug):
    """The board pack as a web page (public-sector guidance prefers HTML to PDF):
    the PDF's own context and body template, with screen CSS. Same readers as the PDF."""
    plan, period = plan_and_period(request, slug, period_slug)
    today = timezone.localdate()
    context = pack_context(plan, period, today)
    context["latest_pack"] = (
        BoardPack.objects.without_pdf().filter(plan=plan, period=period).select_related("plan", "period").first()
    )
    return render(request, "boardpack/web.html", context)


def pack_ready(request, pack, words="Board pack generated for {}."):
    """The board packs page, with a banner linking to the pack's PDF."""
    messages.success(
        request,
        format_html(
            words + ' <a class="govuk-notification-banner__link" href="{}">Download the board pack (PDF, {})</a>',
            pack.period,
            reverse("boardpack:download", args=[pack.pk]),
            filesizeformat(pack.size),
        ),
    )
    return redirect("boardpack:index")


@require_POST
@pack_reader_required
def generate(request, slug, period_slug):
    plan, period = plan_and_period(request, slug, period_slug)
    if period.is_closed:
        # A closed quarter's figures are frozen: a pack built since closing is the pack.
        kept = (
            BoardPack.objects.without_pdf()
            .filter(plan=plan, period=period, from_frozen_period=True)
            .select_related("period")
            .first()
        )
        if kept is not None:
            return pack_ready(request, kept, "The board pack for {} is ready: its figures were fixed when the quarter closed.")
    today = timezone.localdate()
    try:
        job, joined = jobs.start(
            Job.Kind.PACK, pack_key(plan, period), plan.partnership, request.user,
            build_board_pack, plan.pk, period.pk, today.isoformat(), request.user.pk,
        )
    except jobs.TooManyJobs as error:
        return render_period(request, plan, period, error=str(error))
    if job.status == Job.Status.DONE and isinstance(job.result, BoardPack):
        return pack_ready(request, job.result)
    if joined:
        messages.info(request, f"The board pack for {period} was already being built: this page follows that build.")
    return redirect(job)


@pack_reader_required
def download(request, pk):
    pack = scoped_or_404(request, BoardPack.objects.select_related("plan", "period"), pk=pk)
    allowed(request, permissions.can_review, pack.plan.partnership_id)
    response = HttpResponse(bytes(pack.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pack.filename}"'
    response["X-Content-SHA256"] = pack.sha256
    return response


@officer_required
def close(request, pk):
    period = scoped_or_404(request, ReportingPeriod.objects.select_related("partnership"), pk=pk)
    allowed(request, permissions.is_plan_officer, period.partnership_id)  # officer of this partnership
    plans = list(plans_in(period))
    # Cancel goes back to the plan the officer came from: one of this period's
    # plans, never whatever a crafted ?plan= says (it is reversed into a URL).
    slugs = [plan.slug for plan in plans]
    back = request.GET.get("plan") if request.GET.get("plan") in slugs else (slugs[0] if slugs else "")
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
