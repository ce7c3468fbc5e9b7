"""Saying, on every page that shows a plan, that it has ended, and what follows it.

``{% plan_cycle plan %}`` on the plan page and the action pages; ``{% ended_plans
actions %}`` on My actions (one notice per ended plan among the actions);
``{% plan_ended_tag plan %}`` beside a plan in the plans list. Each reads
``today`` from the page's context when the view put it there, so the page and
the notice agree on the day.

Only the person's own partnerships count: a succession is read through their
scope (plans.tenancy), so a notice never names another partnership's plan.
"""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from cycle import rules
from cycle.models import Succession
from plans.tenancy import scope_for

register = template.Library()


def _today(context):
    today = context.get("today")
    return today if hasattr(today, "isoformat") else timezone.localdate()


def notice(plan, today, user, with_precedence=False):
    """What the page says about where ``plan`` is in the cycle (None: nothing to say)."""
    scope = scope_for(user)
    if not scope.can_view(plan.partnership_id):
        return None
    ended = plan.has_ended(today)
    ending = not ended and rules.in_final_quarter(plan, today)
    successions = scope.of(Succession)
    succession = successions.filter(previous_plan=plan).select_related("next_plan").first()
    precedence = (
        successions.filter(next_plan=plan).select_related("previous_plan").first() if with_precedence else None
    )
    can_start = succession is None and (ended or ending) and rules.can_start_next_plan(user, plan, today)
    if not (ended or precedence or (ending and (can_start or succession))):
        return None
    return {
        "plan": plan,
        "ended": ended,
        "ending": ending,
        "succession": succession,
        "precedence": precedence,
        "can_start": can_start,
    }


@register.inclusion_tag("cycle/_plan_ended.html", takes_context=True)
def plan_cycle(context, plan):
    """The notice for one plan (the plan page, an action page)."""
    today = _today(context)
    found = notice(plan, today, context["user"], with_precedence=True)
    return {"notices": [found] if found else [], "lineage": context.get("lineage"), "named": False, "today": today}


@register.inclusion_tag("cycle/_plan_ended.html", takes_context=True)
def ended_plans(context, actions):
    """One notice per ended plan among ``actions`` (My actions), naming each plan."""
    today, user = _today(context), context["user"]
    plans = {}
    for action in actions:
        plan = action.aim.section.plan  # loaded with the actions (for_display)
        plans.setdefault(plan.pk, plan)
    # Only an ended plan gets a notice here: a live one is not asked about (its succession queries, on every visit).
    ended = [plan for plan in plans.values() if plan.has_ended(today)]
    notices = [found for plan in ended if (found := notice(plan, today, user)) and found["ended"]]
    return {"notices": notices, "named": True, "today": today}


@register.simple_tag
def plan_ended_tag(plan, today=None):
    """A grey "Ended" tag for a plan whose period is over (the plans list)."""
    today = today or timezone.localdate()
    if plan.has_ended(today):
        return format_html(
            '<strong class="govuk-tag govuk-tag--grey app-plan-ended">Ended {}</strong>', f"{plan.period_end:%-d %B %Y}"
        )
    return ""
