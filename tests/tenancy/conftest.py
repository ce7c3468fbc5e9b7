"""Two partnerships, A and B, each with one of everything a page can show or
take by id (issue 14's matrix), and A's people in every role.

B's names are distinctive ("Bravoshire", "BRAVO-SECRET") so a page that leaks
them is caught by a plain search of its body. The clock is pinned to 1 August
2022: Quarter 1 2022/23 has ended and its meeting has been held, so closing,
packs and meetings all have something to do."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client

from alerts.models import Kind, SentAlert
from boardpack.models import BoardPack, FrozenPlan
from indicators.models import Area, Indicator, IndicatorPeriod, IndicatorValue
from meetings.models import ActionArising, Agency, AgendaItem, ArisingReminder, Meeting
from plans.models import (
    Action, Aim, GlossaryTerm, Owner, Partnership, Plan, RagStatus, ReportingPeriod, ReviewNote, Role, Section,
)
from tests.conftest import make_user

LONDON = zoneinfo.ZoneInfo("Europe/London")
NOW = datetime.datetime(2022, 8, 1, 10, tzinfo=LONDON)
IN_QUARTER = datetime.datetime(2022, 5, 10, 12, tzinfo=datetime.UTC)
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
ROLES = ["anonymous", "owner", "member", "chair", "officer", "superuser"]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield NOW.date()


def build(name, slug, word):
    """One partnership with a plan and one of every record a page takes by id."""
    partnership = Partnership.objects.create(name=f"{name} Youth Justice Partnership", slug=slug)
    plan = Plan.objects.create(
        partnership=partnership, title=f"{name} Service Development Plan", slug=f"{slug}-plan",
        published="April 2022", period_start=datetime.date(2022, 4, 1), period_end=datetime.date(2023, 3, 31),
        status=Plan.State.ACTIVE,
    )
    for code, label in [("red", "Red"), ("amber", "Amber"), ("green", "Green"), ("blue", "Blue")]:
        RagStatus.objects.create(plan=plan, code=code, label=label, description=label)
    section = Section.objects.create(plan=plan, title=f"{word} standards section", order=1)
    aim = Aim.objects.create(
        section=section, number="1", title=f"{word} aim", how_will_we_know="Figures", desired_outcome="Better", order=1,
    )
    owner = Owner.objects.create(partnership=partnership, name=f"{word} Owner", job_title="Team Manager")
    action = Action.objects.create(
        aim=aim, reference=f"{word[:1]}1", description=f"{word} action text", created_at=IN_QUARTER,
        target_month=datetime.date(2023, 1, 1),
    )
    action.owners.set([owner])
    action.record_update(status="red", commentary=f"{word} commentary", author_name="Test", recorded_at=IN_QUARTER)
    period = ReportingPeriod.objects.create(
        partnership=partnership, year=2022, quarter=1,
        update_deadline=datetime.date(2022, 6, 12), meeting_date=datetime.date(2022, 7, 28),
    )
    pack = BoardPack.objects.create(
        plan=plan, period=period, created_at=NOW, data_as_at=NOW, pdf=f"%PDF-1.4 {word}".encode(),
    )
    meeting = Meeting.objects.create(
        partnership=partnership, plan=plan, period=period, held_on=datetime.date(2022, 7, 28), location=f"{word} hall",
    )
    item = AgendaItem.objects.create(meeting=meeting, title=f"{word} agenda item", order=1)
    arising = ActionArising.objects.create(
        meeting=meeting, item=item, description=f"{word} arising", owner=owner, due_on=datetime.date(2022, 9, 1),
    )
    indicator = Indicator.objects.create(
        partnership=partnership, name=f"{word} first time entrants", slug="fte", definition="Entrants",
        unit="per_100k", better="lower",
    )
    area = Area.objects.create(partnership=partnership, name=f"{word} area", kind="own")
    indicator_period, _ = IndicatorPeriod.objects.get_or_create(
        label="Jan 21 - Dec 21", defaults={"start": datetime.date(2021, 1, 1), "end": datetime.date(2021, 12, 31)}
    )
    value = IndicatorValue.objects.create(indicator=indicator, period=indicator_period, area=area, value=100)
    note = ReviewNote.objects.create(action=action, period=period, outcome="challenge", note=f"{word} challenge note")
    alert = SentAlert.objects.create(
        recipient=owner, email=f"{slug}@example.org", action=action, kind=Kind.OVERDUE, occurrence="2023-01",
        sent_on=datetime.date(2022, 7, 1),
    )
    glossary = GlossaryTerm.objects.create(plan=plan, term=f"{word} term", definition="Meaning")
    agency = Agency.objects.create(partnership=partnership, name=f"{word} agency", representative="Head")
    reminder = ArisingReminder.objects.create(
        action=arising, recipient=owner, email=f"{slug}@example.org", occurrence="2022-09", sent_on=datetime.date(2022, 7, 1),
    )
    frozen = FrozenPlan.objects.create(
        period=period, plan=plan, frozen_at=NOW, title=plan.title, partnership_name=partnership.name,
    )
    person = make_user(f"{slug}-person", role=Role.MEMBER, partnerships=[partnership], first_name=word)
    team = Owner.objects.create(partnership=partnership, name=f"{word} Team", kind=Owner.Kind.TEAM)
    team.members.add(owner)
    return {
        "person": person, "team": team, "value": value,
        "glossary": glossary, "agency": agency, "reminder": reminder, "frozen": frozen,
        "partnership": partnership, "plan": plan, "section": section, "aim": aim, "owner": owner, "action": action,
        "update": action.updates.first(),
        "period": period, "pack": pack, "meeting": meeting, "item": item, "arising": arising,
        "indicator": indicator, "area": area, "note": note, "alert": alert, "word": word,
    }


@pytest.fixture
def world(db):
    """{"A": records, "B": records, "users": {role: user or None}}."""
    a = build("Alphashire", "alphashire", "Alpha")
    b = build("Bravoshire", "bravoshire", "BRAVO-SECRET")
    owner = make_user("owner", partnerships=[])
    a["owner"].user = owner
    a["owner"].save()  # linking the owner grants the OWNER role in A
    users = {
        "anonymous": None,
        "owner": owner,
        "member": make_user("member", role=Role.MEMBER, partnerships=[a["partnership"]]),
        "chair": make_user("chair", role=Role.CHAIR, partnerships=[a["partnership"]]),
        "officer": make_user("officer", role=Role.OFFICER, partnerships=[a["partnership"]]),
        "superuser": get_user_model().objects.create_superuser("root", "root@example.org", "correct-horse-battery"),
    }
    return {"A": a, "B": b, "users": users}


@pytest.fixture
def clients(world):
    """{role: Client signed in as A's person in that role}."""
    found = {}
    for role, user in world["users"].items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user, backend=MODEL_BACKEND)
        found[role] = client
    return found
