"""Fixtures for the action owners' pages: an action owned directly, one owned
through a team, and the current quarter set up around the shared TODAY."""

import datetime

import pytest
from django.utils import timezone

from tests.conftest import TODAY


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """The views read timezone.localdate() once; pin it (and now()) to mid Quarter 1 2022/23."""
    now = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(10)))
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return TODAY


@pytest.fixture
def owned_action(make_action, owner_user, period):
    return make_action(
        owners=[owner_user.owner], status="green", commentary="Training booked for all staff",
        reference="A1.1", target_month=datetime.date(2022, 9, 1), target_text="September 2022",
    )


@pytest.fixture
def team_action(make_action, team, period):
    return make_action(owners=[team], status="amber", commentary="Waiting for the new database", reference="A1.2")


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in

