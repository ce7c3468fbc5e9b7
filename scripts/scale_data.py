"""Generate a big plan, and many partnerships, fast: the data issue 18's benchmarks and load tests run on.

    from scripts.scale_data import build_scaled
    objects = build_scaled(scale=10, tenants=1, today=datetime.date(2023, 3, 15))

    .venv/bin/python scripts/scale_data.py --scale 10 --tenants 1 [--password secret]   # into DATABASE_URL

The Sefton plan is loaded as ``load_sefton_plan`` loads it, then ``scale - 1`` copies of its
sections, aims and actions are added to the same plan (10x = 590 actions, 100x = 5,900), each
action gets ``updates_per_action`` progress updates on top of its baseline (12 in all by default,
so 100x holds ~70,000), and every person owner gets a sign-in and a membership (three new people
per copy, so 100x has ~330 owners). ``tenants=100`` adds 99 more partnerships, each with its own
Sefton-sized plan, owners, users and reporting periods, so a person's pages can be measured
with and without other boards in the database.

Everything is bulk inserted (a few queries per table, not per row): 100x builds in seconds, where
saving row by row would take many minutes. Actions, sections and aims get their "created" history
rows (board packs read actions as they stood from the history); memberships and users do not,
which no page reads. Deterministic: a seeded random, and ``today`` instead of the clock.
"""

import datetime
import os
import random
import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: set Django up before the model imports below
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yjs.settings")
    import django

    django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from plans.models import (  # noqa: E402
    Action,
    Aim,
    GlossaryTerm,
    Membership,
    Owner,
    Partnership,
    Plan,
    ProgressUpdate,
    RagStatus,
    Role,
    Section,
)
from plans.periods import Quarter  # noqa: E402
from plans.rag import Status  # noqa: E402
from plans.reporting import ensure_periods  # noqa: E402

DEFAULT_TODAY = datetime.date(2023, 3, 15)  # Quarter 4 of the plan's year: every quarter has updates
BASELINE = datetime.datetime(2022, 3, 31, 17, 0, tzinfo=datetime.UTC)
PEOPLE_PER_COPY = 3
# Sefton's generated sign-ins are "sefton-officer", "sefton-chair", "sefton-member", "sefton-p<owner id>"
# (other partnerships': "t<n>-..."), so they never clash with the test fixtures' "officer", "chair", ...
PREFIX = "sefton-"
FIRST = ["Alex", "Sam", "Jo", "Chris", "Pat", "Robin", "Jamie", "Kim", "Lee", "Morgan", "Ash", "Drew"]
LAST = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Hughes", "Jones", "Khan", "Patel", "Smith", "Taylor", "Wood"]
WALK = {"": [Status.AMBER, Status.GREEN, Status.RED], Status.RED: [Status.RED, Status.AMBER, Status.AMBER],
        Status.AMBER: [Status.AMBER, Status.GREEN, Status.RED], Status.GREEN: [Status.GREEN, Status.GREEN, Status.AMBER]}
COMMENTS = [
    "Progress as planned; the team has met and the next steps are agreed.",
    "Delayed by staff absence; a revised timetable goes to the next meeting.",
    "Partners have been consulted and the draft is being finalised.",
    "Training delivered to case managers; evaluation forms are being collated.",
    "Awaiting data from the police and education partners before this can move on.",
]


