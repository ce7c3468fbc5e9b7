"""A plan as a spreadsheet in its own columns (see layout.COLUMNS).

The "Version" column is what lets a sheet come back as a bulk progress update:
a row whose action has been updated since the export is refused, not overwritten.
"""

from django.utils.text import slugify

from plans import rag
from plans.models import Action
from plans.spreadsheets import csv_bytes

from . import layout, workbook
from .targets import TargetError, format_target, parse_target


def target_cell(action, plan_start):
    """The plan's own wording if it still says what the action's target is;
    otherwise words that do (the admin may have changed the month since)."""
    if action.target_text:
        try:
            parsed = parse_target(action.target_text, plan_start=plan_start)
        except TargetError:
            parsed = None
        if parsed and (parsed.month, parsed.recurrence) == (action.target_month, action.recurrence):
            return action.target_text
    return format_target(action.target_month, action.recurrence)


def plan_actions(plan):
    return (
        Action.objects.filter(plan=plan)
        .for_display()
        .with_latest_update()
        .order_by("aim__section__order", "aim__order", "order", "pk")
    )


def plan_rows(plan):
    for action in plan_actions(plan):
        aim = action.aim
        yield [
            aim.section.title,
            f"{aim.section.aim_label} {aim.number}".strip(),
            aim.title,
            aim.how_will_we_know,
            aim.desired_outcome,
            layout.money_cell(aim.budget),
            aim.budget_source,
            layout.money_cell(aim.budget_spent),
            action.reference,
            action.description,
            "; ".join(owner.name for owner in action.owners.all()),
            target_cell(action, plan.period_start),
            # The standard word, not the plan's own: any plan can read it back.
            rag.label(action.status),
            action.get_stage_display(),
            action.last_commentary or "",
            layout.timestamp_cell(action.last_update_at),
            "",  # Updated by: for whoever fills in the sheet
            action.version,
        ]


def filename(plan, extension):
    return f"{slugify(plan.title)[:60] or 'plan'}.{extension}"


def plan_xlsx(plan):
    """The lossless workbook (transfer.workbook): the plan layout first, then the rest of the plan."""
    return workbook.plan_workbook(plan, plan_rows(plan))


def plan_csv(plan):
    return csv_bytes(layout.COLUMNS, plan_rows(plan))
