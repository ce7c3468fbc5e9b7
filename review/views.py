"""The chair's review: a dashboard per plan and quarter, a filterable list of
actions with exports, and the form to record a review note.

Every count on the dashboard links to the review list filtered to exactly those
actions (for a past quarter, the list as it was then: ``?period=2022-Q4``)."""

from django.contrib import messages
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django_tables2 import RequestConfig

from alerts.attention import shows_attention
from plans import permissions, rag, spreadsheets
from plans.models import Action, Plan, ReportingPeriod, ReviewNote
from plans.periods import Quarter
from plans.reporting import quarter_under_review, under_review
from plans.views.helpers import allowed, role_required, scoped_or_404, viewer_required

from .dashboard import (
    AIMS_SHOWN,
    NOT_UPDATED,
    RED_OR_AMBER,
    REFERENCES_PER_OWNER,
    listed_actions,
    summarise_plan,
)
from .filters import ReviewFilter
from .forms import OUTCOME_HINTS, ReviewNoteForm
from .summary import DUE_SOON_DAYS, row_for, with_period_status, with_priority
from .tables import ReviewTable, action_url, export_rows, latest_notes

PER_PAGE = 25
reviewer_required = role_required(permissions.can_review)


def period_for(partnership, quarter):
    """The partnership's ReportingPeriod for a quarter, or the bare Quarter if
    the plan officer has not set it up (it has the same start and end)."""
    return (
        ReportingPeriod.objects.filter(partnership=partnership, year=quarter.year, quarter=quarter.number).first()
        or quarter
    )


def _dashboard_plan(request):
    plans = request.scope.of(Plan).exclude(status=Plan.State.ARCHIVED).select_related("partnership")
    if slug := request.GET.get("plan"):
        return get_object_or_404(plans, slug=slug)
    plan = plans.filter(status=Plan.State.ACTIVE).first() or plans.first()
    if plan is None:
        raise Http404("There is no plan to review yet.")
    return plan


def _quarter(request, today, default):
    """The quarter named by ``?period=2022-Q1``, or ``default``; never one that
    has not started."""
    try:
        quarter = Quarter.from_slug(request.GET.get("period") or default.slug)
    except ValueError:
        raise Http404("No such quarter.") from None
    if quarter > Quarter.containing(today):
        raise Http404("That quarter has not started.")
    return quarter


@viewer_required
@shows_attention
def dashboard(request):
    """Counts from SQL aggregates and only the capped lists a chair reads
    (review.dashboard): the page does not grow with the plan."""
    today = timezone.localdate()
    plan = _dashboard_plan(request)
    current = quarter_under_review(today)
    # The quarter under review, as on every page; an ended plan is shown with its final state.
    quarter = _quarter(request, today, quarter_under_review(today))
    period = period_for(plan.partnership, quarter)
    summary = summarise_plan(plan, period, today)
    periods = list(ReportingPeriod.objects.filter(partnership=plan.partnership, start__lte=today).order_by("-start"))
    if all(option.slug != period.slug for option in periods):
        # A quarter the officer has not set up yet (no reporting period row): it is
        # still the one shown, so the chooser offers and selects it, not another.
        periods.insert(0, period)
    return render(
        request,
        "review/dashboard.html",
        {
            "plan": plan,
            "period": period,
            "is_current": quarter == current,
            "periods": periods,
            "summary": summary,
            "chart": summary.chart(),
            "red_amber": summary.red_amber,
            "exceptions": listed_actions(plan, period, today, RED_OR_AMBER),
            "not_updated": listed_actions(plan, period, today, NOT_UPDATED) if summary.not_updated else [],
            "references_per_owner": REFERENCES_PER_OWNER,
            "aims_shown": AIMS_SHOWN,
            "exception_codes": list(rag.EXCEPTIONS),
            "due_soon_days": DUE_SOON_DAYS,
            "today": today,
        },
    )


