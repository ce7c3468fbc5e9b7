"""A small plan with one exception of each kind, Quarter 1 2022/23, and the board's agencies.

The clock is pinned to 1 August 2022, a few days after the Quarter 1 meeting
(28 July 2022), for every test here: the views read the date."""

import datetime
import zoneinfo

import pytest
import time_machine

from meetings.agenda import draw_agenda
from meetings.models import Agency, Meeting
from plans.models import Owner

LONDON = zoneinfo.ZoneInfo("Europe/London")
TODAY = datetime.date(2022, 8, 1)
MEETING_DAY = datetime.date(2022, 7, 28)
IN_QUARTER = datetime.datetime(2022, 5, 10, 12, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2022, 8, 1, 10, tzinfo=LONDON), tick=False):
        yield TODAY


@pytest.fixture
def priya(partnership):
    return Owner.objects.create(partnership=partnership, name="Priya Policy", job_title="Policy Lead")


@pytest.fixture
def exceptions_plan(plan, make_action, priya):
    """Red, Amber, an overdue Green, an on-time Green and a Blue action, rated in Quarter 1."""

    def make(status, description, target=None):
        return make_action(
            owners=[priya], status=status, description=description, target_month=target,
            commentary=f"{status} commentary", recorded_at=IN_QUARTER,
        )

    return {
        "amber": make("amber", "Delayed by staffing", datetime.date(2023, 1, 1)),
        "red": make("red", "Agree the resettlement policy", datetime.date(2023, 2, 1)),
        "overdue": make("green", "Train the panel members", datetime.date(2022, 5, 1)),
        "green": make("green", "On track to time", datetime.date(2023, 3, 1)),
        "blue": make("blue", "Done and dusted", datetime.date(2022, 4, 1)),
    }


@pytest.fixture
def agencies(partnership):
    return [
        Agency.objects.create(partnership=partnership, name=name, representative=role, order=order)
        for order, (name, role) in enumerate(
            [
                ("Merseyside Police", "Chair"),
                ("Probation Service", "Head of Probation"),
                ("Sefton Council: Children's Social Care", "Head of Children's Social Care"),
            ],
            start=1,
        )
    ]


@pytest.fixture
def meeting(partnership, plan, period, exceptions_plan, chair_user):
    meeting = Meeting.objects.create(
        partnership=partnership, plan=plan, period=period, held_on=MEETING_DAY,
        location="Committee Room, Bootle Town Hall", created_by=chair_user,
    )
    draw_agenda(meeting, TODAY)
    return meeting


def exception_items(meeting):
    return list(meeting.items.filter(kind="exception"))
