"""How long the main pages take as the plan grows, and with other partnerships in the database (issue 18).

    .venv/bin/python scripts/bench_pages.py [--sizes 1,10,100] [--tenants 100] [--runs 7] [--json out.json]

For each size, a fresh SQLite database (a copy of one migrated file, under --workdir) gets
``scripts.scale_data.build_scaled(scale=size)``; then each page is fetched with Django's test client,
signed in as the person who uses it, ``--runs`` times after one warm-up, DEBUG off and without the
test framework's template instrumentation (as deployed). The runs are interleaved: each turn fetches
every page in every database once, so the machine's drift falls on all alike. Prints a Markdown
table page x size -> median ms, queries, KB; then two ratios:

- review list / admin changelist: the product's 25-a-page list against Django's admin listing the
  same plan's actions (50 a page), at each size of 10x and over;
- 100 tenants / alone: each page at 1x with ``--tenants`` Sefton-sized partnerships in the database,
  against the same page with Sefton alone. Near 1.0 means other boards' data costs nothing.

Medians of wall-clock time on a shared machine: compare numbers from ONE run, not across runs.
Query counts and sizes do not drift, and are what tests should assert.
"""

import argparse
import datetime
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "yjs.settings"
# Measured as deployed: DEBUG off (no query log, no debug toolbar), templates cached.
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-pages-not-a-secret")
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["PLAIN_STATIC"] = "1"  # no collectstatic manifest needed
os.environ["AXES_ENABLED"] = "0"
WORKDIR = Path(os.environ.get("BENCH_WORKDIR", "/tmp/bench_pages"))
WORKDIR.mkdir(parents=True, exist_ok=True)
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'run.sqlite3'}"

import django  # noqa: E402

django.setup()

import time_machine  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from scripts.scale_data import DEFAULT_TODAY, build_scaled  # noqa: E402

TODAY = DEFAULT_TODAY


def pages(made):
    """(name, who, url): each page as the person who uses it sees it."""
    plan = made["plan"]
    return [
        ("Plan page", "chair_user", reverse("plan_detail", args=[plan.slug])),
        ("Review dashboard", "chair_user", reverse("review:dashboard")),
        ("My actions", "owner_user", reverse("my_actions")),
        ("Review list (25 a page)", "chair_user", reverse("review:action_list")),
        ("Admin action changelist", "officer_user", f"{reverse('admin:plans_action_changelist')}?plan__id__exact={plan.pk}"),
        ("Board packs index", "officer_user", reverse("boardpack:index")),
        ("Meetings index", "chair_user", reverse("meetings:index")),
        ("Indicators", "officer_user", reverse("indicators:index")),
    ]


def migrated_template():
    """One migrated database file, copied for each size (migrating takes longer than building)."""
    template = WORKDIR / "migrated.sqlite3"
    use(template, fresh=True)
    call_command("migrate", verbosity=0)
    connection.close()
    return template


def use(path, fresh=False):
    connection.close()
    if fresh and path.exists():
        path.unlink()
    connection.settings_dict["NAME"] = str(path)


def build(label, template, **build_args):
    """A database file for one column of the table: the migrated template plus generated data."""
    path = WORKDIR / f"{label.replace(' ', '_').replace('+', '')}.sqlite3"
    use(path, fresh=True)
    shutil.copyfile(template, path)
    use(path)
    started = time.perf_counter()
    made = build_scaled(today=TODAY, **build_args)
    built = time.perf_counter() - started
    print(f"{label}: built in {built:.1f} s {made['counts']}", file=sys.stderr)
    return {"label": label, "path": path, "made": made, "build_seconds": round(built, 1), "counts": made["counts"]}


