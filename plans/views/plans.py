from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from plans import rag
from plans.models import Action, Plan

from .helpers import scoped_or_404, viewer_required


@viewer_required
def home(request):
    # Only the person's own partnerships' plans (plans.tenancy).
    plans = request.scope.of(Plan).exclude(status=Plan.State.ARCHIVED).select_related("partnership").annotate(
        action_count=Count("actions"),
        **{f"{code}_count": Count("actions", filter=Q(actions__status=code)) for code in rag.Status.values},
        # So that the status columns add up to the number of actions.
        unrated_count=Count("actions", filter=Q(actions__status="")),
    )
    return render(request, "plans/home.html", {"plans": plans})


@viewer_required
def plan_detail(request, slug):
    plan = scoped_or_404(request, Plan.objects.select_related("partnership"), slug=slug)
    today = timezone.localdate()
    actions = (
        Action.objects.filter(plan=plan).for_display().with_latest_update().order_by(
            "aim__section__order", "aim__order", "order", "pk"
        )
    )
    overdue = set(Action.objects.filter(plan=plan).overdue(today).values_list("pk", flat=True))
    sections = {}
    for action in actions:
        action.overdue = action.pk in overdue
        aim = action.aim
        sections.setdefault(aim.section, {}).setdefault(aim, []).append(action)
    return render(
        request,
        "plans/plan_detail.html",
        {"plan": plan, "sections": sections, "rag_key": plan.rag_key.all(), "today": today},
    )


def accessibility(request):
    return render(request, "accessibility.html")