def build_scaled(scale=10, tenants=1, today=DEFAULT_TODAY, seed=18, updates_per_action=11, password=None,
                 indicators=True):
    """Load Sefton, make its plan ``scale`` times the size, add ``tenants - 1`` other
    partnerships; returns {"plan", "partnership", "owner_user" (owns the most actions),
    "chair_user", "officer_user", "member_user", "counts"}. ``password`` gives every
    generated user that password (hashed once); without it they cannot sign in by password.
    ``indicators`` also loads Sefton's performance indicators."""
    rng = random.Random(seed)
    password_hash = make_password(password) if password else make_password(None)
    with open(os.devnull, "w") as devnull:
        call_command("load_sefton_plan", today=today, stdout=devnull)
        if indicators:  # Sefton's nine national indicators: the indicators pages have something to show
            call_command("load_sefton_indicators", stdout=devnull)
    plan = Plan.objects.select_related("partnership").get(partnership__name="Sefton Youth Justice Partnership")
    with transaction.atomic():
        source = _source(plan)
        users = _staff_users(plan.partnership, PREFIX, password_hash)
        people = list(Owner.objects.people().filter(partnership=plan.partnership, user__isnull=True))
        busy = max(people, key=lambda person: source["actions_of"].get(person.pk, 0))
        _give_users(people, PREFIX, password_hash, rng)
        generated = _new_people(plan.partnership, PEOPLE_PER_COPY * (scale - 1), PREFIX, password_hash, rng, source)
        keep = {owner.pk for owner in source["owners"] if owner.kind == Owner.Kind.TEAM} | {busy.pk}
        for copy in range(2, scale + 1):
            pool = generated[(copy - 2) * PEOPLE_PER_COPY:(copy - 1) * PEOPLE_PER_COPY]
            owner_map = {o.pk: (o.pk if o.pk in keep else rng.choice(pool).pk) for o in source["owners"]}
            _clone(source, plan, f"-{copy}", f" ({copy})", copy * 100, owner_map, rng, updates_per_action, today)
        _more_updates(Action.objects.filter(plan=plan), rng, updates_per_action, today)
        for number in range(1, tenants):
            _tenant(number, source, password_hash, rng, updates_per_action, today)
    busy.refresh_from_db()
    return {
        "plan": plan,
        "partnership": plan.partnership,
        "owner_user": busy.user,
        "chair_user": users["chair"],
        "officer_user": users["officer"],
        "member_user": users["member"],
        "counts": {
            "actions": Action.objects.filter(plan=plan).count(),
            "updates": ProgressUpdate.objects.filter(action__plan=plan).count(),
            "owners": Owner.objects.filter(partnership=plan.partnership).count(),
            "owner_actions": busy.actions.count(),
            "partnerships": Partnership.objects.count(),
        },
    }


def _source(plan):
    """Sefton's plan as loaded: what every copy is made from."""
    actions = list(Action.objects.filter(plan=plan).select_related("aim__section").prefetch_related("owners"))
    actions_of = {}
    for action in actions:
        for owner in action.owners.all():
            actions_of[owner.pk] = actions_of.get(owner.pk, 0) + 1
    return {
        "plan": plan,
        "sections": list(plan.sections.order_by("order")),
        "aims": list(Aim.objects.filter(section__plan=plan).order_by("section__order", "order")),
        "actions": actions,
        "owners": list(Owner.objects.filter(partnership=plan.partnership)),
        "actions_of": actions_of,
        "rag_key": list(plan.rag_key.all()),
        "glossary": list(plan.glossary.all()),
    }


def _bulk_with_history(model, objects):
    model.objects.bulk_create(objects, batch_size=500)
    return model.history.bulk_history_create(objects, default_date=BASELINE, batch_size=500)


def _clone(source, plan, ref_suffix, title_suffix, order_offset, owner_map, rng, updates_per_action, today):
    """One copy of the source plan's sections, aims and actions (with owners, their
    history and updates) in ``plan``; owners are mapped through ``owner_map``."""
    sections = {s.pk: Section(plan=plan, title=f"{s.title}{title_suffix}"[:200], aim_label=s.aim_label,
                              order=order_offset + s.order) for s in source["sections"]}
    _bulk_with_history(Section, list(sections.values()))
    aims = {}
    for aim in source["aims"]:
        aims[aim.pk] = Aim(section=sections[aim.section_id], number=aim.number, title=aim.title,
                           how_will_we_know=aim.how_will_we_know, desired_outcome=aim.desired_outcome, order=aim.order)
    _bulk_with_history(Aim, list(aims.values()))
    actions, owner_ids = [], []
    for old in source["actions"]:
        actions.append(Action(
            plan=plan, aim=aims[old.aim_id], reference=f"{old.reference}{ref_suffix}", description=old.description,
            owner_text=old.owner_text, target_month=old.target_month, recurrence=old.recurrence,
            target_text=old.target_text, order=old.order, created_at=BASELINE,
        ))
        owner_ids.append(list(dict.fromkeys(owner_map[o.pk] for o in old.owners.all())))
    updates = []
    for action in actions:
        updates.extend(_history_of(action, rng, updates_per_action + 1, today))
    history = _bulk_with_history(Action, actions)
    _link_owners(actions, owner_ids, history)
    for update in updates:
        update.action = update.action  # takes the action's new primary key
    ProgressUpdate.objects.bulk_create(updates, batch_size=1000)


