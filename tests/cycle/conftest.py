"""The Sefton plan (April 2022, period 1 April 2022 to 31 March 2023) at the end
of its life, and a helper that rolls it over through the pages as the plan
officer does. The clock is set per test: the demo's day is 29 November 2026."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from pypdf import PdfReader

from plans.models import Action
from plans.rag import Status

LONDON = zoneinfo.ZoneInfo("Europe/London")
DEMO_DAY = datetime.date(2026, 11, 29)


def travel(day, hour=10):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour), tzinfo=LONDON), tick=False)


@pytest.fixture
def demo_day():
    with travel(DEMO_DAY):
        yield DEMO_DAY


@pytest.fixture
def officer_client(client, officer_user):
    client.force_login(officer_user)
    return client


def unfinished(plan):
    return Action.objects.filter(plan=plan).exclude(status=Status.BLUE).order_by("pk")


def details(**overrides):
    return {
        "title": "Sefton Youth Justice Service Development Plan 2023/24",
        "year": "2023",
        "published": "April 2023",
        "sections": "copy",
        **overrides,
    }


def decision_data(plan, choices=None, default="closed", default_text=""):
    """POST data for step 2: ``choices`` maps a reference to (decision, text);
    every other unfinished action gets (``default``, ``default_text``)."""
    choices = choices or {}
    data = {}
    for action in unfinished(plan):
        decision, text = choices.get(action.reference, (default, default_text))
        prefix = f"action-{action.pk}"
        data[f"{prefix}-decision"] = decision
        data[f"{prefix}-reason"] = text
    return data


def roll_over(client, plan, choices=None, default="closed", default_text="", **overrides):
    """Both steps as the officer submits them; returns the second response."""
    step1 = client.post(f"/plans/{plan.slug}/next-plan/", details(**overrides))
    assert step1.status_code == 302, step1.content.decode()[:2000]
    return client.post(
        f"/plans/{plan.slug}/next-plan/actions/", decision_data(plan, choices, default, default_text)
    )


def pdf_text(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
