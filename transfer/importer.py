"""Bringing a new plan in from a spreadsheet in the plan layout.

Two steps, so nothing is saved until the plan officer has seen the result:
``describe`` reads and checks every row without writing anything (a preview
with row-level problems), and ``create_plan`` saves a problem-free description
in one transaction, so a failure part-way leaves the database as it was.
"""

import re
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from plans.models import Action, Aim, GlossaryTerm, Owner, Partnership, Plan, ProgressUpdate, RagStatus, Section, Stage
from plans.models.action import display_name
from plans.periods import Quarter, first_of_month
from plans.rag import Status
from plans.reporting import ensure_periods

from . import layout
from .layout import LIMITS, Problem, ProblemList
from .mapping import Vocabulary
from .targets import TargetError, parse_target

REQUIRED = [layout.SECTION, layout.AIM, layout.AIM_TITLE, layout.REFERENCE, layout.ACTION]
OWNER_WITH_EMAIL = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^<>@\s]+@[^<>\s]+)>$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
OWNER_TEXT = Action._meta.get_field("owner_text").max_length
DEFAULT_RAG_KEY = [
    ("red", "Red", "No progress towards completion."),
    ("amber", "Amber", "Delayed, with evidence of a plan to get back on track."),
    ("green", "Green", "Progressing to time, with clear evidence of progress."),
    ("blue", "Blue", "Completed."),
]


@dataclass
class ActionRow:
    row: int
    reference: str
    description: str
    owner_keys: list
    target: object
    status: str
    commentary: str
    updated_at: object
    updated_by: str
    owner_names: list = field(default_factory=list)
    owner_text: str = ""
    stage: str = ""
    history: list = field(default_factory=list)  # every update, oldest first, from the workbook's Updates sheet

    @property
    def stage_label(self):
        return Stage(self.stage).label if self.stage else ""


@dataclass
class AimRow:
    row: int
    label: str
    number: str
    title: str
    how_will_we_know: str
    desired_outcome: str
    actions: list = field(default_factory=list)
    budget: object = None
    budget_source: str = ""
    budget_spent: object = None


@dataclass
class Description(ProblemList):
    """What the file would create; ``problems`` empty means it can be saved."""

    sections: dict = field(default_factory=dict)  # title -> {number: AimRow}
    aim_labels: dict = field(default_factory=dict)  # section title -> "Aim"/"Priority"
    owners: dict = field(default_factory=dict)  # key -> existing Owner, or None for new
    new_owners: dict = field(default_factory=dict)  # key -> (name, email)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # readable but worth a look (no target, no owner)
    # From a lossless workbook's other sheets (transfer.workbook.attach); empty for any other file.
    rag_key: list = field(default_factory=list)  # [(code, label, meaning)]
    glossary: list = field(default_factory=list)  # [(term, definition)]
    foreword: str = ""

    @property
    def aims(self):
        return [aim for aims in self.sections.values() for aim in aims.values()]

    @property
    def actions(self):
        return [action for aim in self.aims for action in aim.actions]


class OwnerDirectory:
    """Matches owner cells to the partnership's people and teams by name or email."""

    def __init__(self, partnership, description):
        self.description = description
        self.by_name, self.by_email = {}, {}
        for owner in Owner.objects.filter(partnership=partnership):
            self.by_name[owner.name.lower()] = owner
            if owner.email:
                self.by_email[owner.email.lower()] = owner

    def key(self, token):
        """A key for the owner this cell names, remembering new ones; ValueError if unusable."""
        match = OWNER_WITH_EMAIL.match(token)
        name, email = (match["name"].strip(), match["email"]) if match else (token, "")
        if not match and EMAIL.match(token):
            name, email = "", token
        owner = self.by_email.get(email.lower()) if email else None
        owner = owner or (self.by_name.get(name.lower()) if name else None)
        if owner is not None:
            self.description.owners[f"id:{owner.pk}"] = owner
            return f"id:{owner.pk}"
        if not name:
            raise ValueError(f"no one has the email '{email}'; write their name too, as 'Name <{email}>'")
        if len(name) > LIMITS[layout.OWNERS]:
            raise ValueError(f"an owner's name is longer than {LIMITS[layout.OWNERS]:,} characters")
        key = f"new:{name.lower()}"
        self.description.new_owners.setdefault(key, (name, email))
        return key