def _link_owners(actions, owner_ids, history):
    """The owner links, and the same links on each action's first history record."""
    Through = Action.owners.through
    HistoricalThrough = Action.history.model._meta.get_field("historicalaction_owners").related_model
    links = [Through(action_id=a.pk, owner_id=o) for a, ids in zip(actions, owner_ids) for o in ids]
    Through.objects.bulk_create(links, batch_size=1000)
    history_ids = {row.id: row.history_id for row in history}
    HistoricalThrough.objects.bulk_create(
        [HistoricalThrough(id=link.pk, action_id=link.action_id, owner_id=link.owner_id,
                           history_id=history_ids[link.action_id]) for link in links], batch_size=1000)


def _history_of(action, rng, count, today, start=BASELINE, status=""):
    """``count`` updates spread evenly from ``start`` to ``today``; the action's
    status, completion and version follow the last, as Action.record_update leaves them."""
    end = datetime.datetime.combine(today, datetime.time(12), tzinfo=datetime.UTC)
    step = (end - start) / (count + 1)
    updates = []
    for n in range(count):
        status = rng.choice(WALK[status]) if status != Status.BLUE else Status.BLUE
        if n == count - 1 and rng.random() < 0.15:
            status = Status.BLUE
        when = start + step * (n + 1) + datetime.timedelta(minutes=rng.randrange(600))
        completed = when.date() if status == Status.BLUE else None
        updates.append(ProgressUpdate(action=action, status=status, commentary=rng.choice(COMMENTS),
                                      author_name="Generated for scale", recorded_at=when, completed_on=completed))
    if updates:
        action.status, action.completed_on = updates[-1].status, updates[-1].completed_on
        action.version = (action.version or 1) + len(updates)
    return updates


def _more_updates(actions, rng, count, today):
    """Updates after the baseline for the plan's own (loaded) actions."""
    actions = list(actions.filter(version__lte=2))
    updates = []
    for action in actions:
        updates.extend(_history_of(action, rng, count, today, status=action.status))
    ProgressUpdate.objects.bulk_create(updates, batch_size=1000)
    Action.objects.bulk_update(actions, ["status", "completed_on", "version"], batch_size=500)


def _user_rows(usernames, password_hash):
    User = get_user_model()
    User.objects.bulk_create([User(username=name, email=f"{name}@example.org", password=password_hash)
                              for name in usernames], batch_size=500)
    return User.objects.in_bulk(usernames, field_name="username")


def _staff_users(partnership, prefix, password_hash):
    """The officer (with a person record, as the plan officer), the chair (linked to
    the partnership's chair record) and a member: one sign-in each."""
    users = _user_rows([f"{prefix}officer", f"{prefix}chair", f"{prefix}member"], password_hash)
    officer, chair, member = (users[f"{prefix}{name}"] for name in ("officer", "chair", "member"))
    person = Owner.objects.create(partnership=partnership, name="Pat Officer", job_title="Plan officer",
                                  user=officer)
    partnership.plan_officer = person
    partnership.save()
    Membership.objects.bulk_create([
        Membership(user=officer, partnership=partnership, role=Role.OFFICER),
        Membership(user=chair, partnership=partnership, role=Role.CHAIR),
        Membership(user=member, partnership=partnership, role=Role.MEMBER),
    ], ignore_conflicts=True)
    Membership.objects.filter(user=officer, partnership=partnership).update(role=Role.OFFICER)
    if partnership.chair_id:
        Owner.objects.filter(pk=partnership.chair_id).update(user=chair)
    return {"officer": officer, "chair": chair, "member": member}


