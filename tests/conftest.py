"""Shared fixtures: a small plan built in code, one user per role, and the real
Sefton plan for tests that check fidelity to the source."""

import datetime
import itertools
import os
import zoneinfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command

from plans.models import Action, Aim, Membership, Owner, Partnership, Plan, RagStatus, ReportingPeriod, Role, Section

TODAY = datetime.date(2022, 5, 16)  # mid Quarter 1 2022/23
BASELINE = datetime.datetime(2022, 3, 31, 12, tzinfo=datetime.UTC)  # end of 2021/22
_refs = itertools.count(1)


def pytest_configure(config):
    """TEST_CLOCK=YYYY-MM-DD moves the clock for the whole run (and the live
    server's thread). CI runs the suite a second time with it set, so a test
    that reads the real date instead of setting its own fails in CI, not on
    some day in March."""
    clock = os.environ.get("TEST_CLOCK")
    if clock:
        moment = datetime.datetime.combine(
            datetime.date.fromisoformat(clock), datetime.time(9, 30), tzinfo=zoneinfo.ZoneInfo("Europe/London")
        )
        config._test_clock = time_machine.travel(moment, tick=True)
        config._test_clock.start()


def pytest_report_header(config):
    clock = os.environ.get("TEST_CLOCK")
    return f"clock moved to {clock} (TEST_CLOCK)" if clock else "clock: the machine's (set TEST_CLOCK=YYYY-MM-DD to move it)"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Django's real hasher is slow by design; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def today():
    return TODAY


@pytest.fixture
def partnership(db):
    return Partnership.objects.create(name="Testshire Youth Justice Partnership", slug="testshire")


@pytest.fixture
def plan(partnership):
    plan = Plan.objects.create(
        partnership=partnership,
        title="Testshire Service Development Plan",
        slug="testshire-plan",
        published="April 2022",
        period_start=datetime.date(2022, 4, 1),
        period_end=datetime.date(2023, 3, 31),
        status=Plan.State.ACTIVE,
    )
    for code, label, description in [
        ("red", "Red", "No progress"),
        ("amber", "Amber", "Delayed, with a plan"),
        ("green", "Green", "Progressing to time"),
        ("blue", "Blue", "Completed"),
    ]:
        RagStatus.objects.create(plan=plan, code=code, label=label, description=description)
    return plan


@pytest.fixture
def section(plan):
    return Section.objects.create(plan=plan, title="Youth Justice Standards", order=1)


@pytest.fixture
def aim(section):
    return Aim.objects.create(
        section=section,
        number="1",
        title="Reduce the number of first time entrants",
        how_will_we_know="FTE figures will reduce",
        desired_outcome="Children are diverted from the justice system",
        order=1,
    )


@pytest.fixture
def period(partnership):
    return ReportingPeriod.objects.create(
        partnership=partnership,
        year=2022,
        quarter=1,
        update_deadline=datetime.date(2022, 6, 12),
        meeting_date=datetime.date(2022, 7, 28),
    )


def make_user(username, role=None, partnerships=None, **extra):
    """A user; with a role, held in `partnerships` (default: every partnership the
    test has built so far; the sefton fixture extends the roles to Sefton)."""
    user = get_user_model().objects.create_user(
        username=username, password="correct-horse-battery", email=f"{username}@example.org", **extra
    )
    if role:
        for partnership in Partnership.objects.all() if partnerships is None else partnerships:
            Membership.grant(user, partnership, role)
    return user


@pytest.fixture
def owner_user(partnership):
    """An action owner: a person with a login."""
    user = make_user("owner", first_name="Olive", last_name="Owner")
    Owner.objects.create(partnership=partnership, name="Olive Owner", job_title="Team Manager", user=user)
    return user


@pytest.fixture
def team(partnership):
    return Owner.objects.create(partnership=partnership, name="Team Managers", kind=Owner.Kind.TEAM)


@pytest.fixture
def team_member_user(partnership, team):
    """Owns nothing directly; belongs to the Team Managers team."""
    user = make_user("teammate")
    person = Owner.objects.create(partnership=partnership, name="Tam Teammate", user=user)
    team.members.add(person)
    return user


@pytest.fixture
def other_owner_user(partnership):
    user = make_user("stranger")
    Owner.objects.create(partnership=partnership, name="Stan Stranger", user=user)
    return user


@pytest.fixture
def officer_user(partnership):
    return make_user("officer", role=Role.OFFICER)


@pytest.fixture
def member_user(partnership):
    return make_user("member", role=Role.MEMBER)


@pytest.fixture
def chair_user(partnership):
    user = make_user("chair", role=Role.CHAIR)
    chair = Owner.objects.create(partnership=partnership, name="Chair Person", job_title="Superintendent", user=user)
    partnership.chair = chair
    partnership.save()
    return user


@pytest.fixture
def make_action(aim):
    """make_action(owners=[...], target_month=date, recurrence="", status="") -> Action"""

    def make(owners=(), status="", commentary="Baseline", recorded_at=None, **fields):
        first_update_at = recorded_at or BASELINE
        fields.setdefault("reference", f"T{next(_refs)}")
        fields.setdefault("description", "Review the out of court disposal assessment")
        # An action is in the plan from its first update (or the plan's baseline).
        fields.setdefault("created_at", first_update_at)
        action = Action.objects.create(aim=fields.pop("aim", aim), **fields)
        action.owners.set(owners)
        if status or recorded_at:
            action.record_update(
                status=status, commentary=commentary, author_name="Test", recorded_at=first_update_at
            )
        return action

    return make


@pytest.fixture
def sefton(db):
    """The real plan, loaded as `make run` loads it."""
    call_command("load_sefton_plan", today=datetime.date(2022, 5, 16), stdout=open("/dev/null", "w"))
    plan = Plan.objects.get(partnership__name="Sefton Youth Justice Partnership")
    # The role fixtures' people hold the same roles in Sefton, whichever was built first.
    for membership in Membership.objects.exclude(partnership=plan.partnership):
        Membership.grant(membership.user, plan.partnership, membership.role)
    return plan


def work_the_queue():
    """Run what is on the queue with the worker's own code (`db_worker --batch`),
    in this process, so it sees the test database. The worker closes "old"
    connections between tasks; inside a test's transaction that would close the
    test's own connection on PostgreSQL (SQLite's in-memory test database ignores
    it), so that one step is skipped here."""
    from unittest import mock

    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)


@pytest.fixture
def run_worker():
    return work_the_queue

