"""Time the spreadsheet export and import on the Sefton plan and on a generated 5,000-action plan.

    DEBUG=1 DATABASE_URL=sqlite:////tmp/bench_transfer.sqlite3 .venv/bin/python scripts/bench_transfer.py

Uses (and fills) the database it is pointed at: give it a throwaway one.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yjs.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from plans.models import Plan  # noqa: E402
from plans.spreadsheets import csv_bytes  # noqa: E402
from transfer import export, importer, layout  # noqa: E402
from transfer.guards import MAX_ROWS, read_table  # noqa: E402


def timed(label, func):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - start
    print(f"{label:<45} {elapsed * 1000:9.0f} ms {len(queries):7d} queries")
    return result


call_command("migrate", verbosity=0)
call_command("load_sefton_plan", stdout=open(os.devnull, "w"))
sefton = Plan.objects.get(slug__startswith="sefton")
xlsx = timed("export Sefton (59 actions) as XLSX", lambda: export.plan_xlsx(sefton))
timed("export Sefton as CSV", lambda: export.plan_csv(sefton))
table = timed("read the XLSX back", lambda: read_table(xlsx, "sefton.xlsx"))
description = timed("check it (preview)", lambda: importer.describe(
    table, partnership=sefton.partnership, plan_start=sefton.period_start))
timed("save it as a new plan", lambda: importer.create_plan(
    description, partnership=sefton.partnership, title=f"Bench copy {time.time():.0f}",
    period_start=sefton.period_start, period_end=sefton.period_end))

def big_row(n):
    """A row by column name, so the script follows the layout as columns are added."""
    cells = {layout.SECTION: f"Section {n // 500}", layout.AIM: f"Aim {n // 50}", layout.AIM_TITLE: f"Aim {n // 50} title",
             layout.REFERENCE: f"R{n}", layout.ACTION: f"Action {n}", layout.OWNERS: "Team Managers; Ros Stanley",
             layout.TARGET: "Quarterly - due June Board", layout.STATUS: "Green", layout.COMMENTARY: "Progressing"}
    return [cells.get(name, "") for name in layout.COLUMNS]


rows = [big_row(n) for n in range(MAX_ROWS)]
big = csv_bytes(layout.COLUMNS, rows)
print(f"generated CSV: {MAX_ROWS} actions, {len(big) / 1024:.0f} KB")
table = timed("read 5,000-row CSV", lambda: read_table(big, "big.csv"))
description = timed("check 5,000 rows (preview)", lambda: importer.describe(
    table, partnership=sefton.partnership, plan_start=sefton.period_start))
timed("save 5,000 actions", lambda: importer.create_plan(
    description, partnership=sefton.partnership, title=f"Bench big {time.time():.0f}",
    period_start=sefton.period_start, period_end=sefton.period_end))
