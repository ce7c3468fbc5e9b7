from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from plans import rag
from plans.models import Action, Aim, Plan

from .helpers import scoped_or_404, viewer_required

# A plan with up to this many actions lists them all on its page, as Sefton's 59
# always have; a larger one shows each aim with its counts and the actions one
# click away on the aim's page (issue 18: at 10x, 590 actions made 440 KB).
FULL_LISTING_LIMIT = 100
# An aim page lists this many actions at a time, so one huge aim cannot grow it.
AIM_PAGE_SIZE = 100
# A large plan's page shows this many aims at a time, about 150 KB (100 times Sefton has 1,100
# aims: one page of them all weighed 1.1 MB).
AIMS_PAGE_SIZE = 150


@viewer_required
def home(request):
    # Only the person's own partnerships' plans (plans.tenancy).
    plans = request.scope.of(Plan).exclude(status=Plan.State.ARCHIVED).select_related("partnership").annotate(
        action_count=Count("actions"),
        **{f"{code}_count": Count("actions", filter=Q(actions__status=code)) for code in rag.Status.values},
        # So that the status columns add up to the number of actions.
        unrated_count=Count("actions", filter=Q(actions__status="")),
    ).order_by(*Plan._meta.ordering)  # Meta.ordering is dropped from GROUP BY queries (see aims_with_counts)
    return render(request, "plans/home.html", {"plans": plans})


def aims_with_counts(plan, today):
    """The plan's aims in order, each with its number of actions, per RAG code
    (``red_count`` ... ``unrated_count``) and overdue (the QuerySet's rule), all
    counted in SQL: one query whatever the plan's size."""
    overdue = Action.objects.filter(plan=plan).overdue(today).values("pk")
    return list(
        Aim.objects.filter(section__plan=plan).select_related("section").defer("how_will_we_know", "desired_outcome")
        .annotate(
            action_count=Count("actions"),
            **{f"{code}_count": Count("actions", filter=Q(actions__status=code)) for code in rag.Status.values},
            unrated_count=Count("actions", filter=Q(actions__status="")),
            overdue_count=Count("actions", filter=Q(actions__in=overdue)),
        )
        # Said, not left to Meta.ordering: Django drops that from GROUP BY queries,
        # and PostgreSQL then returns the aims in whatever order its hash gives.
        .order_by("section__order", "order", "pk")
    )


def with_overdue(actions, today):
    """The actions as a list, each with ``overdue`` from the QuerySet's rule (one
    query, not one per action). Only what the tables show: no latest update,
    which they never used."""
    actions = list(actions)
    overdue = set(Action.objects.filter(pk__in=[a.pk for a in actions]).overdue(today).values_list("pk", flat=True))
    for action in actions:
        action.overdue = action.pk in overdue
    return actions


@viewer_required
def plan_detail(request, slug):
    plan = scoped_or_404(request, Plan.objects.select_related("partnership"), slug=slug)
    today = timezone.localdate()
    aims = aims_with_counts(plan, today)
    action_count = sum(aim.action_count for aim in aims)
    listed = action_count <= FULL_LISTING_LIMIT
    if listed:
        by_aim = {}
        for action in with_overdue(Action.objects.filter(plan=plan).for_display().order_by("order", "pk"), today):
            by_aim.setdefault(action.aim_id, []).append(action)
        for aim in aims:
            aim.listed_actions = by_aim.get(aim.pk, [])
    page = None
    if not listed:  # the counts above are over the whole plan; the table shows a page of aims
        page = Paginator(aims, AIMS_PAGE_SIZE).get_page(request.GET.get("page"))
        aims = page.object_list
    sections = {}
    for aim in aims:
        sections.setdefault(aim.section, []).append(aim)
    context = {
        "plan": plan,
        "sections": sections,
        "page_obj": page,
        "listed": listed,
        "action_count": action_count,
        "rag_key": plan.rag_key.all(),
        "today": today,
    }
    return render(request, "plans/plan_detail.html", context)


@viewer_required
def aim_detail(request, slug, aim_id):
    """One aim's actions: where a large plan's page sends the reader."""
    plan = scoped_or_404(request, Plan.objects.select_related("partnership"), slug=slug)
    aim = get_object_or_404(Aim.objects.select_related("section"), pk=aim_id, section__plan=plan)
    today = timezone.localdate()
    actions = Action.objects.filter(aim=aim).for_display().order_by("order", "pk")
    page = Paginator(actions, AIM_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "plan": plan,
        "aim": aim,
        "page_obj": page,
        "actions": with_overdue(page, today),
        "today": today,
    }
    return render(request, "plans/aim_detail.html", context)


def accessibility(request):
    return render(request, "accessibility.html")