def _required(values, column, row, problems):
    value = layout.text(values.get(column))
    if not value:
        problems.append(Problem(row, column, "this cell is empty; every action needs one"))
    return value


def _limit(value, row, column, problems):
    length = LIMITS[column]
    if len(value) > length:
        problems.append(Problem(row, column, f"this is {len(value):,} characters; the most allowed is {length:,}"))
    return value


def describe(table, *, partnership, plan_start, vocabulary=None):
    """Read a plan-layout table (from transfer.guards.read_table, or mapping.apply for a
    partnership's own layout) into a Description. ``vocabulary`` (a mapping.Vocabulary)
    reads the file's own status and stage words; without it, only the standard ones."""
    vocabulary = vocabulary or Vocabulary({})
    description = Description()
    problems = description.problems
    sheet = layout.read_header(table, REQUIRED, problems)
    if sheet is None:
        return description
    if not sheet.rows:
        problems.append(Problem(None, None, "The file has a header row but no actions."))
        return description
    owners = OwnerDirectory(partnership, description)
    seen_refs = {}
    section_title, aim = "", None
    for row, values in sheet.rows:
        # Merged cells arrive blank below the first row: a blank section or aim continues the one above.
        section_title = layout.text(values.get(layout.SECTION)) or section_title
        if not section_title:
            problems.append(Problem(row, layout.SECTION, "this cell is empty; the first action needs a section"))
            continue
        _limit(section_title, row, layout.SECTION, problems)
        aim = _read_aim(description, section_title, aim, row, values, problems)
        if aim is None:
            continue
        reference = _limit(_required(values, layout.REFERENCE, row, problems), row, layout.REFERENCE, problems)
        action_text = _limit(_required(values, layout.ACTION, row, problems), row, layout.ACTION, problems)
        if reference and reference.lower() in seen_refs:
            problems.append(Problem(row, layout.REFERENCE,
                                    f"'{reference}' is already used on row {seen_refs[reference.lower()]}"))
        seen_refs.setdefault(reference.lower(), row)
        action = ActionRow(row, reference, action_text, [], None, "", "", None,
                           layout.text(values.get(layout.UPDATED_BY))[: LIMITS[layout.UPDATED_BY]])
        # As written, for Action.owner_text: new lines become "; ", as they separate owners.
        action.owner_text = "; ".join(
            " ".join(line.split()) for line in layout.text(values.get(layout.OWNERS)).splitlines() if line.strip()
        )[:OWNER_TEXT]
        for name in layout.read_owner_names(values.get(layout.OWNERS)):
            try:
                key = owners.key(name)
            except ValueError as exc:
                problems.append(Problem(row, layout.OWNERS, str(exc)))
                continue
            action.owner_keys.append(key)
            existing = description.owners.get(key)
            action.owner_names.append(existing.name if existing else description.new_owners[key][0])
        if not action.owner_keys:
            description.notes.append(Problem(row, layout.OWNERS, f"{reference} has no owner"))
        action.target = _read_target(values.get(layout.TARGET), plan_start, row, reference, description)
        for column, reader, attribute in (
            (layout.STATUS, vocabulary.status, "status"),
            (layout.STAGE, vocabulary.stage, "stage"),
            (layout.LAST_UPDATED, layout.read_timestamp, "updated_at"),
        ):
            try:
                setattr(action, attribute, reader(values.get(column)))
            except ValueError as exc:
                problems.append(Problem(row, column, str(exc)))
        # One word may say both ("Complete (and ongoing)"): with only one of the columns,
        # the other takes that word's meaning too.
        if not action.stage:
            action.stage = vocabulary.within(values.get(layout.STATUS), "stage")
        if not layout.text(values.get(layout.STATUS)) and action.stage:
            action.status = vocabulary.within(values.get(layout.STAGE), "status")
        action.commentary = _limit(layout.text(values.get(layout.COMMENTARY)), row, layout.COMMENTARY, problems)
        aim.actions.append(action)
    return description


