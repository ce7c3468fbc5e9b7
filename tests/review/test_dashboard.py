import datetime

import pytest
from django.urls import reverse

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
    assert "2 of 3 actions" in html


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


@pytest.mark.parametrize("slug", ["2030-Q1", "nonsense"])
def test_future_or_malformed_quarters_are_not_found(signed_in, member_user, plan, slug):
    assert signed_in(member_user).get(DASHBOARD, {"period": slug}).status_code == 404


def test_no_plan_means_not_found(signed_in, member_user):
    assert signed_in(member_user).get(DASHBOARD).status_code == 404


def test_a_finished_plan_opens_on_its_last_quarter(client, sefton, officer_user):
    from unittest import mock

    client.force_login(officer_user)
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2026, 11, 23)):
        response = client.get("/review/dashboard/")
    assert str(response.context["period"]) == "Quarter 4 2022/23"
    assert not response.context["is_current"]
