"""Everything the board pack shows, gathered once for the PDF and the preview.

Both the PDF and the HTML preview render ``pack_context(plan, period, today)``,
so they cannot disagree. For a closed period the content comes only from the
freeze; for an open one, from an unsaved freeze of the live plan.
"""

import datetime
from dataclasses import dataclass, field
from django.utils import timezone

from plans import rag
from plans.rag import Direction, Status
from indicators.pack import pack_context as indicators_context
from review.summary import Row, status_chart_svg, summarise

from .freeze import snapshot
from .models import FrozenPlan

PERFORMANCE_TEMPLATE = "indicators/_pack_section.html"


@dataclass
class AimGroup:
    heading: str
    desired_outcome: str
    actions: list = field(default_factory=list)


@dataclass
class SectionGroup:
    title: str
    aims: list = field(default_factory=list)


def frozen_content(plan, period, today, now):
    """(FrozenPlan, [FrozenAction], is_frozen) for the pack. The freeze itself is
    the test, not the period's flag, so a stale period object cannot bypass it."""
    frozen_plan = FrozenPlan.objects.filter(plan=plan, period=period).first()
    if frozen_plan is not None:
        return frozen_plan, list(frozen_plan.actions.all()), True
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


def group_by_aim(actions):
    sections = []
    for action in actions:
        if not sections or sections[-1].title != action.section_title:
            sections.append(SectionGroup(action.section_title))
        aims = sections[-1].aims
        if not aims or aims[-1].heading != action.aim_heading:
            aims.append(AimGroup(action.aim_heading, action.desired_outcome))
        aims[-1].actions.append(action)
    return sections


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
        "data_as_at": frozen_plan.frozen_at if is_frozen else now,
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
    return context