def _read_aim(description, section_title, previous, row, values, problems):
    aims = description.sections.setdefault(section_title, {})
    cell = values.get(layout.AIM)
    if layout.text(cell) == "":
        if previous is not None and previous in aims.values():
            return previous
        problems.append(Problem(row, layout.AIM, "this cell is empty; the first action of a section needs an aim"))
        return None
    try:
        label, number = layout.read_aim(cell)
    except ValueError as exc:
        problems.append(Problem(row, layout.AIM, str(exc)))
        return None
    _limit(number, row, layout.AIM, problems)
    description.aim_labels.setdefault(section_title, label or "Aim")
    title = layout.text(values.get(layout.AIM_TITLE))
    if number in aims:
        aim = aims[number]
        if title and title != aim.title:
            problems.append(Problem(row, layout.AIM_TITLE, f"{label or 'Aim'} {number} is titled "
                                    f"'{aim.title}' on row {aim.row}; use one title per aim"))
        return aim
    if not title:
        problems.append(Problem(row, layout.AIM_TITLE, "this cell is empty; each aim needs a title"))
    aim = AimRow(row, label, number, _limit(title, row, layout.AIM_TITLE, problems),
                 *(_limit(layout.text(values.get(column)), row, column, problems)
                   for column in (layout.HOW_WILL_WE_KNOW, layout.DESIRED_OUTCOME)))
    aim.budget_source = _limit(layout.text(values.get(layout.BUDGET_SOURCE)), row, layout.BUDGET_SOURCE, problems)
    for column, attribute in ((layout.BUDGET, "budget"), (layout.BUDGET_SPENT, "budget_spent")):
        try:
            setattr(aim, attribute, layout.read_money(values.get(column)))
        except ValueError as exc:
            problems.append(Problem(row, column, str(exc)))
    aims[number] = aim
    return aim


def _read_target(value, plan_start, row, reference, description):
    try:
        target = parse_target(value, plan_start=plan_start)
    except TargetError as exc:
        description.problems.append(Problem(row, layout.TARGET, str(exc)))
        return None
    if len(target.text) > LIMITS[layout.TARGET]:
        description.problems.append(Problem(row, layout.TARGET, f"the target is longer than {LIMITS[layout.TARGET]:,} characters"))
    elif not target.is_dated:
        description.notes.append(Problem(row, layout.TARGET, f"{reference} has no target month or recurrence"))
    return target


def create_partnership(name):
    """A partnership created from the import (issue 17), with a slug no other has."""
    name = " ".join(name.split())
    base = slugify(name)[:90] or "partnership"
    slug, counter = base, 2
    while Partnership.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return Partnership.objects.create(name=name, slug=slug)


def unique_slug(title, period_start):
    base = slugify(f"{title} {period_start.year}")[:90] or "plan"
    slug, counter = base, 2
    while Plan.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def create_plan(description, *, partnership, title, period_start, period_end, published="",
                user=None, today=None, status_words=None):
    """Save a checked description as a new draft plan, all or nothing."""
    if description.problems:
        raise ValueError("A description with problems cannot be saved.")
    today = today or timezone.localdate()
    with transaction.atomic():
        plan = Plan.objects.create(
            partnership=partnership, title=title, slug=unique_slug(title, period_start),
            published=published, period_start=period_start, period_end=period_end, status=Plan.State.DRAFT,
            status_words=status_words or {}, foreword=description.foreword,
        )
        RagStatus.objects.bulk_create(RagStatus(plan=plan, code=code, label=label, description=text)
                                      for code, label, text in description.rag_key or DEFAULT_RAG_KEY)
        GlossaryTerm.objects.bulk_create(GlossaryTerm(plan=plan, term=term, definition=definition)
                                         for term, definition in description.glossary)
        owners = dict(description.owners)
        for key, (name, email) in description.new_owners.items():
            owners[key] = Owner.objects.create(partnership=partnership, name=name, email=email)
        _save_aims_and_actions(plan, description, owners, user, today)
        if period_start <= today:
            ensure_periods(partnership, Quarter.containing(period_start), Quarter.containing(min(today, period_end)))
    return plan


