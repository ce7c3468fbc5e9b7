"""What needs the signed-in user's attention today: the banner and the nav count."""

import functools
import operator
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Count, ExpressionWrapper, IntegerField, Q, Value, When, Window
from django.utils import timezone

from plans import reporting
from plans.models import Action
from plans.tenancy import scope_for

from .models import Kind
from .rules import ACTION_KINDS, Rules, live_actions


# The banner names this many actions, most urgent first, and says how many more.
BANNER_SHOWN = 10
PLAN_ORDER = ("plan", "aim__section__order", "aim__order", "order", "pk")


@dataclass
class Attention:
    actions: int  # how many of the person's actions need attention (each once)
    first: list = field(default_factory=list)  # [(action, [reason])], most urgent first, at most BANNER_SHOWN
    arising: list = field(default_factory=list)  # overdue actions arising from partnership meetings

    @property
    def count(self):
        """Actions needing attention (an action that is overdue and missing an update counts once)."""
        return self.actions + len(self.arising)

    @property
    def more(self):
        """Actions needing attention beyond those the banner names."""
        return self.actions - len(self.first)

    def actions_with_reasons(self):
        """[(action, [reason, ...])]: each action once, with every rule it breaks,
        most urgent first. An action both overdue and due for an update is one
        line saying both, not two links to the same page."""
        return self.first


def _alerting(user, today):
    """(actions, flags): the person's live actions with at least one alert today,
    each partnership's under its own reporting calendar, and {kind: Q} saying
    which rule an action breaks. Conditions, not lists: counting them or reading
    the first few is one query however many actions the person owns."""
    scope = scope_for(user)
    mine = scope.of(Action, live_actions().owned_by(user)).with_effective_target()
    partnership_ids = scope.partnership_ids  # read with the person's roles: no query
    if len(partnership_ids) > 1:  # only those where they own something (one query, not a period each)
        partnership_ids = mine.values_list("plan__partnership", flat=True).distinct().order_by()
    alerting, flags = [], {kind: [] for kind in ACTION_KINDS}
    for partnership_id in partnership_ids:
        rules = Rules(today, reporting.period_under_review(partnership_id, today))
        here = Q(plan__partnership_id=partnership_id)
        alerting.append(here & rules.any_condition())
        for kind, condition in rules.conditions().items():
            if condition is not None:
                flags[kind].append(here & condition)
    if not alerting:
        return mine.none(), {}
    return mine.filter(functools.reduce(operator.or_, alerting)), {
        kind: functools.reduce(operator.or_, conditions) for kind, conditions in flags.items() if conditions
    }


def attention_for(user, today):
    """The banner: how many actions need attention, the BANNER_SHOWN most urgent
    with their reasons, and overdue actions arising. One query for the actions
    (the count is a window over the same rows), however many the person owns:
    an owner of 160 actions at 10x built them all for a banner showing 10."""
    if not user.is_authenticated:
        return Attention(0)
    alerting, flags = _alerting(user, today)
    annotated = alerting.annotate(**{
        f"alert_{kind}": ExpressionWrapper(condition, output_field=BooleanField()) for kind, condition in flags.items()
    })
    urgency = Case(  # the most urgent rule an action breaks (ACTION_KINDS' order)
        *[When(**{f"alert_{kind}": True}, then=Value(rank)) for rank, kind in enumerate(ACTION_KINDS) if kind in flags],
        default=Value(len(ACTION_KINDS)),
        output_field=IntegerField(),
    )
    fields = ("pk", "reference", "description", "target_month", "revised_target_month")
    shown = list(
        annotated.only(*fields)
        .annotate(urgency=urgency, alerting=Window(Count("pk")))  # COUNT(*) OVER (): all of them, before the LIMIT
        .order_by("urgency", *PLAN_ORDER)[:BANNER_SHOWN]
    )
    first = [(action, [Kind(kind).label for kind in flags if getattr(action, f"alert_{kind}")]) for action in shown]
    return Attention(shown[0].alerting if shown else 0, first, arising=overdue_arising(user, today))


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
    return _alerting(user, today)[0].count() + overdue_arising_count(user, today)


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
