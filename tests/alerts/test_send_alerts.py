"""send_alerts: one digest per person, the cadence (at once, after 7 days,
then every 30 days), hourly runs, failures and crashes."""

import datetime
import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.core.management.base import CommandError

from alerts.models import Kind, SentAlert
from plans.models import Owner
from plans.rag import Status

from .conftest import day

MAY = datetime.date(2022, 5, 1)


@pytest.fixture
def overdue(make_action, periods, olive):
    """Target April 2022, so overdue from 1 May; updated in Quarter 1, so only the date rule fires."""
    return make_action(
        owners=[olive], target_month=datetime.date(2022, 4, 1), status=Status.AMBER,
        recorded_at=datetime.datetime(2022, 4, 20, 12, tzinfo=datetime.UTC),
    )


def test_an_overdue_item_is_emailed_at_once_then_after_7_days_then_every_30_days(overdue, run, sent, mailoutbox):
    start = day("2022-05-02")
    for offset in range(0, 80):
        run((start + datetime.timedelta(days=offset)).isoformat())
    assert [row[3] for row in sent(kind=Kind.OVERDUE)] == ["2022-05-02", "2022-05-09", "2022-06-08", "2022-07-08"]
    assert len(mailoutbox) == 4


def test_running_every_hour_sends_nothing_more(overdue, run, sent, mailoutbox):
    for _ in range(24):
        run("2022-05-02")
    assert len(mailoutbox) == 1
    assert len(sent()) == 1