def _bulk_create_with_history(model, objects, **history):
    """bulk_create and one "created" history row each; returns the history rows
    (PostgreSQL and SQLite 3.35+ give bulk-created rows their primary keys)."""
    model.objects.bulk_create(objects)
    return model.history.bulk_history_create(objects, **history)


def _insert(model, columns, rows):
    """Plain rows of ids into a link table, in one executemany: two ids a row need
    none of Django's per-object work, which was a third of a 5,000-action import."""
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(rows))


def _save_aims_and_actions(plan, description, owners, user, today):
    """Save every aim, action, owner link and first progress update in a few bulk
    inserts, history included, instead of several queries per row: a long import
    holds SQLite's single write lock, and everyone else waits for it."""
    now = timezone.now()
    history = {"default_user": user, "default_change_reason": "Imported from a spreadsheet", "default_date": now}
    sections, aims, aim_rows = [], [], []
    for section_order, (section_title, section_aims) in enumerate(description.sections.items(), start=1):
        section = Section(plan=plan, title=section_title, order=section_order,
                          aim_label=description.aim_labels.get(section_title, "Aim"))
        sections.append(section)
        for aim_order, row in enumerate(section_aims.values(), start=1):
            aims.append(Aim(section=section, number=row.number, title=row.title, order=aim_order,
                            how_will_we_know=row.how_will_we_know, desired_outcome=row.desired_outcome,
                            budget=row.budget, budget_source=row.budget_source, budget_spent=row.budget_spent))
            aim_rows.append(row)
    _bulk_create_with_history(Section, sections, **history)
    for aim in aims:
        aim.section = aim.section  # takes the section's new primary key
    _bulk_create_with_history(Aim, aims, **history)

    actions, action_rows, updates = [], [], []
    for aim, row in zip(aims, aim_rows):
        for action_order, data in enumerate(row.actions, start=1):
            action = Action(
                plan=plan, aim=aim, reference=data.reference, description=data.description, order=action_order,
                target_month=first_of_month(data.target.month) if data.target.month else None,
                recurrence=data.target.recurrence, target_text=data.target.text, created_at=now,
                owner_text=data.owner_text, stage=data.stage,
            )
            actions.append(action)
            action_rows.append(data)
            if data.history:
                # The workbook's full history: the action's state follows its latest update.
                updates.extend(ProgressUpdate(action=action, **entry) for entry in data.history)
                action.status, action.completed_on = data.history[-1]["status"], data.history[-1]["completed_on"]
                action.version = 1 + len(data.history)
            elif data.status or data.commentary:
                # The sheet's status and commentary become the action's first progress
                # update, and the action's state follows it, as Action.record_update does.
                completed_on = None
                if data.status == Status.BLUE:
                    completed_on = data.updated_at.date() if data.updated_at else today
                action.status, action.completed_on, action.version = data.status, completed_on, 2
                updates.append(ProgressUpdate(
                    action=action, status=data.status, commentary=data.commentary, author=user,
                    author_name=data.updated_by or (display_name(user) if user else "Imported from a spreadsheet"),
                    recorded_at=data.updated_at or now, completed_on=completed_on,
                ))
    action_history = _bulk_create_with_history(Action, actions, **history)

    # Owner links, and the same links in each action's first history row, so the
    # admin's history shows who owned the action from the start.
    Through = Action.owners.through
    HistoricalThrough = Action.history.model._meta.get_field("historicalaction_owners").related_model
    _insert(Through, ["action_id", "owner_id"], (
        (action.pk, owners[key].pk)
        for action, data in zip(actions, action_rows) for key in dict.fromkeys(data.owner_keys)
    ))
    history_ids = {row.id: row.history_id for row in action_history}
    links = Through.objects.filter(action__plan=plan).values_list("id", "action_id", "owner_id")
    _insert(HistoricalThrough, ["id", "action_id", "owner_id", "history_id"], (
        (pk, action_id, owner_id, history_ids[action_id]) for pk, action_id, owner_id in links.iterator(2000)
    ))
    for update in updates:
        update.action = update.action  # takes the action's new primary key
    ProgressUpdate.objects.bulk_create(updates)
