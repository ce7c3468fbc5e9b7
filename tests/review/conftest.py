import datetime

import pytest

from plans.models import Aim, ReviewNote

IN_PERIOD = datetime.datetime(2022, 5, 1, 10, tzinfo=datetime.UTC)  # Quarter 1 2022/23
AFTER_PERIOD = datetime.datetime(2022, 7, 15, 10, tzinfo=datetime.UTC)  # Quarter 2
D = datetime.date


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


@pytest.fixture
def varied_plan(plan, aim, second_aim, make_action, update, owner_user, team, team_member_user):
    """Something in every count the dashboard shows, in Quarter 1 2022/23 (today
    is 16 May 2022): every status and direction, overdue and due soon, updated
    and not, an action completed before the quarter (it owes no update), owners
    directly and through a team, two aims. A4 turns Red after the quarter."""
    olive, tam = owner_user.owner, team_member_user.owner
    update(make_action(reference="A1", owners=[olive], status="amber", target_month=D(2022, 3, 1)), "red")
    make_action(reference="A2", owners=[team], status="amber", target_month=D(2022, 5, 1))
    update(make_action(reference="A3", owners=[olive, team], status="red"), "green")
    make_action(reference="A4", owners=[tam], status="green", target_month=D(2022, 2, 1))
    update(make_action(reference="B1", aim=second_aim, owners=[team], status="amber"), "blue")
    make_action(reference="B2", aim=second_aim, owners=[olive], status="blue")
    make_action(reference="B3", aim=second_aim, status="red", recorded_at=IN_PERIOD)
    make_action(reference="B4", aim=second_aim, owners=[tam])
    return plan


@pytest.fixture
def note():
    """note(action, author, outcome, text, when=IN_PERIOD, period=None) records a review note."""

    def record(action, author, outcome="noted", text="Seen", when=IN_PERIOD, period=None):
        return ReviewNote.objects.create(
            action=action, author=author, outcome=outcome, note=text, created_at=when, period=period
        )

    return record