def test_a_failed_send_marks_nothing_and_the_next_run_sends_it(overdue, run, sent, mailoutbox, monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    with monkeypatch.context() as patch:
        patch.setattr(EmailBackend, "send_messages", refuse)
        with pytest.raises(CommandError, match="1 email"):
            run("2022-05-02")
    assert sent() == []
    run("2022-05-02")  # the hourly re-run after the server is back
    assert len(mailoutbox) == 1
    assert sent() == [("owner@example.org", overdue.reference, Kind.OVERDUE, "2022-05-02")]


def test_after_a_crash_part_way_the_re_run_sends_only_what_had_not_gone(
    overdue, other_owner_user, make_action, run, sent, mailoutbox, monkeypatch
):
    make_action(owners=[other_owner_user.owner], target_month=datetime.date(2022, 4, 1), status=Status.RED)
    real_send = EmailBackend.send_messages
    calls = []

    def send_then_crash(self, messages):
        calls.append(messages)
        if len(calls) > 1:
            raise RuntimeError("killed")
        return real_send(self, messages)

    with monkeypatch.context() as patch:
        patch.setattr(EmailBackend, "send_messages", send_then_crash)
        with pytest.raises(RuntimeError):
            run("2022-05-02")
    first = mailoutbox[0].to
    assert [row[0] for row in sent()] == first
    run("2022-05-02")
    assert [message.to for message in mailoutbox] == [first, [e for e in ("owner@example.org", "stranger@example.org") if [e] != first]]
    assert len(sent()) == 2


def test_dry_run_prints_what_would_be_sent_and_sends_nothing(overdue, run, sent, mailoutbox):
    out = run("2022-05-02", dry_run=True)
    assert "Would send to Olive Owner <owner@example.org>" in out
    assert f"Overdue: {overdue.reference}" in out
    assert mailoutbox == [] and sent() == []


def test_one_digest_per_person_lists_all_their_items_in_text_and_html(make_action, periods, olive, run, mailoutbox):
    late = make_action(owners=[olive], target_month=datetime.date(2022, 4, 1), status=Status.RED, description="Audit <b>bail</b> reports")
    soon = make_action(owners=[olive], target_month=datetime.date(2022, 6, 1), status=Status.GREEN)
    ongoing = make_action(owners=[olive], recurrence="ongoing", status=Status.GREEN)
    run("2022-06-13")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject.startswith("3 actions need your attention")
    for action in (late, soon, ongoing):
        assert action.reference in message.body
    assert "OVERDUE" in message.body and "UPDATE MISSED" in message.body and "DUE SOON" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Audit &lt;b&gt;bail&lt;/b&gt; reports" in html  # the owner's text is escaped
    assert "Audit <b>bail</b> reports" in message.body  # and left alone in plain text


def test_a_teams_actions_go_to_its_members(make_action, periods, team, team_member_user, plan_officer, run, sent):
    action = make_action(owners=[team], target_month=datetime.date(2022, 4, 1), status=Status.RED)
    run("2022-05-02")
    assert sent() == [("teammate@example.org", action.reference, Kind.OVERDUE, "2022-05-02")]


def test_a_team_nobody_can_be_emailed_for_goes_to_the_plan_officer(make_action, periods, team, plan_officer, run, mailoutbox):
    team.members.add(Owner.objects.create(partnership=team.partnership, name="No Email"))
    action = make_action(owners=[team], target_month=datetime.date(2022, 4, 1), status=Status.RED)
    run("2022-05-02")
    alert = SentAlert.objects.get()
    assert (alert.recipient, alert.email, alert.action, alert.on_behalf_of) == (plan_officer, "officer@example.org", action, team)
    assert "nobody in Team Managers has an email address" in mailoutbox[0].body


def test_owning_an_action_directly_and_through_a_team_makes_one_line(make_action, periods, team, team_member_user, run, sent):
    team_member = team_member_user.owner
    make_action(owners=[team, team_member], target_month=datetime.date(2022, 4, 1), status=Status.RED)
    run("2022-05-02")
    assert len(sent()) == 1


def test_a_revised_target_starts_a_fresh_cadence(overdue, run, sent):
    run("2022-05-02")
    overdue.revised_target_month = MAY
    overdue.revised_target_reason = "Staff shortage"
    overdue.save()
    run("2022-06-03")  # May has ended too: a new overdue item, so at once, not in 30 days
    assert [row[3] for row in sent(kind=Kind.OVERDUE)] == ["2022-05-02", "2022-06-03"]


def test_a_missed_update_restarts_its_cadence_each_quarter(make_action, periods, olive, run, sent):
    make_action(owners=[olive], recurrence="quarterly", status=Status.GREEN)
    for today in ("2022-06-13", "2022-06-20", "2022-09-13"):
        run(today)
    assert [row[3] for row in sent(kind=Kind.UPDATE_MISSED)] == ["2022-06-13", "2022-06-20", "2022-09-13"]


def test_the_chair_gets_one_summary_in_the_week_before_the_meeting(make_action, periods, olive, chair_user, run, mailoutbox):
    red = make_action(owners=[olive], target_month=datetime.date(2023, 1, 1), status=Status.RED)
    long_overdue = make_action(owners=[olive], target_month=datetime.date(2022, 5, 1), status=Status.AMBER)
    recently_overdue = make_action(owners=[olive], target_month=datetime.date(2022, 6, 1), status=Status.GREEN)
    run("2022-07-20")  # the meeting is on 28 July: too early
    assert not [m for m in mailoutbox if m.to == ["chair@example.org"]]
    for today in ("2022-07-21", "2022-07-22", "2022-07-28"):
        run(today)
    summaries = [m for m in mailoutbox if m.to == ["chair@example.org"]]
    assert len(summaries) == 1
    body = summaries[0].body
    assert summaries[0].subject.startswith("Before the partnership meeting on 28 July 2022")
    red_part, overdue_part, missing_part = body.split("RED ACTIONS")[1], body.split("OVERDUE BY MORE THAN 30 DAYS")[1], body.split("NO UPDATE FOR")[1]
    assert red.reference in red_part.split("OVERDUE BY")[0]
    assert "owner: Olive Owner)" in red_part
    overdue_lines = overdue_part.split("NO UPDATE FOR")[0]
    assert long_overdue.reference in overdue_lines and recently_overdue.reference not in overdue_lines
    # Every action's baseline was recorded in March, so none was updated in Quarter 1.
    assert all(action.reference in missing_part for action in (red, long_overdue, recently_overdue))


def test_a_run_costs_a_fixed_number_of_queries_plus_one_write_per_email(
    make_action, periods, olive, other_owner_user, team, team_member_user, run, django_assert_max_num_queries
):
    for n in range(30):
        owner = [olive, other_owner_user.owner, team][n % 3]
        make_action(owners=[owner], target_month=datetime.date(2022, 4 + n % 4, 1), status=Status.AMBER)
    with django_assert_max_num_queries(12 + 3 * 3):  # planning, then savepoint, insert, release per email
        run("2022-06-13")
    assert SentAlert.objects.values("email").distinct().count() == 3