def measure(columns, runs, budget):
    """Each page in every column, the columns' runs interleaved (alone, crowded, alone, ...) so
    that the machine's drift falls on all of them alike: a ratio of two columns compares like
    with like. Sets column["pages"] = {page name: {"ms", "queries", "kb", "status", "url", "runs"}}."""
    for column in columns:
        use(column["path"])
        column["clients"] = {}
        column["urls"] = {}
        for name, who, url in pages(column["made"]):
            client = column["clients"].get(who)
            if client is None:
                client = column["clients"][who] = Client()
                client.force_login(column["made"][who])
            start = time.perf_counter()
            response = client.get(url, follow=True, secure=True)  # warm-up; where an index redirects, its target
            warm_up = time.perf_counter() - start
            final = response.redirect_chain[-1][0] if response.redirect_chain else url
            # A page that takes seconds gets fewer runs (at least 3), so 100x finishes in minutes.
            column["urls"][name] = (client, final, max(min(runs, 3), min(runs, int(budget / max(warm_up, 0.001)))))
        column["pages"] = {}
    names = [name for name, _, _ in pages(columns[0]["made"])]
    times = {(name, column["label"]): [] for name in names for column in columns}
    for turn in range(runs):  # every page and column once a turn: drift spreads over all of them
        for name in names:
            for column in columns:
                client, final, page_runs = column["urls"][name]
                if turn >= page_runs:
                    continue
                use(column["path"])
                start = time.perf_counter()
                client.get(final, secure=True)
                times[name, column["label"]].append((time.perf_counter() - start) * 1000)
    for name in names:
        for column in columns:
            client, final, page_runs = column["urls"][name]
            use(column["path"])
            with CaptureQueriesContext(connection) as queries:
                response = client.get(final, secure=True)
            column["pages"][name] = {
                "ms": round(statistics.median(times[name, column["label"]]), 1),
                "queries": len(queries),
                "kb": round(len(response.content) / 1024, 1),
                "status": response.status_code,
                "url": final,
                "runs": page_runs,
            }
        print(f"  {name}: " + ", ".join(f"{c['label']} {c['pages'][name]['ms']} ms" for c in columns), file=sys.stderr)


def table(columns):
    names = list(columns[0]["pages"])
    lines = ["| page | " + " | ".join(c["label"] for c in columns) + " |",
             "|---|" + "---|" * len(columns)]
    for name in names:
        cells = []
        for column in columns:
            page = column["pages"][name]
            flag = "" if page["status"] == 200 else f" (HTTP {page['status']})"
            full = max(p["runs"] for p in column["pages"].values())
            flag += "" if page["runs"] >= full else f" ({page['runs']} runs)"
            cells.append(f"{page['ms']} ms, {page['queries']} q, {page['kb']} KB{flag}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def ratios(by_size, alone, crowded):
    lines = []
    for label, column in by_size.items():
        if column["counts"]["actions"] >= 500:
            review = column["pages"]["Review list (25 a page)"]["ms"]
            admin = column["pages"]["Admin action changelist"]["ms"]
            lines.append(f"- review list / admin changelist at {label}: {review / admin:.2f} ({review} / {admin} ms)")
    if alone and crowded:
        for name, page in alone["pages"].items():
            other = crowded["pages"][name]
            lines.append(f"- {crowded['label']} / alone, {name}: {other['ms'] / page['ms']:.2f} "
                         f"({other['ms']} / {page['ms']} ms; queries {other['queries']} / {page['queries']})")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,100", help="plan sizes, multiples of the Sefton plan")
    parser.add_argument("--tenants", type=int, default=100, help="partnerships for the tenants ratio (0: skip)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--budget", type=float, default=30,
                        help="seconds per page: a slower page gets fewer runs (at least 3)")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    args = parser.parse_args(argv)
    template = migrated_template()
    sizes = [int(size) for size in args.sizes.split(",") if size]
    with time_machine.travel(datetime.datetime.combine(TODAY, datetime.time(10, 0), tzinfo=datetime.UTC), tick=True):
        by_size = {f"{size}x": build(f"{size}x", template, scale=size) for size in sizes}
        crowded = None
        if args.tenants > 1:
            crowded = build(f"1x + {args.tenants} tenants", template, scale=1, tenants=args.tenants)
        columns = list(by_size.values()) + ([crowded] if crowded else [])
        measure(columns, args.runs, args.budget)
    alone = by_size.get("1x")
    print(table(columns))
    print()
    print(ratios(by_size, alone, crowded))
    if args.json:
        kept = [{key: column[key] for key in ("label", "build_seconds", "counts", "pages")} for column in columns]
        args.json.write_text(json.dumps({"runs": args.runs, "today": TODAY.isoformat(), "columns": kept}, indent=1))


if __name__ == "__main__":
    main()
