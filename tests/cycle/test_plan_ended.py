"""A plan whose period is over says so on every page that shows it (issue 15)."""

import datetime

import pytest

from plans.models import Owner
from tests.conftest import make_user

from .conftest import travel

LAST_DAY = datetime.date(2023, 3, 31)
ENDED = "This plan ended on 31 March 2023."


def test_the_plan_page_says_nothing_has_ended_on_its_last_day_and_says_it_ended_the_day_after(
    sefton, officer_user, client
):
    client.force_login(officer_user)
    with travel(LAST_DAY):
        page = client.get(sefton.get_absolute_url()).content.decode()
    assert "ended on" not in page
    with travel(LAST_DAY + datetime.timedelta(days=1)):
        page = client.get(sefton.get_absolute_url()).content.decode()
    assert ENDED in page
    assert f'href="/plans/{sefton.slug}/next-plan/"' in page
    assert "Start the next plan" in page


def test_the_officer_is_offered_the_next_plan_in_the_final_quarter_but_not_before(sefton, officer_user, client):
    client.force_login(officer_user)
    with travel(datetime.date(2022, 12, 31)):
        assert "Start the next plan" not in client.get(sefton.get_absolute_url()).content.decode()
    with travel(datetime.date(2023, 1, 2)):
        page = client.get(sefton.get_absolute_url()).content.decode()
    assert "This plan ends on 31 March 2023." in page
    assert "Start the next plan" in page


def test_the_chair_sees_the_plan_has_ended_but_is_not_offered_to_start_the_next(sefton, chair_user, client):
    client.force_login(chair_user)
    with travel(datetime.date(2026, 11, 29)):
        page = client.get(sefton.get_absolute_url()).content.decode()
    assert ENDED in page
    assert "The plan officer can start the next plan from it." in page
    assert "/next-plan/" not in page


@pytest.mark.parametrize("suffix", ["", "update/"])
def test_the_action_pages_say_the_plan_has_ended(sefton, officer_user, client, suffix):
    action = sefton.actions.get(reference="A2.3")
    client.force_login(officer_user)
    with travel(datetime.date(2026, 11, 29)):
        page = client.get(f"/actions/{action.pk}/{suffix}").content.decode()
    assert ENDED in page


def test_my_actions_names_the_plan_that_has_ended(sefton, client):
    user = make_user("ros")
    # Saved one by one, not .update(): linking an owner is what grants the owner's role (issue 14).
    for owner in Owner.objects.filter(partnership=sefton.partnership, name__icontains="Stanley"):
        owner.user = user
        owner.save()
    client.force_login(user)
    with travel(datetime.date(2023, 3, 1)):
        assert "ended on" not in client.get("/my-actions/").content.decode()
    with travel(datetime.date(2026, 11, 29)):
        page = client.get("/my-actions/").content.decode()
    assert f"The {sefton.title} ended on 31 March 2023." in page


def test_the_plans_list_marks_an_ended_plan_ended(sefton, member_user, client):
    client.force_login(member_user)
    with travel(LAST_DAY):
        assert "Ended" not in client.get("/").content.decode()
    with travel(datetime.date(2026, 11, 29)):
        assert "Ended 31 March 2023" in client.get("/").content.decode()
