"""What each line of a digest says, and who it goes to, pinned while send_alerts
is made faster (issue 18): the lines are worked out once per action and owners
and teams are read once per partnership, and neither may change an email."""

import datetime

from django.urls import reverse

from alerts.models import Kind, SentAlert
from plans.models import Owner, Partnership
from plans.rag import Status

APRIL = datetime.date(2022, 4, 1)
MAY = datetime.date(2022, 5, 1)
LONG = " ".join(f"word{n}" for n in range(1, 31)) + " <i>end</i>"


def test_a_line_gives_the_link_the_first_25_words_the_revised_target_and_the_status_in_text_and_html(
    make_action, periods, olive, run, mailoutbox, settings
):
    settings.ALERT_SITE_URL = "https://plan.example.org/"
    action = make_action(
        owners=[olive], target_month=APRIL, revised_target_month=MAY, revised_target_reason="Staff shortage",
        status=Status.RED, description=LONG, recorded_at=datetime.datetime(2022, 4, 20, 12, tzinfo=datetime.UTC),
    )
    run("2022-06-03")  # May has ended: overdue against the revised target
    [message] = mailoutbox
    url = "https://plan.example.org" + reverse("action_detail", args=[action.pk])
    words = " ".join(f"word{n}" for n in range(1, 26)) + " …"
    assert f"- {action.reference}: {words}\n" in message.body
    assert "Target: April 2022 (revised to May 2022). Status: Red." in message.body
    assert f"  {url}\n" in message.body
    html = message.alternatives[0][0]
    assert f'<a href="{url}">{action.reference}</a>: {words}</p>' in html
    assert "Target: April 2022 (revised to May 2022). Status: <strong>Red</strong>." in html
    assert "word26" not in message.body and "word26" not in html


def test_a_line_without_a_revised_target_says_nothing_about_one(make_action, periods, olive, run, mailoutbox):
    make_action(owners=[olive], target_month=APRIL, status=Status.AMBER,
                recorded_at=datetime.datetime(2022, 4, 20, 12, tzinfo=datetime.UTC))
    run("2022-05-02")
    [message] = mailoutbox
    assert "Target: April 2022. Status: Amber." in message.body
    assert "revised" not in message.body and "revised to" not in message.alternatives[0][0]


def test_an_action_under_two_rules_is_a_line_in_each_group_with_the_same_link(
    make_action, periods, olive, run, mailoutbox
):
    action = make_action(owners=[olive], target_month=MAY, status=Status.GREEN)  # overdue and no Quarter 1 update
    run("2022-06-13")
    [message] = mailoutbox
    url = reverse("action_detail", args=[action.pk])
    assert message.body.count(url) == 2
    assert "OVERDUE" in message.body and "UPDATE MISSED" in message.body
    assert message.subject.startswith("1 action needs your attention")


def test_two_teams_nobody_can_be_emailed_for_give_the_plan_officer_one_line_for_the_first_by_name(
    make_action, periods, partnership, plan_officer, run, mailoutbox
):
    zulu = Owner.objects.create(partnership=partnership, name="Zulu Team", kind=Owner.Kind.TEAM)
    alpha = Owner.objects.create(partnership=partnership, name="Alpha Team", kind=Owner.Kind.TEAM)
    action = make_action(owners=[zulu, alpha], target_month=APRIL, status=Status.RED)
    run("2022-05-02")
    alert = SentAlert.objects.get(kind=Kind.OVERDUE)
    assert (alert.recipient, alert.action, alert.on_behalf_of) == (plan_officer, action, alpha)
    assert "nobody in Alpha Team has an email address" in mailoutbox[0].body
    assert "Zulu Team" not in mailoutbox[0].body


def test_a_team_member_from_another_partnership_is_not_told_the_plan_officer_is(
    make_action, periods, team, plan_officer, run, sent
):
    elsewhere = Partnership.objects.create(name="Elsewhere Youth Justice Partnership", slug="elsewhere")
    team.members.add(Owner.objects.create(partnership=elsewhere, name="Linked By Mistake", email="mistake@example.org"))
    action = make_action(owners=[team], target_month=APRIL, status=Status.RED)
    run("2022-05-02")
    assert sent() == [("officer@example.org", action.reference, Kind.OVERDUE, "2022-05-02")]


def test_each_member_of_each_owning_team_gets_one_digest_listing_every_action_they_share(
    make_action, periods, partnership, olive, run, mailoutbox, sent
):
    teams = [Owner.objects.create(partnership=partnership, name=f"Team {n}", kind=Owner.Kind.TEAM) for n in range(3)]
    people = [Owner.objects.create(partnership=partnership, name=f"Person {n}", email=f"p{n}@example.org") for n in range(4)]
    for n, team in enumerate(teams):
        team.members.add(people[n], people[n + 1])
    actions = [make_action(owners=[teams[n % 3], olive], target_month=APRIL, status=Status.RED) for n in range(6)]
    run("2022-05-02")
    to = {message.to[0]: message for message in mailoutbox}
    assert sorted(to) == ["owner@example.org", "p0@example.org", "p1@example.org", "p2@example.org", "p3@example.org"]
    for n, person in enumerate(people):
        mine = [a for i, a in enumerate(actions) if i % 3 in (n - 1, n)]
        assert {row[1] for row in sent(email=person.email)} == {a.reference for a in mine}
        assert to[person.email].subject.startswith(f"{len(mine)} actions need your attention")
    assert len(sent(email="owner@example.org")) == 6