def _give_users(people, prefix, password_hash, rng):
    """A sign-in and an owner membership for each person without one."""
    people = [p for p in people if not p.user_id and p.pk != p.partnership.chair_id]
    users = _user_rows([f"{prefix}p{p.pk}" for p in people], password_hash)
    for person in people:
        person.user = users[f"{prefix}p{person.pk}"]
    Owner.objects.bulk_update(people, ["user"], batch_size=500)
    Membership.objects.bulk_create([Membership(user=p.user, partnership=p.partnership, role=Role.OWNER)
                                    for p in people], batch_size=500, ignore_conflicts=True)


def _new_people(partnership, count, prefix, password_hash, rng, source):
    """``count`` new people in ``partnership``, each with a sign-in, each in one of its teams."""
    people = [Owner(partnership=partnership, kind=Owner.Kind.PERSON, job_title="Case Manager",
                    name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {n + 1}") for n in range(count)]
    Owner.objects.bulk_create(people, batch_size=500)
    for person in people:
        person.partnership = partnership
    _give_users(people, prefix, password_hash, rng)
    teams = list(Owner.objects.teams().filter(partnership=partnership))
    if teams:
        Owner.members.through.objects.bulk_create(
            [Owner.members.through(from_owner_id=rng.choice(teams).pk, to_owner_id=p.pk) for p in people],
            batch_size=500)
    return people


def _tenant(number, source, password_hash, rng, updates_per_action, today):
    """Another partnership with its own Sefton-sized plan, owners, users and periods."""
    sefton = source["plan"]
    partnership = Partnership.objects.create(name=f"Tenant {number} Youth Justice Partnership",
                                             slug=f"tenant-{number}")
    owners = {o.pk: Owner(partnership=partnership, kind=o.kind, name=o.name, job_title=o.job_title,
                          organisation=o.organisation) for o in source["owners"] if o.name != "Pat Officer"}
    Owner.objects.bulk_create(list(owners.values()))
    if sefton.partnership.chair_id in owners:
        partnership.chair = owners[sefton.partnership.chair_id]
        partnership.save()
    prefix = f"t{number}-"
    _staff_users(partnership, prefix, password_hash)
    for owner in owners.values():
        owner.partnership = partnership
    _give_users([o for o in owners.values() if o.kind == Owner.Kind.PERSON], prefix, password_hash, rng)
    plan = Plan.objects.create(partnership=partnership, title=f"Tenant {number} {sefton.title}"[:200],
                               slug=f"tenant-{number}-plan", published=sefton.published,
                               period_start=sefton.period_start, period_end=sefton.period_end,
                               status=Plan.State.ACTIVE, foreword=sefton.foreword)
    RagStatus.objects.bulk_create([RagStatus(plan=plan, code=r.code, label=r.label, description=r.description)
                                   for r in source["rag_key"]])
    GlossaryTerm.objects.bulk_create([GlossaryTerm(plan=plan, term=g.term, definition=g.definition)
                                      for g in source["glossary"]])
    owner_map = {pk: owner.pk for pk, owner in owners.items()}
    _clone(source, plan, "", "", 0, owner_map, rng, updates_per_action, today)
    ensure_periods(partnership, Quarter.containing(plan.period_start), Quarter.containing(today))


def main(argv=None):
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--tenants", type=int, default=1)
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=DEFAULT_TODAY)
    parser.add_argument("--password", default=None, help="Password for every generated user (default: none)")
    args = parser.parse_args(argv)
    call_command("migrate", verbosity=0)
    made = build_scaled(args.scale, args.tenants, args.today, password=args.password)
    print(f"plan {made['plan'].slug}: {made['counts']}")
    print(f"owner of many actions: {made['owner_user'].username}; chair: {made['chair_user'].username}; "
          f"officer: {made['officer_user'].username}; member: {made['member_user'].username}")


if __name__ == "__main__":
    main()
