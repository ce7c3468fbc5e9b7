"""In the site: the banner, the count beside "My actions", and "Alerts sent to you"."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.timezone import localtime

from alerts.attention import Attention, attention_for
from alerts.models import Kind, SentAlert
from plans.rag import Status

from .conftest import day


@pytest.fixture
def olive_actions(make_action, periods, olive, team, team_member_user):
    """On 13 June 2022: one overdue and not updated this quarter, one recurring
    and not updated, one overdue through a team, and one that is fine."""
    team.members.add(olive)
    return {
        "overdue": make_action(owners=[olive], target_month=datetime.date(2022, 4, 1), status=Status.RED),
        "ongoing": make_action(owners=[olive], recurrence="ongoing", status=Status.GREEN),
        "team": make_action(owners=[team], target_month=datetime.date(2022, 5, 1), status=Status.GREEN,
                            recorded_at=datetime.datetime(2022, 4, 20, tzinfo=datetime.UTC)),
        "fine": make_action(owners=[olive], target_month=datetime.date(2023, 1, 1), status=Status.GREEN,
                            recorded_at=datetime.datetime(2022, 4, 20, tzinfo=datetime.UTC)),
    }


def test_attention_counts_each_action_once_however_many_rules_it_breaks(olive_actions, owner_user):
    attention = attention_for(owner_user, day("2022-06-13"))
    reasons = {action.reference: labels for action, labels in attention.actions_with_reasons()}
    overdue, team, ongoing = (olive_actions[key].reference for key in ("overdue", "team", "ongoing"))
    assert reasons == {overdue: ["Overdue", "Update missed"], team: ["Overdue"], ongoing: ["Update missed"]}
    assert list(reasons)[-1] == ongoing  # the overdue first: the most urgent rule an action breaks orders the list
    assert attention.count == 3


def test_the_banner_names_the_ten_most_urgent_and_counts_the_rest(make_action, periods, olive, owner_user):
    overdue = [make_action(owners=[olive], target_month=datetime.date(2022, 4, 1), status=Status.RED) for _ in range(3)]
    for _ in range(9):
        make_action(owners=[olive], recurrence="ongoing", status=Status.GREEN)  # update missed only
    attention = attention_for(owner_user, day("2022-06-13"))
    named = [action.reference for action, _ in attention.actions_with_reasons()]
    assert attention.count == 12
    assert len(named) == 10 and attention.more == 2
    assert named[:3] == [action.reference for action in overdue]


def test_someone_who_owns_nothing_has_nothing_to_attend_to(olive_actions, other_owner_user):
    assert attention_for(other_owner_user, day("2022-06-13")).count == 0


@pytest.fixture
def on_13_june(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: day("2022-06-13"))


def test_my_actions_shows_the_banner_and_the_nav_count(
    client, olive_actions, owner_user, on_13_june, django_assert_max_num_queries
):
    client.force_login(owner_user)
    with django_assert_max_num_queries(40):
        page = client.get(reverse("my_actions")).content.decode()
    assert '<span class="app-nav-count" aria-hidden="true">(3)</span>' in page
    banner = page.split('id="alert-banner-title"')[1].split("</ul>")[0]
    assert "3 actions of yours need attention" in banner
    overdue, ongoing, team = (olive_actions[key].reference for key in ("overdue", "ongoing", "team"))
    # Each action once, with every reason it needs attention.
    assert banner.count(f">{overdue}</a>") == 1
    assert f">{overdue}</a>: Overdue, update missed</li>" in banner
    assert f">{ongoing}</a>: Update missed</li>" in banner
    assert f">{team}</a>: Overdue</li>" in banner
    assert olive_actions["fine"].reference not in banner


def test_the_banner_writes_large_counts_with_commas():
    html = render_to_string("alerts/banner.html", {"attention": Attention(1154)})
    assert "1,154 actions of yours need attention" in html and "And 1,154 more." in html


def test_a_page_with_the_banner_takes_the_nav_count_from_it_not_from_a_second_count(
    client, olive_actions, owner_user, on_13_june, monkeypatch
):
    def counted_again(*args):
        raise AssertionError("the navigation counted the actions again")

    monkeypatch.setattr("alerts.attention.attention_count", counted_again)
    client.force_login(owner_user)
    for name in ("my_actions", "alerts:sent"):
        page = client.get(reverse(name)).content.decode()
        assert '<span class="app-nav-count" aria-hidden="true">(3)</span>' in page
        assert "3 actions of yours need attention" in page


def test_the_banner_is_absent_when_nothing_needs_attention(client, other_owner_user, periods, on_13_june, make_action):
    # An action that is up to date: "My actions" shows only to people who own one (issue 14, item 4).
    make_action(owners=[other_owner_user.owner], target_month=datetime.date(2023, 1, 1), status=Status.GREEN,
                recorded_at=datetime.datetime(2022, 4, 20, tzinfo=datetime.UTC))
    client.force_login(other_owner_user)
    page = client.get(reverse("alerts:sent")).content.decode()
    assert "Needs your attention" not in page
    assert '<span class="app-nav-count" aria-hidden="true">(0)</span>' in page


def test_alerts_sent_lists_only_your_own_alerts_with_when_they_were_sent(
    client, olive_actions, owner_user, other_owner_user, run
):
    run("2022-06-13")
    stranger_alert = SentAlert.objects.create(
        recipient=other_owner_user.owner, email="stranger@example.org", action=olive_actions["fine"],
        kind=Kind.DUE_SOON, occurrence="2023-01", sent_on=day("2022-06-13"),
    )
    client.force_login(owner_user)
    page = client.get(reverse("alerts:sent")).content.decode()
    assert "<h1" in page and page.count("<h1") == 1
    mine = SentAlert.objects.filter(recipient=owner_user.owner)
    assert mine.count() == 4  # one action is both overdue and missing its update
    rows = page.split("<tbody")[1]
    for alert in mine:
        assert alert.action.reference in rows
        assert f'datetime="{localtime(alert.sent_at).isoformat()}"' in rows
    assert "Update missed" in page and "Overdue" in page
    # Matched as a link: a bare "T16" also appears in a time such as 2026-11-29T16:09.
    assert f">{stranger_alert.action.reference}</a>" not in rows


def test_alerts_sent_query_count_does_not_grow_with_the_number_of_alerts(
    client, olive_actions, owner_user, run, django_assert_max_num_queries
):
    for today in ("2022-06-13", "2022-06-20", "2022-07-20", "2022-08-20"):
        run(today)
    client.force_login(owner_user)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("alerts:sent")).status_code == 200


def test_alerts_sent_asks_visitors_to_sign_in(client):
    response = client.get(reverse("alerts:sent"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_a_sign_in_with_no_owner_record_is_told_why_it_gets_no_alerts(client, member_user):
    client.force_login(member_user)
    assert "not linked to an action owner" in client.get(reverse("alerts:sent")).content.decode()
