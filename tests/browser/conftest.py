"""Browser journeys: Playwright drives Debian's Chromium against Django's live server.

Playwright's own browser download is not possible here, so the browser is found on
the machine; without it these tests skip with a clear reason (`make test` installs
it when run as root)."""

import datetime
import os
import shutil
import zoneinfo
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# Playwright's sync API runs an event loop in this thread; Django's ORM must be
# allowed to run beside it in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not os.path.exists(CHROMIUM):
                item.add_marker(pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    }


# The day the journeys run on: mid Quarter 3 2026/27, with no update deadline near.
# CI's second run sets TEST_CLOCK to a day just before a deadline, when the
# "Needs your attention" banner lists more actions; the journeys must pass on both.
JOURNEY_DAY = datetime.date(2026, 10, 20)


@pytest.fixture
def clock():
    """The live server and the test share one clock, set here (time-machine moves
    every thread), so a journey never depends on the day it is run."""
    day = datetime.date.fromisoformat(os.environ["TEST_CLOCK"]) if os.environ.get("TEST_CLOCK") else JOURNEY_DAY
    moment = datetime.datetime.combine(day, datetime.time(10), tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    with time_machine.travel(moment, tick=True):
        yield day


@pytest.fixture
def demo(transactional_db, clock):
    """The Sefton plan and the demo users, as `make run` sets them up on the clock's day."""
    call_command("load_sefton_plan", today=clock, stdout=StringIO())
    call_command("load_demo_users", stdout=StringIO())


@pytest.fixture
def sign_in(page, live_server, demo):
    def sign_in_as(username):
        page.goto(f"{live_server.url}/sign-in/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password", exact=True).fill(os.environ.get("DEMO_PASSWORD", "sefton-demo-2026"))
        page.get_by_role("button", name="Sign in").click()
        return page

    return sign_in_as


class AxeChecker:
    """Runs axe-core on a page and remembers which pages were checked."""

    checked = []

    def __call__(self, page):
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        AxeChecker.checked.append((page.url, results.violations_count))
        assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def assert_accessible():
    return AxeChecker()


def pytest_terminal_summary(terminalreporter):
    if AxeChecker.checked:
        terminalreporter.write_line(f"axe-core (WCAG 2.2 A/AA) checked {len(AxeChecker.checked)} pages:")
        for url, count in AxeChecker.checked:
            terminalreporter.write_line(f"  {count} violations  {url}")