def _review_queryset(request, quarter, today):
    """Actions annotated for ``quarter`` (the period's status, direction and
    updates), ``notes_this_period``, and the ``priority`` the list opens in."""
    notes = (
        ReviewNote.objects.filter(action=OuterRef("pk"), period__year=quarter.year, period__quarter=quarter.number)
        .order_by()
        .values("action")
        .annotate(count=Count("pk"))
        .values("count")
    )
    as_of = min(today, quarter.end)
    actions = request.scope.of(Action).for_display()  # the person's partnerships only, exports too
    actions = with_priority(with_period_status(actions, quarter, today), as_of)
    return actions.annotate(notes_this_period=Coalesce(Subquery(notes), 0))


def _filtered(request, today):
    """The filter set, the quarter shown (today's unless ``?period=`` names an
    earlier one) and the day overdue is judged on (that quarter's last day, if past)."""
    quarter = _quarter(request, today, quarter_under_review(today))
    as_of = min(today, quarter.end)
    filterset = ReviewFilter(
        request.GET, queryset=_review_queryset(request, quarter, today), today=as_of, scope=request.scope
    )
    return filterset, quarter, as_of


@viewer_required
def action_list(request):
    today = timezone.localdate()
    filterset, quarter, as_of = _filtered(request, today)
    # An invalid filter shows its error and no rows (the annotated .none() keeps sorting working).
    table = ReviewTable(filterset.qs if filterset.is_valid() else filterset.queryset.none())
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    records = [row.record for row in table.page.object_list]
    notes = latest_notes(records)
    # "Add note" only where the person reviews: a member of one board may own actions in another.
    reviews_in = set(request.scope.reviewer_partnership_ids())
    for record in records:
        record.can_note = record.aim.section.plan.partnership_id in reviews_in and record.aim.section.plan.accepts_updates
        record.url = action_url(record)
        record.review = row_for(record, as_of)
        record.latest_note = notes.get(record.pk)
    current = quarter_under_review(today)
    return render(
        request,
        "review/action_list.html",
        {
            "filter": filterset,
            "table": table,
            "quarter": quarter,
            "is_current": quarter == current,
            "today": today,
            "query": request.GET.urlencode(),
            "worst_first": not request.GET.get("sort") or request.GET.get("sort") == "priority",
        },
    )


@viewer_required
def action_export(request, fmt):
    """Exactly the rows the filters select (every page), in the table's order."""
    today = timezone.localdate()
    filterset, quarter, as_of = _filtered(request, today)
    if not filterset.is_valid():
        return redirect(f"{reverse('review:action_list')}?{request.GET.urlencode()}")  # shows the errors
    table = ReviewTable(filterset.qs)
    RequestConfig(request, paginate=False).configure(table)
    header, rows = export_rows(table.data.data, as_of)
    filename = f"review-{quarter.slug}-{today:%Y%m%d}"
    if fmt == "csv":
        return spreadsheets.csv_response(f"{filename}.csv", header, rows)
    return spreadsheets.xlsx_response(f"{filename}.xlsx", header, rows, title="Review")


@reviewer_required
def add_note(request, pk):
    today = timezone.localdate()
    action = scoped_or_404(request, Action.objects.for_display().with_latest_update(), pk=pk)
    plan = action.aim.section.plan
    allowed(request, permissions.can_review, plan.partnership_id)  # reviews in this action's partnership
    if not plan.accepts_updates:  # an archived plan is a record: no new review notes either
        refused = "review notes can no longer be added to its actions"
        return render(request, "plans/archived.html", {"action": action, "plan": plan, "refused": refused}, status=403)
    period = under_review(plan.partnership, today)
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = ""
    form = ReviewNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.save(commit=False)
        note.action = action
        note.author = request.user
        note.period = period if isinstance(period, ReportingPeriod) else None
        note.save()
        messages.success(request, f"Review note recorded on {action.reference}: {note.get_outcome_display()}.")
        return redirect(back or reverse("review:action_list"))
    return render(
        request,
        "review/note_form.html",
        {
            "action": action,
            "action_url": action_url(action),
            "period": period,
            "form": form,
            "outcome_hints": OUTCOME_HINTS,
            "notes": action.review_notes.select_related("author__owner", "period"),
            "back": back,
            "back_link": back or reverse("review:action_list"),
        },
    )
