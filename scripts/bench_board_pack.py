"""How long the board pack takes to build: the Sefton plan, and a plan ten times its size.

    .venv/bin/python scripts/bench_board_pack.py [--runs 3] [--pdf /tmp/pack.pdf]

Uses a throwaway SQLite database (BENCH_DATABASE_URL, default /tmp/bench_board_pack.sqlite3),
loads the Sefton plan and its nine performance indicators, then copies it ten times into one generated plan. Prints, for
each plan, wall-clock and CPU seconds for the whole build and for its three stages
(gathering the data, rendering the HTML, WeasyPrint layout and PDF writing), plus
pages and size. CPU time is printed too because wall time on a shared machine
moves with whatever else is running. --pdf writes the Sefton pack, to look at
every page: pdftoppm -r 50 -png /tmp/pack.pdf /tmp/pack/p
"""

import argparse
import datetime
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yjs.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "sqlite:////tmp/bench_board_pack.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

TODAY = datetime.date(2022, 6, 30)


def fresh_database():
    path = os.environ["DATABASE_URL"].removeprefix("sqlite:///")
    if os.environ["DATABASE_URL"].startswith("sqlite:///") and os.path.exists(path):
        os.remove(path)
    devnull = open(os.devnull, "w")
    call_command("migrate", verbosity=0, stdout=devnull)
    call_command("load_sefton_plan", today=datetime.date(2022, 5, 16), stdout=devnull)
    # The performance section is part of the pack a user gets, so it is part of the measure.
    call_command("load_sefton_indicators", stdout=devnull)


def ten_times(plan, copies=10):
    """A plan with the Sefton plan's sections, aims, actions and updates, ``copies`` times."""
    from plans.models import Action, Aim, Plan, ProgressUpdate, RagStatus, Section

    big = Plan.objects.create(
        partnership=plan.partnership,
        title=f"{plan.title} (x{copies} benchmark)",
        slug=f"{plan.slug}-x{copies}",
        published=plan.published,
        period_start=plan.period_start,
        period_end=plan.period_end,
        status=Plan.State.ACTIVE,
    )
    RagStatus.objects.bulk_create(
        RagStatus(plan=big, code=r.code, label=r.label, description=r.description) for r in plan.rag_key.all()
    )
    for term in plan.glossary.all():
        big.glossary.create(term=term.term, definition=term.definition)
    actions = list(Action.objects.filter(plan=plan).select_related("aim__section").prefetch_related("owners", "updates"))
    with transaction.atomic():
        for copy in range(copies):
            sections, aims = {}, {}
            for action in actions:
                old_aim = action.aim
                old_section = old_aim.section
                if old_section.pk not in sections:
                    sections[old_section.pk] = Section.objects.create(
                        plan=big, title=f"{old_section.title} ({copy + 1})", aim_label=old_section.aim_label,
                        order=copy * 100 + old_section.order,
                    )
                if old_aim.pk not in aims:
                    aims[old_aim.pk] = Aim.objects.create(
                        section=sections[old_section.pk], number=old_aim.number, title=old_aim.title,
                        how_will_we_know=old_aim.how_will_we_know, desired_outcome=old_aim.desired_outcome,
                        order=old_aim.order,
                    )
                new = Action.objects.create(
                    aim=aims[old_aim.pk], reference=f"{action.reference}.{copy + 1}",
                    description=action.description, target_month=action.target_month,
                    recurrence=action.recurrence, target_text=action.target_text, status=action.status,
                    order=action.order,
                )
                new.owners.set(action.owners.all())
                ProgressUpdate.objects.bulk_create(
                    ProgressUpdate(
                        action=new, status=u.status, commentary=u.commentary, author_name=u.author_name,
                        recorded_at=u.recorded_at, status_derived=u.status_derived,
                    )
                    for u in action.updates.all()
                )
    return big


def measure(plan, period, runs, pdf_path=None):
    from boardpack.pack import pack_context
    from boardpack.services import render_html, render_pdf, stylesheet

    stylesheet()  # parsed once per process, as in the web server
    connection.queries_log.clear()  # the query log holds 9000 at most; copying the plan filled it
    results = []
    for _ in range(runs):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            context = pack_context(plan, period, TODAY)
        wall1 = time.perf_counter()
        html = render_html(context)
        wall2 = time.perf_counter()
        pdf = render_pdf(html)
        wall3, cpu3 = time.perf_counter(), time.process_time()
        results.append(
            {
                "wall": wall3 - wall0, "cpu": cpu3 - cpu0, "data": wall1 - wall0, "html": wall2 - wall1,
                "pdf": wall3 - wall2, "bytes": len(pdf), "queries": len(queries), "pages": page_count(pdf),
            }
        )
    if pdf_path:
        Path(pdf_path).write_bytes(pdf)
    return results


def page_count(pdf):
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def report(label, actions, results):
    walls = [r["wall"] for r in results]
    cpus = [r["cpu"] for r in results]
    best = min(results, key=lambda r: r["wall"])
    print(f"{label}: {actions} actions, {best['pages']} pages, {best['bytes'] / 1024:.0f} KiB, {best['queries']} queries")
    print(
        f"  build wall  min {min(walls):.2f} s  median {statistics.median(walls):.2f} s  max {max(walls):.2f} s"
        f"   CPU min {min(cpus):.2f} s"
    )
    print(f"  fastest run: data {best['data']:.3f} s, HTML {best['html']:.3f} s, WeasyPrint {best['pdf']:.2f} s")
    # The first build in a process starts with cold caches (fonts, templates): a web worker's first pack.
    print(f"  first run (cold caches): {results[0]['wall']:.2f} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf", help="Write the Sefton pack here.")
    args = parser.parse_args()
    from plans.models import Action, Plan, ReportingPeriod

    fresh_database()
    sefton = Plan.objects.get(partnership__name="Sefton Youth Justice Partnership")
    period = ReportingPeriod.objects.get(partnership=sefton.partnership, year=2022, quarter=1)
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    report("Sefton plan", Action.objects.filter(plan=sefton).count(), measure(sefton, period, args.runs, args.pdf))
    big = ten_times(sefton)
    report("Ten times Sefton", Action.objects.filter(plan=big).count(), measure(big, period, args.runs))
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
