"""Turning the live plan into the board's record, and closing a period.

``snapshot(plan, period, today)`` describes the plan for a period as unsaved
``FrozenPlan``/``FrozenAction`` objects. The pack for an open period renders
those directly, and closing a period saves exactly the same objects, so a pack
built just before the close and one built after it are the same document.
"""

from django.db import transaction
from django.utils import timezone

from plans import rag
from plans.models import Plan, ReportingPeriod, ReviewNote
from plans.reporting import plans_covering
from plans.models.action import display_name
from review.summary import period_rows

from . import as_at
from .models import FrozenAction, FrozenPlan


class PeriodAlreadyClosed(Exception):
    pass


def plan_wording(plan):
    rag_key = sorted(plan.rag_key.all(), key=lambda r: rag.RANK.get(r.code, 99))
    return {
        "title": plan.title,
        "partnership_name": plan.partnership.name,
        "chair_name": str(plan.partnership.chair) if plan.partnership.chair else "",
        "rag_key": [{"code": r.code, "label": r.label, "description": r.description} for r in rag_key],
        "glossary": [{"term": g.term, "definition": g.definition} for g in plan.glossary.all()],
    }


def notes_by_action(plan, period, until=None):
    """The quarter's review notes per action; only those written by ``until``
    (a past quarter's end) when given."""
    notes = {}
    rows = ReviewNote.objects.filter(action__plan=plan, period=period)
    if until is not None:
        rows = rows.filter(created_at__lte=until)
    rows = (
        rows.select_related("author__owner")
        .order_by("created_at", "pk")
    )
    for note in rows:
        notes.setdefault(note.action_id, []).append(
            {
                "outcome": note.get_outcome_display(),
                "note": note.note,
                "author": display_name(note.author),
                "created_at": note.created_at.isoformat(),
            }
        )
    return notes


def frozen_action(row, frozen_plan, notes, owner_names=None):
    """``owner_names``: {action pk: names} for a past quarter (boardpack.as_at);
    otherwise the live owners."""
    action = row.action
    aim = action.aim
    section = aim.section
    return FrozenAction(
        frozen_plan=frozen_plan,
        action=action,
        section_title=section.title,
        section_order=section.order,
        aim_label=section.aim_label,
        aim_number=aim.number,
        aim_title=aim.title,
        aim_order=aim.order,
        desired_outcome=aim.desired_outcome,
        reference=action.reference,
        description=action.description,
        order=action.order,
        owner_names=(
            owner_names[action.pk] if owner_names and action.pk in owner_names
            else [owner.name for owner in action.owners.all()]
        ),
        target_text=action.target_text or action.target_display,
        target_month=action.target_month,
        revised_target_month=action.revised_target_month,
        revised_target_reason=action.revised_target_reason,
        recurrence=action.recurrence,
        status=row.status_now or "",
        status_before=row.status_before or "",
        direction=row.direction,
        commentary=row.latest_commentary or "",
        latest_update_at=row.latest_update_at,
        updated_this_period=row.updated_this_period,
        overdue=row.overdue,
        due_soon=row.due_soon,
        completed_on=action.completed_on if row.status_now == rag.Status.BLUE else None,
        review_notes=notes.get(action.pk, []),
    )


def snapshot(plan, period, today, now, user=None):
    """(FrozenPlan, [FrozenAction]) for the plan in ``period``, unsaved: live for
    the current quarter; for a quarter that is over, every field as it stood at
    the quarter's end (boardpack.as_at), whether or not the quarter was closed."""
    plan = Plan.objects.select_related("partnership__chair").get(pk=plan.pk)
    frozen_plan = FrozenPlan(period=period, plan=plan, frozen_at=now, frozen_by=user, **plan_wording(plan))
    rows, owner_names, until = period_rows(plan, period, today), None, None
    if as_at.is_past(period, today):
        until = as_at.moment_of(period)
        rows, owner_names = as_at.rows_as_at(rows, period)
        frozen_plan.frozen_at = min(until, now)  # the figures are as they stood then, not as of today
    notes = notes_by_action(plan, period, until)
    actions = [frozen_action(row, frozen_plan, notes, owner_names) for row in rows]
    return frozen_plan, actions


def plans_in(period):
    """The plans the period's packs cover (plans.reporting.plans_covering): those
    running during it, and an ended plan until the next one starts."""
    return plans_covering(period)


def close_period(period, user, now):
    """Freeze every running plan as at ``now`` and mark the period closed."""
    today = timezone.localdate(now)
    with transaction.atomic():
        # Lock the row so two officers closing at once cannot freeze twice.
        locked = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
        if locked.is_closed:
            raise PeriodAlreadyClosed(period)
        for plan in plans_in(period):
            frozen_plan, actions = snapshot(plan, period, today, now, user)
            frozen_plan.save()
            for action in actions:
                action.frozen_plan = frozen_plan
            FrozenAction.objects.bulk_create(actions)
        ReportingPeriod.objects.filter(pk=period.pk).update(closed_at=now, closed_by=user)
    period.closed_at, period.closed_by = now, user
    return period
