"""A past quarter as it stood at its end (issue 15, item 2).

A quarter that is over is described from the history already kept, not from
today's plan, whether or not the plan officer closed it:

- status and commentary: ProgressUpdate rows up to the moment (review.summary
  already reads a past period's status this way);
- target, description, recurrence and owners: django-simple-history's records
  of Action (owners are kept with each record, ``m2m_fields``), the latest one
  at or before the moment;
- revised target and completion date: a progress update sets them without a
  history record (Action.record_update saves with a queryset update), so the
  latest of the record and the updates up to the moment gives them;
- review notes: those filed against the quarter and written by the moment;
- actions added to the plan after the moment are left out.

The moment is the end of the quarter's last day (Europe/London), the same
moment review.summary uses for a past quarter's status, so a pack for an open
past quarter equals the pack of that quarter closed on its last day.

An action whose history starts after the moment (its record was made later,
for example when the plan was imported after the event) is shown from its
earliest record: the oldest state the system knows, never a later revision;
its owners from the earliest record that has any (an import saves the action,
then its owners).

Five queries however many actions: records, owners, updates, and the aims of
any action moved between aims since (usually none).
"""

import copy
import dataclasses

from django.apps import apps

from plans.models import Action, Aim, ProgressUpdate
from review.summary import _due_soon, _overdue, end_of_day


def moment_of(period):
    """The last moment of the quarter: what "as it stood at its end" means."""
    return end_of_day(period.end)


def is_past(period, today):
    """A quarter that is over is read as at its end; the current one is live."""
    return period.end < today


def records_as_at(action_ids, moment):
    """({action pk: HistoricalAction}, {action pk: [its records, oldest first]}):
    the latest record at or before ``moment``, else the earliest there is. One query."""
    by_action = {}
    for record in Action.history.filter(id__in=action_ids).order_by("id", "history_date", "history_id"):
        by_action.setdefault(record.id, []).append(record)
    chosen = {}
    for pk, records in by_action.items():
        before = [record for record in records if record.history_date <= moment]
        chosen[pk] = before[-1] if before else records[0]
    return chosen, by_action


def updates_as_at(action_ids, moment):
    """{action pk: (latest update, latest update that revised the target)} up
    to ``moment``, and the pks whose target a later update revised. One query."""
    found, revised_later = {}, set()
    updates = ProgressUpdate.objects.filter(action_id__in=action_ids).only(
        "action_id", "recorded_at", "revised_target_month", "revised_target_reason", "completed_on"
    )
    for update in updates.order_by("action_id", "recorded_at", "pk"):
        if update.recorded_at > moment:
            if update.revised_target_month:
                revised_later.add(update.action_id)
            continue
        latest, revised = found.get(update.action_id, (None, None))
        found[update.action_id] = (update, update if update.revised_target_month else revised)
    return found, revised_later


def apply_updates(action, record, moment, updates, revised_later):
    """Set the revised target and completion date the action had at ``moment``:
    from the later of its history record and its progress updates."""
    latest, revised = updates.get(action.pk, (None, None))
    if record.history_date > moment and action.pk in revised_later:
        # The earliest record was made after a later update had revised the target.
        action.revised_target_month, action.revised_target_reason = None, ""
    if revised is not None and (record.history_date > moment or revised.recorded_at >= record.history_date):
        action.revised_target_month = revised.revised_target_month
        action.revised_target_reason = revised.revised_target_reason
    if latest is not None:
        action.completed_on = latest.completed_on


def owners_as_at(chosen, by_action, moment):
    """{action pk: [owner name, ...]} as the chosen record kept them; for an
    action whose history starts after the moment, the earliest record with
    owners. One query."""
    # simple-history keeps the owners of each record in this model (m2m_fields).
    through = apps.get_model("plans", "HistoricalAction_owners")
    ids = [record.history_id for records in by_action.values() for record in records]
    names = {}
    for row in through.objects.filter(history_id__in=ids).select_related("owner").order_by("owner__name"):
        names.setdefault(row.history_id, []).append(row.owner.name)
    owners = {}
    for pk, record in chosen.items():
        owners[pk] = names.get(record.history_id, [])
        if record.history_date > moment and not owners[pk]:
            owners[pk] = next((names[r.history_id] for r in by_action[pk] if r.history_id in names), [])
    return owners


def as_of_actions(chosen, rows):
    """{action pk: the Action as its chosen record kept it}, with the live aim
    (and section) when the aim is the same, so no query per action."""
    live = {row.action.pk: row.action for row in rows}
    actions = {pk: copy.copy(live[pk]) for pk in chosen}
    for pk, record in chosen.items():
        # The record's values over a copy of the live action (not record.instance,
        # which leaves untracked fields such as ``version`` to a query each).
        for field in Action.history.model.tracked_fields:
            setattr(actions[pk], field.attname, getattr(record, field.attname))
    moved = {action.aim_id for pk, action in actions.items() if action.aim_id != live[pk].aim_id}
    aims = Aim.objects.select_related("section").in_bulk(moved) if moved else {}
    for pk, action in actions.items():
        action.aim = live[pk].aim if action.aim_id == live[pk].aim_id else aims.get(action.aim_id, live[pk].aim)
    return actions


def rows_as_at(rows, period):
    """(rows, {action pk: owner names}) for a past quarter: each Row's action
    replaced by the action as it stood at the quarter's end (overdue and due
    soon judged on that target), actions added after the end dropped."""
    moment = moment_of(period)
    rows = [row for row in rows if row.action.created_at <= moment]
    ids = [row.action.pk for row in rows]
    records, by_action = records_as_at(ids, moment)
    owners = owners_as_at(records, by_action, moment)
    actions = as_of_actions(records, rows)
    updates, revised_later = updates_as_at(ids, moment)
    result = []
    for row in rows:
        record = records.get(row.action.pk)
        if record is None:  # no history at all: the live action is all there is
            result.append(row)
            continue
        action = actions[row.action.pk]
        apply_updates(action, record, moment, updates, revised_later)
        result.append(
            dataclasses.replace(
                row,
                action=action,
                overdue=_overdue(action, row.status_now, period.end),
                due_soon=_due_soon(action, row.status_now, period.end),
            )
        )
    return result, owners
