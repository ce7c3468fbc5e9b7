"""An overdue action arising is chased like a plan action: in its owner's alert digest."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from alerts.digests import plan_digests
from meetings.chasing import overdue_for
from meetings.models import ActionArising, ArisingReminder

from .conftest import MEETING_DAY

DUE = datetime.date(2022, 8, 25)


@pytest.fixture
def arising(meeting, owner_user):
    return ActionArising.objects.create(
        meeting=meeting, description="Bring the recovery plan for the resettlement policy",
        owner=owner_user.owner, due_on=DUE,
    )


def send(day):
    call_command("send_alerts", date=day, verbosity=0)


def test_an_action_arising_is_overdue_for_its_owner_and_their_team_once_its_due_date_has_passed(
    meeting, owner_user, team, team_member_user
):
    mine = ActionArising.objects.create(meeting=meeting, description="Mine", owner=owner_user.owner, due_on=DUE)
    teams = ActionArising.objects.create(meeting=meeting, description="Team's", owner=team, due_on=DUE)
    ActionArising.objects.create(
        meeting=meeting, description="Done", owner=owner_user.owner, due_on=DUE, done_on=MEETING_DAY
    )
    assert list(overdue_for(owner_user.owner, DUE)) == []  # due today: not yet overdue
    assert list(overdue_for(owner_user.owner, DUE + datetime.timedelta(days=1))) == [mine]
    assert list(overdue_for(team_member_user.owner, DUE + datetime.timedelta(days=1))) == [teams]


def test_an_owner_with_only_an_overdue_action_arising_gets_a_digest_that_lists_it(arising, owner_user):
    day = DUE + datetime.timedelta(days=1)
    digests = [digest for digest in plan_digests(day) if digest.recipient == owner_user.owner]
    assert len(digests) == 1
    assert [chased.action for chased in digests[0].arising] == [arising]
    send(day)
    (email,) = [message for message in mail.outbox if message.to == ["owner@example.org"]]
    assert email.subject.startswith("1 action needs your attention")
    assert "ACTIONS ARISING FROM PARTNERSHIP MEETINGS: OVERDUE" in email.body
    assert "Bring the recovery plan for the resettlement policy" in email.body
    assert "due 25 August 2022" in email.body
    assert "/my-actions/#actions-arising" in email.body
    html = email.alternatives[0][0]
    assert "Actions arising from partnership meetings: overdue" in html


def test_the_reminders_follow_the_alert_cadence_and_stop_when_the_action_is_done(arising, owner_user):
    def reminders():
        return [r.sent_on.isoformat() for r in ArisingReminder.objects.order_by("sent_on")]

    first = DUE + datetime.timedelta(days=1)
    send(first)
    send(first)  # a second run the same day sends nothing more
    send(first + datetime.timedelta(days=6))
    send(first + datetime.timedelta(days=7))
    assert reminders() == ["2022-08-26", "2022-09-02"]
    arising.set_done(True, owner_user, first + datetime.timedelta(days=8))
    send(first + datetime.timedelta(days=60))
    assert reminders() == ["2022-08-26", "2022-09-02"]


def test_a_new_due_date_starts_the_reminders_again(arising):
    send(DUE + datetime.timedelta(days=1))
    arising.due_on = datetime.date(2022, 9, 1)
    arising.save()
    send(datetime.date(2022, 9, 2))
    assert [r.occurrence for r in ArisingReminder.objects.order_by("sent_at", "pk")] == ["2022-08-25", "2022-09-01"]


def test_a_teams_action_arising_goes_to_the_plan_officer_when_nobody_in_the_team_has_an_email(meeting, team):
    from plans.models import Owner

    officer = Owner.objects.create(partnership=meeting.partnership, name="Pat Officer", email="officer@example.org")
    meeting.partnership.plan_officer = officer
    meeting.partnership.save()
    ActionArising.objects.create(meeting=meeting, description="Team task", owner=team, due_on=DUE)
    (digest,) = [d for d in plan_digests(DUE + datetime.timedelta(days=1)) if d.arising]
    assert digest.recipient == officer
    assert digest.arising[0].on_behalf_of == team


def test_an_overdue_action_arising_is_in_the_owners_banner_and_nav_count(client, arising, owner_user):
    with time_machine.travel(datetime.datetime(2022, 8, 25, 12), tick=False):
        client.force_login(owner_user)
        assert "Needs your attention" not in client.get("/my-actions/").content.decode()  # due today
    with time_machine.travel(datetime.datetime(2022, 8, 26, 12), tick=False):
        client.force_login(owner_user)  # a new day, a new sign-in (sessions last a working day)
        page = client.get("/my-actions/").content.decode()
    banner = page.split('id="alert-banner-title"')[1].split("</ul>")[0]
    assert "Action arising</a> from the" in banner
    assert "“Bring the recovery plan for the resettlement policy”: overdue since 25 August 2022" in banner
    assert '<span class="app-nav-count" aria-hidden="true">(1)</span>' in page
