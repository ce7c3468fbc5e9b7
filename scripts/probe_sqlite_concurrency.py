#!/usr/bin/env python
"""Does the default SQLite database cope with a small team writing at once?

Two cases that once failed (issue 13), run in a throwaway database file:

1. three action owners save progress updates while the plan officer confirms an
   800-row plan import (one long write transaction);
2. three plan officers close the same quarter at the same moment.

Each writer is a thread with its own database connection, going through the
real views with Django's test client, as a web server's threads would. It prints
how many requests were saved, refused politely (409 stale form, "already
closed") and failed (500). `--plain` drops the project's SQLite options (WAL,
busy timeout, IMMEDIATE transactions) to show what they fix.

    .venv/bin/python scripts/probe_sqlite_concurrency.py [--plain] [--rows 800]
"""

import argparse
import datetime
import json
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from io import StringIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2022, 5, 16)  # mid Quarter 1 2022/23, the Sefton plan's first quarter


def setup(plain):
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "yjs.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='sdp-probe-')}/probe.sqlite3"
    from django.conf import settings

    if plain:
        settings.DATABASES["default"]["OPTIONS"] = {}
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    call_command("load_sefton_plan", today=TODAY, stdout=StringIO())
    call_command("load_demo_users", stdout=StringIO())


def client_for(username):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username=username))
    return client


def run_threads(jobs):
    """Start every job at the same moment; return their results."""
    from django.db import connection

    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def runner(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as exc:  # a crash in a thread is a failure to count, not to hide
            results[index] = f"exception: {type(exc).__name__}: {exc}"
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def import_rows(rows):
    """An officer's 800-row plan: the Sefton plan's rows repeated under new references."""
    from plans.models import Plan
    from plans.spreadsheets import csv_bytes
    from transfer import export, layout
    from transfer.guards import read_table

    sefton = Plan.objects.get(slug__startswith="sefton")
    base = list(export.plan_rows(sefton))
    ref = layout.COLUMNS.index(layout.REFERENCE)
    generated = []
    for index in range(rows):
        row = list(base[index % len(base)])
        row[ref] = f"{row[ref]}-{index // len(base) + 1}"
        generated.append(row)
    return read_table(csv_bytes(layout.COLUMNS, generated), "plan.csv")


def case_updates_during_import(rows):
    from plans.models import Action, Partnership
    from transfer import importer

    table = import_rows(rows)
    partnership = Partnership.objects.get(name__startswith="Sefton")
    description = importer.describe(table, partnership=partnership, plan_start=datetime.date(2023, 4, 1))
    assert not description.problems, description.problems[:3]

    def confirm_import():
        started = time.perf_counter()
        importer.create_plan(description, partnership=partnership, title="Probe plan 2023/24",
                             period_start=datetime.date(2023, 4, 1), period_end=datetime.date(2024, 3, 31),
                             today=TODAY)
        return f"imported in {time.perf_counter() - started:.1f} s"

    def owner_update(client, action, username):
        time.sleep(0.3)  # let the import take its write lock first
        started = time.perf_counter()
        response = client.post(f"/actions/{action.pk}/update/", {
            "status": "amber", "commentary": f"Probe update by {username}", "version": action.version,
        })
        waits.append(time.perf_counter() - started)
        return response.status_code

    waits = []
    jobs = [confirm_import]
    for username, reference in [("manager", "A2.3"), ("analyst", "P2.2"), ("officer", "A1.1")]:
        action = Action.objects.get(plan__slug__startswith="sefton", reference=reference)
        jobs.append(lambda c=client_for(username), a=action, u=username: owner_update(c, a, u))
    results = run_threads(jobs)
    return results, waits


def case_three_officers_close_one_period():
    from plans.models import ReportingPeriod

    period = ReportingPeriod.objects.filter(partnership__name__startswith="Sefton").order_by("year", "quarter").first()
    clients = [client_for("officer") for _ in range(3)]

    def close(client):
        response = client.post(f"/board-packs/periods/{period.pk}/close/")
        return response.status_code

    return run_threads([lambda c=c: close(c) for c in clients])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plain", action="store_true", help="without the project's SQLite options")
    parser.add_argument("--rows", type=int, default=800)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    setup(args.plain)

    updates, waits = case_updates_during_import(args.rows)
    closes = case_three_officers_close_one_period()

    def failures(results, ok):
        return sum(1 for r in results if r not in ok)

    summary = {
        "options": "plain" if args.plain else "project",
        "import": updates[0],
        "owner_updates": dict(Counter(map(str, updates[1:]))),
        "owner_update_failures": failures(updates[1:], {302, 409}),
        "longest_wait_s": round(max(waits, default=0), 1),
        "closes": dict(Counter(map(str, closes))),
        "close_failures": failures(closes, {302}),
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"SQLite options: {summary['options']}")
        print(f"  import of {args.rows} rows: {summary['import']}")
        print(f"  3 owner updates during the import: {summary['owner_updates']} "
              f"-> {summary['owner_update_failures']} failed (longest wait {summary['longest_wait_s']} s)")
        print(f"  3 officers closing one period: {summary['closes']} -> {summary['close_failures']} failed")
    return 1 if summary["owner_update_failures"] or summary["close_failures"] or not updates[0].startswith("imported") else 0


if __name__ == "__main__":
    sys.exit(main())
