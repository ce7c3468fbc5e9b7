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
