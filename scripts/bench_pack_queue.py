"""Board packs on the queue (issue 18): what three people asking for packs at once
costs everyone else. In a throwaway SQLite DB with the Sefton plan, DEBUG off,
Django's test client, in ONE run (the machine's speed drifts):

    .venv/bin/python scripts/bench_pack_queue.py [--packs 3] [--samples 15] [--page /board-packs/]

1. baseline: a simple page (the board packs list) with nothing else happening;
2. in the web process (as before the queue): `--packs` people press Generate at
   the same moment (threads of this process, ImmediateBackend) while the page is
   fetched again and again;
3. on the queue: the same presses with the database queue and one
   `manage.py db_worker` process, the page fetched until every pack is built.

Prints medians (ms) of the page and of the Generate press, and how long until
the packs were ready.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = Path(tempfile.mkdtemp()) / "bench_pack_queue.sqlite3"
os.environ.update(
    DATABASE_URL=f"sqlite:///{DB}", DEBUG="0", SECRET_KEY=os.environ.get("SECRET_KEY", "bench"),
    ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="0", AXES_ENABLED="0", JOBS_PER_PERSON="50",
    LOG_LEVEL="WARNING", DJANGO_SETTINGS_MODULE="yjs.settings", PLAIN_STATIC="1",
)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from jobs.models import Job  # noqa: E402
from plans.models import Plan, ReportingPeriod  # noqa: E402

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
PAGE = "/board-packs/"  # --page changes it


def client():
    c = Client()
    c.force_login(get_user_model().objects.get(username="officer"))
    return c


def timed(fn):
    start = time.perf_counter()
    response = fn()
    assert response.status_code in (200, 302), response.status_code
    return (time.perf_counter() - start) * 1000


def press_all(urls):
    """Every Generate pressed at once, each by its own thread; returns their times (ms)."""
    times, threads = [], []
    for url in urls:
        c = client()
        thread = threading.Thread(target=lambda c=c, url=url: times.append(timed(lambda: c.post(url))))
        threads.append(thread)
        thread.start()
    return times, threads


def page_while(busy, samples):
    """Fetch the simple page over and over while ``busy()`` holds (at least ``samples`` times)."""
    c, times = client(), []
    while busy() or len(times) < samples:
        times.append(timed(lambda: c.get(PAGE)))
    return times


def median(values):
    return f"{statistics.median(values):8.0f} ms (n={len(values)})"


def main():
    global PAGE
    parser = argparse.ArgumentParser()
    parser.add_argument("--packs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--page", default=PAGE, help="the simple page to time (signed in as the officer)")
    args = parser.parse_args()
    PAGE = args.page

    call_command("migrate", verbosity=0)
    call_command("load_sefton_plan", stdout=StringIO())
    call_command("load_demo_users", stdout=StringIO())
    plan = Plan.objects.exclude(status=Plan.State.DRAFT).first()
    periods = list(ReportingPeriod.objects.filter(partnership=plan.partnership).order_by("start")[: args.packs])
    urls = [reverse("boardpack:generate", args=[plan.slug, p.slug]) for p in periods]

    c = client()
    c.get(PAGE)  # warm
    baseline = [timed(lambda: c.get(PAGE)) for _ in range(args.samples)]

    with override_settings(TASKS=IMMEDIATE):
        client().post(urls[0])  # warm WeasyPrint's caches, as a running server has them
        started = time.perf_counter()
        presses, threads = press_all(urls)
        during = page_while(lambda: any(t.is_alive() for t in threads), args.samples)
        for t in threads:
            t.join()
        in_web_total = time.perf_counter() - started

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2",
         "--verbosity", "0"],
        cwd=ROOT, env=os.environ.copy(),
    )
    try:
        time.sleep(5)  # let the worker start (imports), as it has in `make run`
        Job.objects.all().delete()
        started = time.perf_counter()
        queued_presses, threads = press_all(urls)
        for t in threads:
            t.join()
        unfinished = lambda: Job.objects.unfinished().exists()  # noqa: E731
        queued_during = page_while(unfinished, args.samples)
        queued_total = time.perf_counter() - started
        failed = Job.objects.filter(status=Job.Status.FAILED).count()
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    print(f"{args.packs} board packs (Sefton plan), DEBUG off, median of the page {PAGE}")
    print(f"  page, nothing else happening:            {median(baseline)}")
    print(f"  page, packs built in the web process:    {median(during)}  (max {max(during):.0f} ms)")
    print(f"  page, packs built by the queue's worker: {median(queued_during)}  (max {max(queued_during):.0f} ms)")
    print(f"  Generate press, built in the web process:{median(presses)}")
    print(f"  Generate press, put on the queue:        {median(queued_presses)}")
    print(f"  all packs ready: web process {in_web_total:.1f} s, queue (one worker) {queued_total:.1f} s"
          f"{f', {failed} FAILED' if failed else ''}")


if __name__ == "__main__":
    main()
