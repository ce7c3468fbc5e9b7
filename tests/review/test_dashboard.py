import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from plans.models import Action

from .conftest import AFTER_PERIOD, IN_PERIOD

DASHBOARD = reverse("review:dashboard")


def test_signed_out_visitors_are_sent_to_sign_in(client, plan):
    assert client.get(DASHBOARD).status_code == 302


def test_the_dashboard_counts_statuses_directions_and_updates(
    signed_in, member_user, plan, period, make_action, update, owner_user
):
    olive = owner_user.owner
    update(make_action(owners=[olive], status="amber"), "red")
    make_action(owners=[olive], status="red")
    make_action(status="green", recorded_at=IN_PERIOD)

    response = signed_in(member_user).get(DASHBOARD)

    summary = response.context["summary"]
    assert response.status_code == 200
    assert summary.by_status["red"] == 2
    assert [d.label for d, _, n in summary.direction_counts if n] == ["Deteriorated", "Unchanged", "New"]
    html = response.content.decode()
    assert "Quarter 1 2022/23" in html
    assert 'role="img"' in html
    assert "Olive Owner" in html  # has an action not updated this quarter
    assert "</a> of 3 actions" in html and ">2<span" in html  # 2 of 3 updated, the 2 a link


def test_a_past_quarter_shows_statuses_as_they_were_then(
    signed_in, member_user, plan, period, make_action, update, monkeypatch
):
    update(make_action(status="green"), "red", when=AFTER_PERIOD)
    client = signed_in(member_user)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: datetime.date(2022, 8, 1))

    then = client.get(DASHBOARD, {"period": "2022-Q1"}).context["summary"]
    now = client.get(DASHBOARD).context["summary"]

    assert (then.by_status["green"], then.by_status["red"]) == (1, 0)
    assert (now.by_status["green"], now.by_status["red"]) == (0, 1)


def test_a_quarter_not_yet_set_up_is_the_one_the_chooser_selects(signed_in, member_user, plan, period, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: datetime.date(2022, 8, 1))
    html = signed_in(member_user).get(DASHBOARD).content.decode()
    assert "Dashboard: Quarter 2 2022/23" in html  # no reporting period set up for it yet
    assert '<option value="2022-Q2" selected>Quarter 2 2022/23</option>' in html
    assert '<option value="2022-Q1">Quarter 1 2022/23</option>' in html


@pytest.mark.parametrize("slug", ["2030-Q1", "nonsense"])
def test_future_or_malformed_quarters_are_not_found(signed_in, member_user, plan, slug):
    assert signed_in(member_user).get(DASHBOARD, {"period": slug}).status_code == 404


def test_no_plan_means_not_found(signed_in, member_user):
    assert signed_in(member_user).get(DASHBOARD).status_code == 404


def test_a_finished_plan_opens_on_the_quarter_under_review_like_every_other_page(client, sefton, officer_user):
    """Issue 15: the partnership meets every quarter, so an ended plan is reviewed
    in today's quarter with its final position (it used to open on its last quarter,
    disagreeing with the review list)."""
    from unittest import mock

    client.force_login(officer_user)
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2026, 11, 23)):
        response = client.get("/review/dashboard/")
        listed = client.get("/review/actions/")
    assert str(response.context["period"]) == str(listed.context["quarter"]) == "Quarter 3 2026/27"
    assert response.context["is_current"]


# --- Every count is a link, and the counts add up (issue 16) ----------------------

COUNT_LINK = re.compile(r'<a class="govuk-link" href="([^"]+)">(\d+)<span class="govuk-visually-hidden"> ([^<]+)</span></a>')


def count_links(html):
    """[(href, count, what it counts)] for every count shown as a link."""
    return [(unescape(href), int(count), words) for href, count, words in COUNT_LINK.findall(html)]


def listed(client, href):
    response = client.get(href)
    assert response.status_code == 200, href
    return response.context["table"].paginator.count


EVERY_KIND_OF_COUNT = {
    "actions in the plan",
    "Red or Amber actions",
    "overdue actions",
    "actions due soon",
    "actions updated",
    "Red actions",
    "Not rated actions",
    "Deteriorated actions",
    "New actions",
    "Red actions in Aim 1",
    "Not rated actions in Aim 2",
    "actions in Aim 2",
    "actions updated by Olive Owner",
    "actions not updated by Tam Teammate",
}


