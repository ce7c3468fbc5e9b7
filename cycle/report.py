"""Progress on the previous plan: what the YJB asks each year's plan to report
about the last one. For each aim of the plan: what was completed, what was
carried forward, what was dropped and why, with each action's final status and
the year's direction of travel (its status when the plan began against its final
status, by the rule in plans/rag.py).

One context for the web page and the PDF, so they cannot disagree. The PDF is
made as the board pack's is (boardpack.services): WeasyPrint, PDF/UA-1, only
data: URLs fetched, with its own small print stylesheet.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.template.loader import render_to_string

from boardpack.services import document_pdf
from plans import rag
from plans.models import Action
from plans.rag import Direction, Status
from review.summary import with_period_status

from . import rules
from .models import CarryForward, Succession

STYLESHEET = "cycle/report.css"


class Outcome:
    """What became of an action, in the order the report counts them."""

    COMPLETED = "completed"  # became Blue during the plan
    ALREADY_COMPLETED = "already_completed"  # Blue before the plan began
    CLOSED = "closed"  # closed as completed when the next plan was started
    CARRIED = "carried"
    DROPPED = "dropped"
    OPEN = "open"  # no decision yet: the next plan has not been started

    LABELS = {
        COMPLETED: "Completed during the plan",
        ALREADY_COMPLETED: "Already completed when the plan began",
        CLOSED: "Closed as completed when the next plan was started",
        CARRIED: "Carried forward",
        DROPPED: "Dropped",
        OPEN: "Not yet decided",
    }
    ORDER = [COMPLETED, CLOSED, ALREADY_COMPLETED, CARRIED, DROPPED, OPEN]


@dataclass
class ReportRow:
    action: Action
    status_start: str
    status_final: str
    direction: Direction
    outcome: str
    record: CarryForward | None = None
    start_word: str = ""  # the plan's own word for each status
    final_word: str = ""

    @property
    def outcome_label(self):
        return Outcome.LABELS[self.outcome]

    @property
    def arrow(self):
        return rag.ARROWS[self.direction]

    @property
    def direction_label(self):
        return Direction(self.direction).label


@dataclass
class AimReport:
    aim: object
    rows: list = field(default_factory=list)

    def count(self, *outcomes):
        return sum(row.outcome in outcomes for row in self.rows)

    @property
    def counts(self):
        return [(Outcome.LABELS[o], self.count(o)) for o in Outcome.ORDER if self.count(o)]

    @property
    def completed(self):
        return [r for r in self.rows if r.outcome in (Outcome.COMPLETED, Outcome.CLOSED, Outcome.ALREADY_COMPLETED)]

    @property
    def carried(self):
        return [r for r in self.rows if r.outcome == Outcome.CARRIED]

    @property
    def dropped(self):
        return [r for r in self.rows if r.outcome == Outcome.DROPPED]


def outcome(status_start, status_final, record):
    if record is not None:
        return {
            CarryForward.Decision.CARRIED: Outcome.CARRIED,
            CarryForward.Decision.CLOSED: Outcome.CLOSED,
            CarryForward.Decision.DROPPED: Outcome.DROPPED,
        }[record.decision]
    if status_final == Status.BLUE:
        return Outcome.ALREADY_COMPLETED if status_start == Status.BLUE else Outcome.COMPLETED
    return Outcome.OPEN


def plan_rows(plan, today, labels=None):
    """Every action of the plan with its status when the plan began (the status
    of its latest update before the plan's first day) and its final status (its
    status now: after the rollover, what it was closed, carried or dropped at)."""
    # review.summary's rule for a period, over the whole plan to today: "before"
    # is the eve of the plan, "now" the live status.
    span = SimpleNamespace(start=plan.period_start, end=max(today, plan.period_end))
    actions = with_period_status(Action.objects.filter(plan=plan).for_display(), span, today).order_by(
        "aim__section__order", "aim__order", "order", "pk"
    )
    records = {
        record.action_id: record
        for record in CarryForward.objects.filter(action__plan=plan).select_related("new_action")
    }
    labels = labels or {}
    rows = []
    for action in actions:
        record = records.get(action.pk)
        start, final = action.status_before or "", action.status_now or ""
        rows.append(
            ReportRow(
                action=action,
                status_start=start,
                status_final=final,
                direction=rag.direction(start, final, action.existed_before),
                outcome=outcome(start, final, record),
                record=record,
                start_word=labels.get(start) or rag.label(start),
                final_word=labels.get(final) or rag.label(final),
            )
        )
    return rows


def report_context(plan, today):
    """Everything the report shows. A handful of queries, however big the plan."""
    succession = Succession.objects.filter(previous_plan=plan).select_related("next_plan", "created_by").first()
    labels = {code: wording.label for code, wording in plan.rag_wording().items()}
    rows = plan_rows(plan, today, labels)
    aims = {}
    for row in rows:
        aims.setdefault(row.action.aim, AimReport(row.action.aim)).rows.append(row)
    totals = [(Outcome.LABELS[o], sum(r.outcome == o for r in rows)) for o in Outcome.ORDER]
    directions = [
        (direction, rag.ARROWS[direction], sum(r.direction == direction for r in rows)) for direction in Direction
    ]
    return {
        "plan": plan,
        "partnership": plan.partnership,
        "succession": succession,
        "next_plan": succession.next_plan if succession else None,
        "has_ended": plan.has_ended(today),
        "year_label": rules.year_label(plan.period_start, plan.period_end),
        "aims": list(aims.values()),
        "total": len(rows),
        "totals": [(label, count) for label, count in totals if count],
        "directions": directions,
        "today": today,
        "document_title": f"Progress on the previous plan: {plan.title}",
    }


def report_pdf(plan, today):
    """The report as PDF bytes."""
    html = render_to_string("cycle/report_pdf.html", report_context(plan, today))
    return document_pdf(html, STYLESHEET)
