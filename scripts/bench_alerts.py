"""Time send_alerts over 6,000 generated actions, in a throwaway SQLite DB, DEBUG off.

    .venv/bin/python scripts/bench_alerts.py [--actions 6000] [--repeat 3]

Prints the median seconds and the database queries of a first run of the day
(everything is new, so every item is emailed; the log is emptied before each
repeat so each is a first run) and of an immediate re-run (the hourly case:
nothing is due, nothing is sent). The first repeat of the first run is also
printed: it loads the URLconf (and every view module it imports) and the
templates, as each cron run of the command does. Mail goes to Django's in-memory
backend, so the numbers are the tracker's own work, not a mail server's.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
DB = Path(tempfile.mkdtemp()) / "bench_alerts.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")  # keep other apps' import-time logging out of the numbers
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yjs.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from alerts.models import SentAlert  # noqa: E402
from plans.models import Action, Aim, Owner, Partnership, Plan, ProgressUpdate, Section  # noqa: E402
from plans.periods import Quarter  # noqa: E402
from plans.reporting import ensure_periods  # noqa: E402

TODAY = datetime.date(2022, 6, 13)  # the day after the Quarter 1 deadline: the busiest day


def generate(count, rng):
    partnership = Partnership.objects.create(name="Benchmark Youth Justice Partnership", slug="bench")
    officer = Owner.objects.create(partnership=partnership, name="Plan Officer", email="officer@example.org")
    chair = Owner.objects.create(partnership=partnership, name="Chair", email="chair@example.org")
    partnership.plan_officer, partnership.chair = officer, chair
    partnership.save()
    ensure_periods(partnership, Quarter(2021, 1), Quarter(2023, 4))
    plan = Plan.objects.create(
        partnership=partnership, title="Benchmark plan", slug="bench", status=Plan.State.ACTIVE,
        period_start=datetime.date(2022, 4, 1), period_end=datetime.date(2025, 3, 31),
    )
    aims = []
    for s in range(10):
        section = Section.objects.create(plan=plan, title=f"Section {s}", order=s)
        aims += [Aim.objects.create(section=section, number=str(a), title=f"Aim {s}.{a}", order=a) for a in range(10)]
    people = Owner.objects.bulk_create(
        Owner(partnership=partnership, name=f"Person {n}", email=f"person{n}@example.org" if n % 10 else "")
        for n in range(300)
    )
    teams = Owner.objects.bulk_create(
        Owner(partnership=partnership, name=f"Team {n}", kind=Owner.Kind.TEAM) for n in range(30)
    )
    Membership = Owner.members.through
    Membership.objects.bulk_create(
        Membership(from_owner=team, to_owner=person)
        for n, team in enumerate(teams)
        if n % 6  # every sixth team has no members, so its alerts go to the plan officer
        for person in rng.sample(people, 4)
    )
    months = [datetime.date(2021 + (m // 12), m % 12 + 1, 1) for m in range(3, 36)]
    actions = Action.objects.bulk_create(
        Action(
            plan=plan, aim=rng.choice(aims), reference=f"B{n}", description=f"Generated action {n}",
            target_month=rng.choice(months), recurrence=rng.choice(["", "", "", "", "ongoing", "quarterly"]),
            status=rng.choice(["red", "amber", "green", "green", "blue", ""]), order=n,
        )
        for n in range(count)
    )
    Owned = Action.owners.through
    Owned.objects.bulk_create(
        Owned(action=action, owner=owner)
        for action in actions
        for owner in {rng.choice(people), rng.choice(people + teams)}
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            action=action, status=action.status, commentary="Generated",
            recorded_at=datetime.datetime(2022, rng.choice([3, 4, 5]), 10, 12, tzinfo=datetime.UTC),
        )
        for action in actions
    )


def timed_run(label, repeat=1, first=False):
    times = []
    for _ in range(repeat):
        if first:  # forget what was sent, so this run is the day's first again
            SentAlert.objects.all().delete()
        mail.outbox = []
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            call_command("send_alerts", date=TODAY, verbosity=0)
            times.append(time.perf_counter() - started)
    cold = f" (the first, in a cold process: {times[0]:.2f} s)" if first else ""
    print(
        f"{label}: {statistics.median(times):.2f} s median of {repeat}{cold}, {len(queries.captured_queries)} queries, "
        f"{len(mail.outbox)} emails, {SentAlert.objects.count()} items logged in total", flush=True
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=6000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    call_command("migrate", verbosity=0)
    generate(args.actions, random.Random(5))
    print(f"{Action.objects.count()} actions, {Owner.objects.count()} owners, database {DB}")
    timed_run(f"First run on {TODAY}", args.repeat, first=True)
    timed_run("Re-run the same day", args.repeat)
    DB.unlink()


if __name__ == "__main__":
    main()
