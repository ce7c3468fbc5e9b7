"""Action owners: My actions, the action page and the progress update form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, Count, Min, Q, Value, When
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from alerts.attention import shows_attention
from cycle.history import lineage
from cycle.models import CarryForward
from meetings.models import ActionArising
from plans import permissions
from plans.forms import NoChangeForm, ProgressUpdateForm
from plans.models import Action, StaleUpdate
from plans.reporting import under_review

from .helpers import scoped_or_404, viewer_required


def current_period(partnership, today):
    """The quarter under review (plans.reporting, the one rule every page
    shares); a bare Quarter (no deadline) if the plan officer has not set it up
    yet, so the flags still work."""
    return under_review(partnership, today)


def get_action(request, pk):
    """The action, if it is in one of the person's partnerships (another's is a 404)."""
    return scoped_or_404(request, Action.objects.select_related("aim__section__plan__partnership", "plan"), pk=pk)


def refusal(request, action):
    """None if the user may update the action now. An archived plan gets a page
    saying so (403: nothing is saved, even from a form opened before it was
    archived); anyone else who may not update it gets the plain 403."""
    if not action.plan.accepts_updates:
        return render(request, "plans/archived.html", {"action": action, "plan": action.plan}, status=403)
    if not permissions.can_update_action(request.user, action):
        raise PermissionDenied
    return None


# My actions lists this many actions a page, those needing attention first, so an
# owner of hundreds (issue 18: 160 at 10x made 260 KB) gets a page that does not
# grow with them; the counts on top are over all of them (SQL aggregates).
MY_ACTIONS_PAGE_SIZE = 30


def attention_first(actions, today, period):
    """The owner's actions with their flags (ActionQuerySet.with_owner_flags) and
    ``needs_attention`` (needs an update, overdue or due soon), those needing
    attention first, then in plan order."""
    return actions.with_owner_flags(today, period).annotate(
        needs_attention=Case(
            When(Q(needs_update=True) | Q(is_overdue_now=True) | Q(is_due_soon=True), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    ).order_by("-needs_attention", "plan", "aim__section__order", "aim__order", "order", "pk")


def one_action_per_plan(actions):
    """An action from each plan among ``actions`` (with its plan loaded): enough
    for the ended-plan notices to name every plan, not only this page's."""
    first = actions.order_by().values("plan").annotate(first=Min("pk")).values("first")
    return Action.objects.filter(pk__in=first).select_related("aim__section__plan")


@viewer_required
@shows_attention
def my_actions(request):
    today = timezone.localdate()
    owner = getattr(request.user, "owner", None)  # usually cached by the permission check
    if owner is None:
        return render(request, "plans/my_actions.html", {"owner": None, "today": today})
    period = current_period(owner.partnership_id, today)
    mine = (
        request.scope.of(Action, Action.objects.owned_by(request.user))
        .updatable()
        # Carried forward (the new plan's copy is the one to update) or dropped.
        .exclude(pk__in=CarryForward.objects.superseded_action_ids())
    )
    flagged = attention_first(mine, today, period)
    totals = flagged.aggregate(
        total=Count("pk"),
        needing_update=Count("pk", filter=Q(needs_update=True)),
        needing_attention=Count("pk", filter=Q(needs_attention=True)),
    )
    paginator = Paginator(flagged.for_display().with_latest_update().with_review_notes(), MY_ACTIONS_PAGE_SIZE)
    paginator.count = totals["total"]  # counted above: no second COUNT query
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "owner": owner,
        "actions": list(page),
        "page_obj": page,
        "total": totals["total"],
        "needing_attention": totals["needing_attention"],
        "plan_samples": one_action_per_plan(mine),
        "period": period,
        "needing_update": totals["needing_update"],
        "deadline": getattr(period, "update_deadline", None),
        "actions_arising": request.scope.of(ActionArising, ActionArising.objects.for_my_actions(request.user, today)),
        "today": today,
    }
    return render(request, "plans/my_actions.html", context)


@viewer_required
def action_detail(request, pk):
    today = timezone.localdate()
    action = get_action(request, pk)
    flags = (
        Action.objects.filter(pk=action.pk)
        .with_owner_flags(today, current_period(action.plan.partnership, today))
        .values("update_requested", "is_overdue_now", "is_due_soon", "missing_update")
        .get()
    )
    can_update = permissions.can_update_action(request.user, action)
    context = {
        "action": action,
        "aim": action.aim,
        "plan": action.plan,
        "owners": action.owners.all(),
        "history": action.progress_history(),
        "review_notes": action.review_notes.select_related("period", "author__owner"),
        "flags": flags,
        "can_update": can_update,
        "no_change_form": NoChangeForm(action=action) if can_update else None,
        "today": today,
        "lineage": lineage(action),  # its history in earlier plans, and what became of it
    }
    return render(request, "plans/action_detail.html", context)


def render_update_page(request, action, form, no_change_form, missed=(), status=200):
    context = {
        "action": action,
        "plan": action.plan,
        "form": form,
        "no_change_form": no_change_form,
        "error_form": form if form.errors else no_change_form,
        "missed_updates": missed,
        "latest_update": action.updates.first(),
    }
    return render(request, "plans/action_update.html", context, status=status)


@viewer_required  # no role anywhere: 403, as on the action page
def action_update(request, pk):
    today = timezone.localdate()
    action = get_action(request, pk)
    if refused := refusal(request, action):
        return refused
    if request.method != "POST":
        form = ProgressUpdateForm(action=action, today=today)
        return render_update_page(request, action, form, NoChangeForm(action=action))

    form = ProgressUpdateForm(request.POST, action=action, today=today)
    if form.is_valid():
        try:
            form.save(author=request.user)
        except StaleUpdate:
            action.refresh_from_db()
            missed = action.updates_since(form.cleaned_data["version"])
            form.mark_stale(action.version)
            return render_update_page(request, action, form, NoChangeForm(action=action), missed, status=409)
        messages.success(request, f"Your update to action {action.reference} has been saved")
        return redirect(action)
    return render_update_page(request, action, form, NoChangeForm(action=action))


@viewer_required
@require_POST
def action_no_change(request, pk):
    today = timezone.localdate()
    action = get_action(request, pk)
    if refused := refusal(request, action):
        return refused
    no_change_form = NoChangeForm(request.POST, action=action)
    if no_change_form.is_valid():
        try:
            no_change_form.save(author=request.user)
        except StaleUpdate:
            action.refresh_from_db()
            missed = action.updates_since(no_change_form.cleaned_data["version"])
            no_change_form.mark_stale(action.version)
            form = ProgressUpdateForm(action=action, today=today)
            return render_update_page(request, action, form, no_change_form, missed, status=409)
        messages.success(request, f"Action {action.reference} recorded as no change since the last update")
        return redirect(action)
    form = ProgressUpdateForm(action=action, today=today)
    return render_update_page(request, action, form, no_change_form)

