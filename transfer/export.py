"""A plan as a spreadsheet in its own columns (see layout.COLUMNS).

The "Version" column is what lets a sheet come back as a bulk progress update:
a row whose action has been updated since the export is refused, not overwritten.
"""

from collections import defaultdict
from types import SimpleNamespace

from django.utils.text import slugify

from plans import rag
from plans.models import Action, Aim
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


ORDER = ("aim__section__order", "aim__order", "order", "pk")


def plan_actions(plan):
    return (
        Action.objects.filter(plan=plan)
        .for_display()
        .with_latest_update()
        .order_by(*ORDER)
    )


def plan_rows(plan):
    """One row per action, in plan order. Read as plain values, with the plan's
    aims and owners looked up once, rather than as model instances with related
    objects: a 5,000-action plan exports in a second or two (issue 18)."""
    aims = {}
    for aim in Aim.objects.filter(section__plan=plan).select_related("section"):
        aims[aim.pk] = [
            aim.section.title,
            f"{aim.section.aim_label} {aim.number}".strip(),
            aim.title,
            aim.how_will_we_know,
            aim.desired_outcome,
            layout.money_cell(aim.budget),
            aim.budget_source,
            layout.money_cell(aim.budget_spent),
        ]
    owners = defaultdict(list)
    links = Action.owners.through.objects.filter(action__plan=plan).order_by("owner__name", "owner_id")
    for action_id, name in links.values_list("action_id", "owner__name").iterator(chunk_size=5000):
        owners[action_id].append(name)
    stages = dict(Action._meta.get_field("stage").flatchoices)
    rows = Action.objects.filter(plan=plan).with_latest_update().order_by(*ORDER).values_list(
        "pk", "aim_id", "reference", "description", "target_text", "target_month", "recurrence", "status", "stage",
        "last_commentary", "last_update_at", "version")
    for (pk, aim_id, reference, description, target_text, target_month, recurrence, status, stage, commentary,
         updated_at, version) in rows.iterator(chunk_size=2000):
        yield [
            *aims[aim_id],
            reference,
            description,
            "; ".join(owners[pk]),
            target_cell(SimpleNamespace(target_text=target_text, target_month=target_month, recurrence=recurrence),
                        plan.period_start),
            # The standard word, not the plan's own: any plan can read it back.
            rag.label(status),
            stages.get(stage, stage),
            commentary or "",
            layout.timestamp_cell(updated_at),
            "",  # Updated by: for whoever fills in the sheet
            version,
        ]


def filename(plan, extension):
    return f"{slugify(plan.title)[:60] or 'plan'}.{extension}"


def plan_xlsx(plan):
    """The lossless workbook (transfer.workbook): the plan layout first, then the rest of the plan."""
    return workbook.plan_workbook(plan, plan_rows(plan))


def plan_csv(plan):
    return csv_bytes(layout.COLUMNS, plan_rows(plan))
