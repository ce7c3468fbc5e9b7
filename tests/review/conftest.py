import datetime

import pytest

from plans.models import Aim

IN_PERIOD = datetime.datetime(2022, 5, 1, 10, tzinfo=datetime.UTC)  # Quarter 1 2022/23
AFTER_PERIOD = datetime.datetime(2022, 7, 15, 10, tzinfo=datetime.UTC)  # Quarter 2




@pytest.fixture
def second_aim(section):
    return Aim.objects.create(section=section, number="2", title="Reduce reoffending", order=2)


@pytest.fixture
def update():
    """update(action, status, when=IN_PERIOD, commentary=...) records a progress update."""

    def record(action, status, when=IN_PERIOD, commentary="Progress this quarter"):
        action.record_update(status=status, commentary=commentary, author_name="Test", recorded_at=when)
        return action

    return record


@pytest.fixture
def frozen_today(monkeypatch, today):
    """Views read timezone.localdate() once; pin it to the fixtures' today."""
    from django.utils import timezone

    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return today if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return today


@pytest.fixture
def signed_in(client, frozen_today):
    """signed_in(user) -> a client signed in as that user, with today pinned."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def refs(response):
    return [row.record.reference for row in response.context["table"].page.object_list]
