import datetime

import pytest
from django.core.management import call_command

from alerts.models import SentAlert
from plans.models import Owner
from plans.periods import Quarter
from plans.reporting import ensure_periods


@pytest.fixture
def periods(partnership, period):
    """Quarter 1 2022/23 (deadline 12 June, meeting 28 July) and the rest of the year."""
    ensure_periods(partnership, Quarter(2022, 2), Quarter(2022, 4))
    return period


@pytest.fixture
def plan_officer(partnership):
    officer = Owner.objects.create(
        partnership=partnership, name="Pat Officer", job_title="Plan officer", email="officer@example.org"
    )
    partnership.plan_officer = officer
    partnership.save()
    return officer


@pytest.fixture
def olive(owner_user):
    return owner_user.owner


@pytest.fixture
def run(db, capsys):
    """run("2022-05-16", dry_run=False) -> the command's stdout."""

    def run_command(day, **options):
        call_command("send_alerts", date=datetime.date.fromisoformat(day), **options)
        return capsys.readouterr().out

    return run_command


@pytest.fixture
def sent():
    """sent(**filters) -> [(email, action reference or None, kind, sent_on iso)]"""

    def rows(**filters):
        return [
            (alert.email, alert.action.reference if alert.action else None, alert.kind, alert.sent_on.isoformat())
            for alert in SentAlert.objects.filter(**filters).select_related("action").order_by("sent_on", "pk")
        ]

    return rows


def day(text):
    return datetime.date.fromisoformat(text)
