"""What needs the signed-in user's attention today: the banner and the nav count."""

import functools
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from plans import reporting
from plans.models import Action
from plans.tenancy import scope_for

from .models import Kind
from .rules import ACTION_KINDS, Rules, live_actions


@dataclass
class Attention:
    by_kind: dict  # {Kind: [Action]}, most urgent kind first
    arising: list = field(default_factory=list)  # overdue actions arising from partnership meetings

    @property
    def count(self):
        """Actions needing attention (an action that is overdue and missing an update counts once)."""
        return len({action.pk for actions in self.by_kind.values() for action in actions}) + len(self.arising)

    def groups(self):
        """[(label, actions)] for the kinds that have any actions."""
        return [(Kind(kind).label, actions) for kind, actions in self.by_kind.items() if actions]

    def actions_with_reasons(self):
        """[(action, [reason, ...])]: each action once, with every rule it breaks,
        most urgent first. An action both overdue and due for an update is one
        line saying both, not two links to the same page."""
        reasons = {}
        actions = {}
        for kind, kind_actions in self.by_kind.items():
            for action in kind_actions:
                actions.setdefault(action.pk, action)
                reasons.setdefault(action.pk, []).append(Kind(kind).label)
        return [(actions[pk], labels) for pk, labels in reasons.items()]


def attention_for(user, today):
    by_kind = {kind: [] for kind in ACTION_KINDS}
    if not user.is_authenticated:
        return Attention(by_kind)
    scope = scope_for(user)  # only the partnerships the person is still in
    mine = scope.of(Action, live_actions().owned_by(user))
    partnership_ids = mine.values_list("plan__partnership", flat=True).distinct().order_by()
    for partnership_id in partnership_ids:
        rules = Rules(today, reporting.period_under_review(partnership_id, today))
        flagged = rules.flagged(mine.filter(plan__partnership_id=partnership_id))
        fields = ("pk", "reference", "description", "target_month", "revised_target_month")
        for kind, actions in rules.by_flag(flagged.only(*fields)).items():
            by_kind[kind] += actions
    return Attention(by_kind, arising=overdue_arising(user, today))


def overdue_arising(user, today):
    """Actions the board agreed at a meeting, past their due date: chased like plan actions."""
    from meetings.models import ActionArising

    arising = ActionArising.objects.overdue(today).owned_by(user)
    return list(scope_for(user).of(ActionArising, arising).select_related("meeting").order_by("due_on"))


def request_attention(request):
    """attention_for the request's user, worked out once per request (the nav and
    the banner both ask)."""
    if not hasattr(request, "_alert_attention"):
        request._alert_attention = attention_for(request.user, timezone.localdate())
    return request._alert_attention


def attention_count(user, today):
    """Attention.count without building the lists: the actions needing attention
    (each once, however many rules it breaks: Rules.any_alert) plus overdue actions
    arising, counted in SQL. It runs on every page an owner opens (the navigation),
    so it must not grow with their actions (issue 18: 5 queries, 77 ms at 100x)."""
    if not user.is_authenticated:
        return 0
    scope = scope_for(user)
    mine = scope.of(Action, live_actions().owned_by(user))
    partnership_ids = scope.partnership_ids  # read with the person's roles: no query
    if len(partnership_ids) > 1:  # only those where they own something (one query, not a period each)
        partnership_ids = mine.values_list("plan__partnership", flat=True).distinct().order_by()
    condition = Q(pk__in=[])
    for partnership_id in partnership_ids:  # each partnership's rules run on its own reporting calendar
        rules = Rules(today, reporting.period_under_review(partnership_id, today))
        condition |= Q(plan__partnership_id=partnership_id) & rules.any_condition()
    return mine.with_effective_target().filter(condition).count() + overdue_arising_count(user, today)


def overdue_arising_count(user, today):
    from meetings.models import ActionArising

    return scope_for(user).of(ActionArising, ActionArising.objects.overdue(today).owned_by(user)).count()


def shows_attention(view):
    """Mark a view whose page shows the attention banner ({% alert_banner %}):
    the navigation's count then comes from the banner's lists, worked out once,
    not from a count query of its own (on the 10x dashboard both took 20 ms)."""
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        request.shows_attention = True
        return view(request, *args, **kwargs)
    return wrapped


def nav_count(request):
    """The number beside "My actions" in the navigation (None when signed out):
    the banner's count on a page that shows it (shows_attention), otherwise
    counted alone (attention_count)."""
    if not request.user.is_authenticated:
        return None
    if hasattr(request, "_alert_attention") or getattr(request, "shows_attention", False):
        return request_attention(request).count
    return attention_count(request.user, timezone.localdate())
