import datetime
import io

import pytest
from pypdf import PdfReader

from plans.models import GlossaryTerm, Owner, ReviewNote
from tests.jobs.conftest import run_worker  # noqa: F401  (the queue's worker, in this process)

AFTER_QUARTER = datetime.datetime(2022, 7, 5, 12, tzinfo=datetime.UTC)
IN_QUARTER = datetime.datetime(2022, 5, 10, 12, tzinfo=datetime.UTC)


def pdf_text(pdf):
    reader = PdfReader(io.BytesIO(bytes(pdf)))
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text):
    """pypdf breaks lines where the PDF wraps them; compare on single spaces."""
    return " ".join(text.split())


@pytest.fixture
def pack_plan(plan, partnership, make_action, chair_user):
    """A small plan with one action in each status, updated during Q1 2022/23."""
    priya = Owner.objects.create(partnership=partnership, name="Priya Policy")
    red = make_action(
        owners=[priya],
        description="Agree the resettlement policy",
        target_month=datetime.date(2022, 4, 1),
        status="red",
        commentary="Policy still with legal services",
        recorded_at=IN_QUARTER,
    )
    amber = make_action(owners=[priya], status="amber", commentary="Delayed by staffing", recorded_at=IN_QUARTER)
    make_action(owners=[priya], status="green", commentary="On track", recorded_at=IN_QUARTER)
    make_action(owners=[priya], status="blue", commentary="Done and dusted", recorded_at=IN_QUARTER)
    ReviewNote.objects.create(
        action=red, period=None, author=chair_user, outcome="escalate", note="Add to the risk register"
    )
    GlossaryTerm.objects.create(plan=plan, term="YJS", definition="Youth Justice Service")
    return {"plan": plan, "red": red, "amber": amber, "owner": priya}


@pytest.fixture
def review_note(pack_plan, period, chair_user):
    return ReviewNote.objects.create(
        action=pack_plan["red"], period=period, author=chair_user, outcome="escalate",
        note="Escalate to the risk register",
    )
