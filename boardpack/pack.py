"""Everything the board pack shows, gathered once for the PDF and the web page.

Both the PDF and the HTML version render ``pack_context(plan, period, today)``
through the same body template, so they cannot disagree. For a closed period the
content comes only from the freeze; for an open one, from an unsaved freeze of
the live plan.
"""

import datetime
from dataclasses import dataclass, field
from django.utils import timezone

from plans import rag
from plans.models import Action
from plans.models.action import Stage
from plans.rag import Direction, Status
from indicators.models import ARROWS as INDICATOR_ARROWS, Direction as IndicatorDirection
from indicators.pack import pack_context as indicators_context
from review.summary import Row, status_chart_svg, summarise

from .freeze import snapshot
from .models import FrozenPlan

PERFORMANCE_TEMPLATE = "indicators/_pack_section.html"

# The key defines every word the pack prints for a status, a direction of travel
# or a target. A plan's own RAG key comes first; these fill what it leaves out.
STATUS_MEANINGS = {
    Status.RED: "Not on track: little or no progress, and action is needed.",
    Status.AMBER: "Delayed or at risk, with a plan to get back on track.",
    Status.GREEN: "On track: progressing to time.",
    Status.BLUE: "Completed.",
    "": "No status has been recorded for this action yet.",
}
DIRECTION_MEANINGS = {
    Direction.IMPROVED: "The status is better than at the end of the previous quarter (for example Amber to Green).",
    Direction.DETERIORATED: "The status is worse than at the end of the previous quarter (for example Green to Amber).",
    Direction.UNCHANGED: "The status is the same as at the end of the previous quarter (Not rated included).",
    Direction.NEWLY_RATED: (
        "The action had no status (Not rated) at the end of the previous quarter and has been rated since,"
        " so there is no earlier status to compare it with."
    ),
    Direction.NEW: "The action was added to the plan during this quarter.",
    Direction.COMPLETED: "The action became Blue (completed) during this quarter.",
}
OVERDUE_MEANING = (
    "An action that is not yet Blue (completed) and whose target month has passed. Actions that continue or"
    " repeat (ongoing, quarterly and so on) have no end date, so they are never overdue."
)
# Every way an action can recur; one added to the model without a meaning here
# still gets a plain one (recurrence_meaning), so the key never leaves it out.
RECURRENCE_MEANINGS = {
    Action.Recurrence.ONGOING: "The action continues throughout the plan: it has no end date.",
    Action.Recurrence.QUARTERLY: "The action is repeated every quarter, so it has no single target month.",
}


def recurrence_meaning(value, label):
    return RECURRENCE_MEANINGS.get(value) or f"The action is repeated ({label.lower()}): it has no single target month."


# The implementation stage printed under an action's RAG word (issue 17).
STAGE_MEANINGS = {
    Stage.NOT_STARTED: "Work on the action has not begun.",
    Stage.IN_PROGRESS: "Work on the action has begun and is not finished.",
    Stage.COMPLETED: "The work on the action is finished.",
    Stage.ONGOING: "The action is continuing work with no end point.",
}

# The performance section's word for how an indicator's latest figure moved.
PERFORMANCE_MEANINGS = {
    IndicatorDirection.BETTER: (
        "The latest figure is better than the previous one (lower where lower is better, as for first time entrants)."
    ),
    IndicatorDirection.WORSE: "The latest figure is worse than the previous one.",
    IndicatorDirection.SAME: "The latest figure is the same as the previous one.",
    IndicatorDirection.UP: (
        "A figure given for context (such as the number of children in a cohort) went up: it is not judged"
        " better or worse."
    ),
    IndicatorDirection.DOWN: "A figure given for context went down: it is not judged better or worse.",
}


@dataclass
class AimGroup:
    heading: str
    desired_outcome: str
    how_will_we_know: str = ""
    actions: list = field(default_factory=list)


@dataclass
class Part:
    """A part of the pack. One with nothing in it is left out, and out of the
    contents: its ``empty`` sentence goes in the summary instead of a whole page
    that says so."""

    name: str
    title: str
    shown: bool = True
    empty: str = ""

    @property
    def anchor(self):
        return f"bp-{self.name}"


@dataclass
class SectionGroup:
    title: str
    aims: list = field(default_factory=list)


def frozen_content(plan, period, today, now):
    """(FrozenPlan, [FrozenAction], is_frozen) for the pack. The freeze itself is
    the test, not the period's flag, so a stale period object cannot bypass it."""
    frozen_plan = FrozenPlan.objects.filter(plan=plan, period=period).first()
    if frozen_plan is not None:
        # The aim is joined for its "How will we know?" (see how_will_we_know()).
        return frozen_plan, list(frozen_plan.actions.select_related("action__aim")), True
    # Open period, or a plan started after the close (so never frozen): live.
    frozen_plan, actions = snapshot(plan, period, today, now)
    return frozen_plan, actions, False


def as_row(frozen):
    """The review app's Row for a frozen action, so the summary is counted by
    the same code as the dashboard. ``action`` is the frozen action itself:
    summarise() reads only ``action.aim`` and ``action.owners.all()``, which
    FrozenAction provides from its copied text."""
    return Row(
        action=frozen,
        status_before=frozen.status_before,
        status_now=frozen.status,
        direction=Direction(frozen.direction),
        updated_this_period=frozen.updated_this_period,
        overdue=frozen.overdue,
        due_soon=frozen.due_soon,
        latest_commentary=frozen.commentary,
        latest_update_at=frozen.latest_update_at,
    )


