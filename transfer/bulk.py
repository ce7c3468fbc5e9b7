"""The quarterly bulk progress update through a spreadsheet.

The plan officer exports the plan, owners fill in Status and Latest commentary,
and the officer uploads the sheet. Each changed row becomes a progress update;
unchanged rows are left alone; a changed row whose action has been updated
since the export (its Version differs) is reported as a conflict and not
applied, so nobody's newer update is overwritten. Status and Stage are read
with the plan's own words (Plan.status_words, from its import, issue 17); a
changed Stage alone changes the action's stage without a progress update.
Other columns are ignored: the plan's wording is edited in the admin, not
through this sheet.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from plans import rag
from plans.models import Action, ProgressUpdate, Stage
from plans.models.action import display_name

from . import layout
from .layout import Problem, ProblemList
from .mapping import Vocabulary

REQUIRED = [layout.REFERENCE, layout.STATUS, layout.COMMENTARY, layout.VERSION]


@dataclass
class Change:
    row: int
    action: Action
    status: str
    commentary: str
    author_name: str
    version: int
    stage: str | None = None  # None: the sheet does not change it

    moves_status_or_commentary: bool = True

    @property
    def status_label(self):
        return rag.label(self.status)

    @property
    def stage_label(self):
        """The new stage, if the row changes it ("Not recorded" when it clears it)."""
        if self.stage is None:
            return ""
        return Stage(self.stage).label if self.stage else "Not recorded"


@dataclass
class Conflict:
    row: int
    action: Action
    message: str


# The check page lists this many of the updates: enough to see the file was read
# as meant; a table of 5,000 rows took 1.4 s to render and nobody reads it (issue 18).
CHANGES_SHOWN = 100


@dataclass
class Updates(ProblemList):
    changes: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    unchanged: int = 0
    problems: list = field(default_factory=list)

    @property
    def changes_shown(self):
        return self.changes[:CHANGES_SHOWN]

    @property
    def changes_hidden(self):
        return max(0, len(self.changes) - CHANGES_SHOWN)


def same_text(a, b):
    # Excel turns line breaks into \r\n and people add stray spaces: neither is a change.
    return " ".join((a or "").split()) == " ".join((b or "").split())


def _version(value):
    try:
        number = float(layout.text(value))
    except ValueError:
        number = None
    if number is None or not number.is_integer() or number < 1:
        raise ValueError(f"'{layout.text(value)}' is not the version number the export gave; "
                         "export the plan again and copy the updates into it")
    return int(number)


def describe_updates(table, *, plan):
    """What uploading this sheet would change, without changing anything."""
    updates = Updates()
    problems = updates.problems
    if not plan.accepts_updates:  # an archived plan is read-only, however the sheet got here
        problems.append(Problem(None, None, f"{plan.title} is archived, so its actions can no longer be updated"))
        return updates
    sheet = layout.read_header(table, REQUIRED, problems)
    if sheet is None:
        return updates
    actions = {
        action.reference.lower(): action
        for action in Action.objects.filter(plan=plan).for_display().with_latest_update()
    }
    wording = {code: status.label for code, status in plan.rag_wording().items()}
    vocabulary = Vocabulary(plan.status_words or {}, wording)
    has_stage = layout.STAGE in sheet.columns
    seen = {}
    for row, values in sheet.rows:
        reference = layout.text(values.get(layout.REFERENCE))
        if not reference:
            problems.append(Problem(row, layout.REFERENCE, "this cell is empty; it says which action the row updates"))
            continue
        if reference.lower() in seen:
            problems.append(Problem(row, layout.REFERENCE, f"'{reference}' is already used on row {seen[reference.lower()]}"))
            continue
        seen[reference.lower()] = row
        action = actions.get(reference.lower())
        if action is None:
            problems.append(Problem(row, layout.REFERENCE, f"there is no action '{reference}' in {plan.title}"))
            continue
        try:
            status = vocabulary.status(values.get(layout.STATUS))
        except ValueError as exc:
            problems.append(Problem(row, layout.STATUS, str(exc)))
            continue
        try:
            # A blank Stage leaves the stage as it is, unless the status word gives one ("Completed").
            stage = (vocabulary.stage(values.get(layout.STAGE)) if has_stage else "") or (
                vocabulary.within(values.get(layout.STATUS), "stage") or action.stage)
        except ValueError as exc:
            problems.append(Problem(row, layout.STAGE, str(exc)))
            continue
        try:
            version = _version(values.get(layout.VERSION))
        except ValueError as exc:
            problems.append(Problem(row, layout.VERSION, str(exc)))
            continue
        commentary = layout.text(values.get(layout.COMMENTARY))
        new_commentary = bool(commentary) and not same_text(commentary, action.last_commentary)
        if status == action.status and not new_commentary and stage == action.stage:
            updates.unchanged += 1
            continue
        if version != action.version:
            updates.conflicts.append(Conflict(row, action, _conflict_message(action)))
            continue
        if status in rag.NEEDS_EXPLANATION and not new_commentary and status != action.status:
            problems.append(Problem(row, layout.COMMENTARY,
                                    f"{reference} is now {rag.label(status)}: say why in Latest commentary"))
            continue
        author_name = layout.text(values.get(layout.UPDATED_BY))[:200] or ", ".join(
            owner.name for owner in action.owners.all()
        )
        updates.changes.append(Change(row, action, status, commentary if new_commentary else "", author_name[:200],
                                      version, stage if stage != action.stage else None,
                                      status != action.status or new_commentary))
    return updates


def _conflict_message(action):
    when = f" on {layout.timestamp_cell(action.last_update_at):%d %B %Y at %H:%M}" if action.last_update_at else ""
    return (f"{action.reference} was updated{when}, after this sheet was exported. "
            "Its row was not applied: check the action's latest update and enter this one on its page.")


def apply_updates(updates, *, user, today=None):
    """Record each change as a progress update by the uploading officer, all or nothing.
    Returns (applied, conflicts), the conflicts including any action updated since the preview.

    In bulk (issue 18): the rows are locked and their versions read in one query, the
    actions updated in one ``bulk_update``, the progress updates and history rows
    written in bulk inserts: a few dozen queries for 5,000 rows, where recording each
    row through Action.record_update took five. The result is the same as that:
    status, version + 1, ``completed_on`` set on completion and cleared on re-opening."""
    if updates.problems:
        raise ValueError("Updates with problems cannot be applied.")
    today = today or timezone.localdate()
    conflicts = list(updates.conflicts)
    applied = []
    with transaction.atomic():
        # Checked again as the rows are written: the plan may have been archived, or an
        # action updated, since the preview. select_for_update holds them until the end
        # (PostgreSQL; SQLite's IMMEDIATE transaction already holds the write lock).
        ids = [change.action.pk for change in updates.changes]
        current = {
            pk: (version, status)
            for pk, version, status in Action.objects.select_for_update().filter(pk__in=ids).updatable()
            .values_list("pk", "version", "status").iterator(chunk_size=2000)
        }
        now = timezone.now()
        moved, progress = [], []
        for change in updates.changes:
            action = change.action
            if action.pk not in current:
                conflicts.append(Conflict(change.row, action, f"{action.reference} is in an archived plan, "
                                          "so it can no longer be updated."))
                continue
            version, status = current[action.pk]
            if version != change.version:
                conflicts.append(Conflict(change.row, action,
                                          f"{action.reference} was updated while the sheet was being checked."))
                continue
            action.updated_at = now
            if change.stage is not None:
                action.stage = change.stage
            if change.moves_status_or_commentary:
                completed_on = action.completed_on
                if change.status == rag.Status.BLUE:
                    completed_on = today
                elif status == rag.Status.BLUE:
                    completed_on = None  # re-opened
                action.status, action.completed_on, action.version = change.status, completed_on, version + 1
                progress.append(ProgressUpdate(
                    action=action, status=change.status, commentary=change.commentary, author=user,
                    author_name=change.author_name or display_name(user), recorded_at=now,
                    completed_on=completed_on if change.status == rag.Status.BLUE or status == rag.Status.BLUE
                    else None,
                ))
            moved.append((action, change.moves_status_or_commentary))
            applied.append(change)
        _save(moved, now)
        ProgressUpdate.objects.bulk_create(progress, batch_size=1000)
        record_history(applied, user)
    return applied, conflicts


def _save(moved, now, chunk=900):
    """Save the actions' new state in a few UPDATEs, one per distinct new state
    (status, completion date, stage, version or not), rather than one per action or
    Django's bulk_update (a CASE per field naming every row: slower still at 5,000)."""
    groups = defaultdict(list)
    for action, bumps_version in moved:
        groups[action.status, action.completed_on, action.stage, bumps_version].append(action.pk)
    for (status, completed_on, stage, bumps_version), ids in groups.items():
        changes = {"status": status, "completed_on": completed_on, "stage": stage, "updated_at": now}
        if bumps_version:
            changes["version"] = F("version") + 1  # checked under the lock above: it is the expected one
        for start in range(0, len(ids), chunk):
            Action.objects.filter(pk__in=ids[start:start + chunk]).update(**changes)


BULK_REASON = "Bulk progress update from a spreadsheet"


def record_history(changes, user):
    """One history row per action the sheet updated, with its owners and the
    reason, so the admin's history shows spreadsheet updates too (issue 15).
    The actions are saved with bulk_update, which keeps no history row; this
    writes them in bulk: four queries however many rows."""
    ids = [change.action.pk for change in changes]
    if not ids:
        return
    actions = list(Action.objects.filter(pk__in=ids))
    records = Action.history.bulk_history_create(
        actions, update=True, default_user=user, default_change_reason=BULK_REASON
    )
    by_action = {record.id: record for record in records}
    # simple-history keeps each record's owners beside it (m2m_fields); bulk_history_create does not.
    owners_history = apps.get_model("plans", "HistoricalAction_owners")
    owners = Action.owners.through.objects.filter(action_id__in=ids)
    owners_history.objects.bulk_create(
        owners_history(history=by_action[row.action_id], id=row.id, action_id=row.action_id, owner_id=row.owner_id)
        for row in owners
    )