def test_every_count_on_the_dashboard_opens_a_list_of_exactly_that_many_actions(
    signed_in, chair_user, varied_plan, period
):
    client = signed_in(chair_user)

    links = count_links(client.get(DASHBOARD).content.decode())

    assert EVERY_KIND_OF_COUNT <= {words for _, _, words in links}
    for href, count, words in links:
        assert href.startswith(reverse("review:action_list") + "?")
        assert listed(client, href) == count, words


def test_a_past_quarters_counts_open_the_list_as_it_was_then(
    signed_in, chair_user, varied_plan, period, update, monkeypatch
):
    update(Action.objects.get(reference="A4"), "red", when=AFTER_PERIOD)
    update(Action.objects.get(reference="A2"), "green", when=AFTER_PERIOD)
    client = signed_in(chair_user)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: datetime.date(2022, 8, 1))

    links = count_links(client.get(DASHBOARD, {"period": "2022-Q1"}).content.decode())

    assert all("period=2022-Q1" in href for href, _, _ in links)
    assert ("Red actions", 2) in [(words, count) for _, count, words in links]  # A4 was still Green
    assert ("overdue actions", 3) in [(words, count) for _, count, words in links]  # judged on 30 June
    for href, count, words in links:
        assert listed(client, href) == count, words


def test_aims_and_owners_link_to_their_actions(signed_in, chair_user, varied_plan, period, aim, owner_user):
    client = signed_in(chair_user)
    html = client.get(DASHBOARD).content.decode()

    aim_link = re.search(r'<a class="govuk-link" href="([^"]+)">Aim 1: ', html).group(1)
    owner_link = re.search(r'<a class="govuk-link" href="([^"]+)">Olive Owner</a>', html).group(1)

    assert listed(client, unescape(aim_link)) == 4
    assert listed(client, unescape(owner_link)) == 3  # A1, A3 and B2, completed before the quarter


def test_zero_is_shown_but_is_not_a_link(signed_in, chair_user, make_action, period):
    make_action(status="green")

    links = count_links(signed_in(chair_user).get(DASHBOARD).content.decode())

    assert "Red actions" not in {words for _, _, words in links}
    assert ("Green actions", 1) in [(words, count) for _, count, words in links]


def test_the_counts_add_up_to_the_total_wherever_they_are_shown(signed_in, chair_user, varied_plan, period):
    response = signed_in(chair_user).get(DASHBOARD)

    summary = response.context["summary"]
    assert summary.total == 8
    assert summary.by_status == {"red": 2, "amber": 1, "green": 2, "blue": 2, "": 1}
    assert sum(summary.directions.values()) == summary.total
    assert sum(entry.total for entry in summary.by_aim) == summary.total
    assert summary.updated + summary.not_updated == 7  # B2 was completed before the quarter
    html = response.content.decode()
    assert ">All aims</th>" in html
    assert html.count(">Not rated</th>") == 1  # a column in the table by aim, beside the four colours


def test_the_red_and_amber_actions_are_listed_red_first_with_their_commentary(
    signed_in, chair_user, varied_plan, period, update
):
    update(Action.objects.get(reference="A2"), "amber", commentary="<i>Waiting</i> " + "for sign-off " * 20)

    response = signed_in(chair_user).get(DASHBOARD)

    assert [action.reference for action in response.context["exceptions"]] == ["A1", "B3", "A2"]
    html = response.content.decode()
    a2 = Action.objects.get(reference="A2")
    assert f'<a class="govuk-link" href="{a2.get_absolute_url()}">A2</a>' in html
    assert "&lt;i&gt;Waiting&lt;/i&gt; for sign-off" in html and "<i>Waiting" not in html
    assert f'<a class="govuk-link" href="{a2.get_absolute_url()}">Read full commentary' in html
    assert "Owners: Team Managers" in html or "Owner: Team Managers" in html


def test_the_plans_list_has_a_not_rated_column_so_the_statuses_add_up(signed_in, chair_user, varied_plan):
    response = signed_in(chair_user).get(reverse("home"))

    plan = response.context["plans"][0]
    counts = [plan.red_count, plan.amber_count, plan.green_count, plan.blue_count, plan.unrated_count]
    assert counts == [2, 1, 2, 2, 1]
    assert sum(counts) == plan.action_count == 8
    assert ">Not rated</th>" in response.content.decode()