def how_will_we_know(frozen):
    """The aim's "How will we know?" measures. The freeze copies the desired
    outcome but not these, so they are read from the aim itself (the live one
    for an open period; the one the frozen action links to for a closed period):
    a frozen copy is used first if the model ever keeps one."""
    copied = getattr(frozen, "how_will_we_know", None)
    if copied is not None:
        return copied
    action = frozen.action if frozen.action_id else None
    return action.aim.how_will_we_know if action is not None else ""


def group_by_aim(actions):
    sections = []
    for action in actions:
        if not sections or sections[-1].title != action.section_title:
            sections.append(SectionGroup(action.section_title))
        aims = sections[-1].aims
        if not aims or aims[-1].heading != action.aim_heading:
            aims.append(AimGroup(action.aim_heading, action.desired_outcome, how_will_we_know(action)))
        aims[-1].actions.append(action)
    return sections


def parts(context):
    """The pack's parts in order, each shown only when it has something to show."""
    performance = context.get("performance") or {}
    return [
        Part("summary", "Summary"),
        Part(
            "exceptions", "Exceptions: Red and Amber actions",
            any(group["actions"] for group in context["exceptions"]), "No actions are Red or Amber.",
        ),
        Part("overdue", "Overdue actions", bool(context["overdue"]), "No actions are overdue."),
        Part(
            "completed", "Completed this quarter", bool(context["completed"]),
            "No actions were completed this quarter.",
        ),
        Part(
            "performance", "Performance", bool(performance.get("summaries")),
            "No national performance figures had been published by the end of the quarter.",
        ),
        Part("plan", "The plan in full"),
        Part("key", "Key to the words used and glossary"),
    ]


def key(frozen_plan, with_performance=False, stages_used=()):
    """Every word the pack uses for a status, a direction or a target, with its
    meaning: the plan's own RAG definitions first, then the rest ("Not rated"
    is never in a plan's key, yet most new actions are)."""
    own = {entry["code"]: entry["description"] for entry in frozen_plan.rag_key}
    statuses = [
        {"code": code, "meaning": own.get(code) or STATUS_MEANINGS[code]} for code in [*rag.SEVERITY, ""]
    ]
    directions = [
        {"arrow": rag.ARROWS[direction], "word": direction.label, "meaning": DIRECTION_MEANINGS[direction]}
        for direction in Direction
    ]
    terms = [{"word": "Overdue", "meaning": OVERDUE_MEANING}] + [
        {"word": label, "meaning": recurrence_meaning(value, label)} for value, label in Action.Recurrence.choices
    ]
    performance = [
        {"arrow": INDICATOR_ARROWS[direction], "word": direction.label, "meaning": meaning}
        for direction, meaning in PERFORMANCE_MEANINGS.items()
    ] if with_performance else []
    stages = [
        {"word": label, "meaning": STAGE_MEANINGS.get(value) or f"The action's stage is {label.lower()}."}
        for value, label in Stage.choices
        if value in stages_used
    ]
    return {
        "statuses": statuses, "directions": directions, "terms": terms, "performance": performance, "stages": stages,
    }


def performance_context(plan, period):
    """The national performance indicators beside the plan (the indicators app)."""
    return {"performance_template": PERFORMANCE_TEMPLATE, **indicators_context(plan, period)}


def pack_context(plan, period, today, now=None):
    now = now or timezone.now()
    frozen_plan, actions, is_frozen = frozen_content(plan, period, today, now)
    labels = {entry["code"]: entry["label"] for entry in frozen_plan.rag_key}
    for action in actions:
        # The plan's own word for the status, always printed beside its colour.
        action.status_word = labels.get(action.status) or rag.label(action.status)
        action.direction_word = Direction(action.direction).label
        action.arrow = rag.ARROWS[action.direction]
        # "was Amber": only when the status moved (completed, improved or worse).
        if action.direction in (Direction.IMPROVED, Direction.DETERIORATED, Direction.COMPLETED):
            action.was_word = labels.get(action.status_before) or rag.label(action.status_before)
        action.notes = [
            {**note, "created_at": datetime.datetime.fromisoformat(note["created_at"])}
            for note in action.review_notes
        ]
    actions.sort(key=lambda a: (a.section_order, a.section_title, a.aim_order, a.aim_number, a.order))
    summary = summarise([as_row(action) for action in actions])
    by_status = {code: [a for a in actions if a.status == code] for code in rag.EXCEPTIONS}
    context = {
        "plan": plan,
        "frozen_plan": frozen_plan,
        "period": period,
        "quarter_name": str(period.as_quarter),
        "is_frozen": is_frozen,
        "data_as_at": frozen_plan.frozen_at,
        "quarter_is_over": period.end < timezone.localdate(now),
        "actions": actions,
        "summary": summary,
        "status_chart": status_chart_svg(summary.by_status),
        "rag_labels": labels,
        "exceptions": [
            {"code": code, "label": labels.get(code) or rag.label(code), "actions": by_status[code]}
            for code in rag.EXCEPTIONS
        ],
        "overdue": [a for a in actions if a.overdue],
        "completed": [a for a in actions if a.direction == Direction.COMPLETED],
        "sections": group_by_aim(actions),
        "document_title": f"{frozen_plan.title}: progress report, {period.as_quarter}",
        "blue": Status.BLUE,
    }
    context.update(performance_context(plan, period))
    context["parts"] = {part.name: part for part in parts(context)}
    context["contents"] = [part for part in context["parts"].values() if part.shown]
    context["nothing_to_report"] = [part.empty for part in context["parts"].values() if not part.shown]
    stages_used = {action.action.stage for action in actions if action.action_id and action.action.stage}
    context["key"] = key(frozen_plan, with_performance=context["parts"]["performance"].shown, stages_used=stages_used)
    return context
