"""Where a person lands after signing in (issue 14, item 4): the page their
work starts from, decided by their strongest role.

- a plan officer of one partnership: that partnership's current plan (of
  several: the plans list, to choose);
- a chair or partnership member: the review dashboard;
- an action owner: My actions;
- no role yet: a page saying whom to ask, rather than a bare 403.

A `next` parameter on sign-in still wins: Django's LoginView only falls back to
LOGIN_REDIRECT_URL (this view) when there is none.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from plans.models import Membership, Partnership, Plan


def current_plan(plans, today):
    """The plan running today, else the newest that is not archived (None if none)."""
    plans = plans.exclude(status=Plan.State.ARCHIVED)
    running = plans.filter(period_start__lte=today, period_end__gte=today)
    return running.exclude(status=Plan.State.DRAFT).first() or running.first() or plans.first()


def officer_landing(request, today):
    officer_of = request.scope.officer_partnership_ids()
    if len(officer_of) == 1:
        plan = current_plan(request.scope.of(Plan).filter(partnership_id=officer_of[0]), today)
        if plan is not None:
            return redirect(plan)
    return redirect("home")


def partnerships_to_ask(user):
    """The partnerships a person without a role can ask for access: those they
    have left, else the only one this service hosts. Nothing else, so the page
    names no other partnership's officer."""
    left = Partnership.objects.filter(
        pk__in=Membership.objects.filter(user=user).values("partnership")
    ).select_related("plan_officer")
    if left:
        return list(left)
    only = list(Partnership.objects.select_related("plan_officer")[:2])
    return only if len(only) == 1 else []


@login_required
def landing(request):
    scope = request.scope
    if scope.is_officer():
        return officer_landing(request, timezone.localdate())
    if scope.can_review():
        if request.scope.of(Plan).exclude(status=Plan.State.ARCHIVED).exists():
            return redirect("review:dashboard")
        return redirect("home")  # nothing to review yet: the list says so
    if scope.can_view():
        return redirect("my_actions")
    return render(request, "plans/no_access.html", {"partnerships": partnerships_to_ask(request.user)})
