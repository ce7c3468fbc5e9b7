"""An action's history across plans: a carried-forward action's page shows its
predecessors' progress below its own, plan by plan back to where it began, and
an old action's page says what became of it when the next plan was started."""

from dataclasses import dataclass, field

from . import rules
from .models import CarryForward

# However long a chain grows, a page reads at most this many plans back.
MAX_PLANS_BACK = 20


@dataclass
class EarlierAction:
    action: object
    history: list  # Action.progress_history(), newest first

    @property
    def plan(self):
        return self.action.plan

    @property
    def year_label(self):
        return rules.year_label(self.plan.period_start, self.plan.period_end)


@dataclass
class Lineage:
    carried_from: CarryForward | None = None  # how this action came into its plan
    outcome: CarryForward | None = None  # what became of it when the next plan was started
    earlier: list = field(default_factory=list)  # EarlierAction, the previous plan first

    def __bool__(self):
        return bool(self.carried_from or self.outcome)


def lineage(action):
    """The Lineage of ``action``: two queries, and one more per earlier plan."""
    links = CarryForward.objects.select_related("action__plan", "new_action__plan", "succession__next_plan")
    result = Lineage(outcome=links.filter(action=action).first())
    current, seen = action, {action.pk}
    while len(result.earlier) < MAX_PLANS_BACK:
        link = links.filter(new_action=current).first()
        if link is None or link.action_id in seen:
            break
        if result.carried_from is None:
            result.carried_from = link
        current = link.action
        seen.add(current.pk)
        result.earlier.append(EarlierAction(current, current.progress_history()))
    return result
