"""Time the spreadsheet import, export and bulk progress update at 5,000 actions (issue 18).

    .venv/bin/python scripts/bench_transfer.py [--repeat 3]

Runs with DEBUG off in a throwaway SQLite database of its own. Prints, for each
step, the median of ``--repeat`` runs in ms and the queries of the last run:
the Sefton plan's XLSX round trip, then a generated 5,000-action plan imported,
exported as XLSX and CSV, and every row changed in a bulk progress update.
Compare before and after by running it on both trees in one sitting (the
machine's speed drifts).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
DB = Path(tempfile.mkdtemp()) / "bench_transfer.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("MEDIA_ROOT", str(DB.parent / "media"))
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yjs.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from plans.models import Plan  # noqa: E402
from plans.spreadsheets import csv_bytes  # noqa: E402
from transfer import bulk, export, importer, layout  # noqa: E402
from transfer.guards import MAX_ROWS, read_table  # noqa: E402


def timed(label, func, repeat, prepare=None):
    """The median of ``repeat`` runs; ``prepare()`` (untimed) gives each run its argument."""
    times = []
    for _ in range(repeat):
        argument = prepare() if prepare else None
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            result = func(argument) if prepare else func()
            times.append(time.perf_counter() - start)
    print(f"{label:<48} {statistics.median(times) * 1000:9.0f} ms median {len(queries):7d} queries", flush=True)
    return result


def big_row(n):
    """A row by column name, so the script follows the layout as columns are added."""
    cells = {layout.SECTION: f"Section {n // 500}", layout.AIM: f"Aim {n // 50}", layout.AIM_TITLE: f"Aim {n // 50} title",
             layout.REFERENCE: f"R{n}", layout.ACTION: f"Action {n}", layout.OWNERS: "Team Managers; Ros Stanley",
             layout.TARGET: "Quarterly - due June Board", layout.STATUS: "Green", layout.COMMENTARY: "Progressing"}
    return [cells.get(name, "") for name in layout.COLUMNS]


def changed_sheet(plan, round_number):
    """The plan's CSV export with every row given a new commentary: a 5,000-row bulk update."""
    table = read_table(export.plan_csv(plan), "update.csv")
    column = list(table[0]).index(layout.COMMENTARY)
    rows = [list(row) for row in table[1:]]
    for row in rows:
        row[column] = f"Round {round_number}: {row[column]}"
    return csv_bytes(table[0], rows)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    call_command("migrate", verbosity=0)
    call_command("load_sefton_plan", stdout=open(os.devnull, "w"))
    officer = get_user_model().objects.create_user("bench-officer")
    sefton = Plan.objects.get(slug__startswith="sefton")
    xlsx = timed("export Sefton (59 actions) as XLSX", lambda: export.plan_xlsx(sefton), repeat)
    table = timed("read the XLSX back", lambda: read_table(xlsx, "sefton.xlsx"), repeat)
    timed("check it (preview)", lambda: importer.describe(
        table, partnership=sefton.partnership, plan_start=sefton.period_start), repeat)

    big = csv_bytes(layout.COLUMNS, [big_row(n) for n in range(MAX_ROWS)])
    print(f"generated CSV: {MAX_ROWS:,} actions, {len(big) / 1024:.0f} KB")
    table = timed("read 5,000-row CSV", lambda: read_table(big, "big.csv"), repeat)
    description = timed("check 5,000 rows (preview)", lambda: importer.describe(
        table, partnership=sefton.partnership, plan_start=sefton.period_start), repeat)
    counter = iter(range(10**6))
    plan = timed("save 5,000 actions (with history)", lambda: importer.create_plan(
        description, partnership=sefton.partnership, title=f"Bench big {next(counter)}",
        period_start=sefton.period_start, period_end=sefton.period_end, user=officer), repeat)
    timed("export 5,000 actions as XLSX", lambda: export.plan_xlsx(plan), repeat)
    timed("export 5,000 actions as CSV", lambda: export.plan_csv(plan), repeat)

    rounds = iter(range(1, 10**6))

    def staged_update():
        return bulk.describe_updates(read_table(changed_sheet(plan, next(rounds)), "update.csv"), plan=plan)

    timed("check a 5,000-row bulk update (preview)",
          lambda: bulk.describe_updates(read_table(changed_sheet(plan, 0), "update.csv"), plan=plan), 1)
    applied, conflicts = timed("apply a 5,000-row bulk update",
                               lambda updates: bulk.apply_updates(updates, user=officer), repeat, staged_update)
    print(f"  last bulk update: {len(applied):,} applied, {len(conflicts)} conflicts")
    DB.unlink()


if __name__ == "__main__":
    main()
