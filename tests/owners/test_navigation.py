"""Each role lands where its work is, and the navigation holds only what the
role can use (issue 14, item 4): owners on My actions, the chair and members
on the review dashboard, the plan officer on the plan; the chair who owns no
action is no longer shown "My actions (0)"."""

import datetime

import pytest
from django.urls import NoReverseMatch, reverse

from alerts.attention import attention_for
from plans.models import Action, Owner, Partnership, Plan, Role
from tests.conftest import make_user

PASSWORD = "correct-horse-battery"  # tests/conftest.py make_user


def people_entry():
    """The People entry, once the people pages exist (another module builds them)."""
    try:
        reverse("people:index")
    except NoReverseMatch:
        return []
    return ["People"]


def nav_labels(client, user, path=None):
    client.force_login(user)
    response = client.get(path or reverse("accessibility"))
    return [item["label"] for item in response.context["nav_items"]], response.content.decode()


def has_meetings_link(html):
    return f'href="{reverse("meetings:index")}"' in html


# --- The navigation -------------------------------------------------------------------------------------------


def test_an_action_owner_sees_my_actions_first_their_alerts_and_no_reviewer_or_officer_pages(
    client, owner_user, owned_action
):
    labels, html = nav_labels(client, owner_user)
    assert labels == ["My actions", "Plans", "Dashboard", "Review", "Indicators", "Alerts"]
    assert not has_meetings_link(html)


def test_a_partnership_member_sees_the_review_pages_and_meetings_but_not_my_actions(client, member_user, plan):
    labels, html = nav_labels(client, member_user)
    assert labels == ["Plans", "Dashboard", "Review", "Indicators", "Board packs"]
    assert has_meetings_link(html)


def test_a_chair_who_owns_no_action_is_not_shown_my_actions(client, chair_user, plan):
    labels, html = nav_labels(client, chair_user)
    assert "My actions" not in labels
    assert "My actions" not in html
    assert labels == ["Plans", "Dashboard", "Review", "Indicators", "Board packs"]
    assert has_meetings_link(html)


def test_a_chair_who_owns_an_action_sees_my_actions_with_its_count_and_the_review_pages(
    client, chair_user, make_action, period
):
    make_action(owners=[chair_user.owner], status="green")
    client.force_login(chair_user)
    nav = client.get(reverse("accessibility")).context["nav_items"]
    labels = [item["label"] for item in nav]
    assert labels == ["My actions", "Plans", "Dashboard", "Review", "Indicators", "Board packs", "Alerts"]
    assert nav[0]["count"] is not None


def test_the_plan_officer_sees_their_tools_and_finds_alerts_on_my_actions_not_in_the_navigation(
    client, officer_user, plan, make_action, period
):
    person = Owner.objects.create(partnership=plan.partnership, name="Pat Officer", user=officer_user)
    make_action(owners=[person], status="amber")
    labels, html = nav_labels(client, officer_user)
    assert labels == [
        "My actions", "Plans", "Dashboard", "Review", "Indicators", "Board packs", "Spreadsheets",
        *people_entry(), "Admin",
    ]
    assert has_meetings_link(html)
    my_actions = client.get(reverse("my_actions")).content.decode()
    assert f'href="{reverse("alerts:sent")}"' in my_actions


def test_meetings_follows_board_packs_in_the_navigation(client, member_user, plan):
    _, html = nav_labels(client, member_user)
    nav = html[html.index('id="navigation"'):]
    assert nav.index(reverse("boardpack:index")) < nav.index(reverse("meetings:index"))


def test_a_person_without_a_role_has_no_navigation(client, partnership):
    labels, _ = nav_labels(client, make_user("newcomer"))
    assert labels == []


def test_every_entry_in_each_persons_navigation_opens_for_them(
    client, owner_user, owned_action, member_user, chair_user, officer_user
):
    for user in (owner_user, member_user, chair_user, officer_user):
        client.force_login(user)
        nav = client.get(reverse("accessibility")).context["nav_items"]
        statuses = {item["label"]: client.get(item["url"], follow=True).status_code for item in nav}
        assert set(statuses.values()) == {200}, (user.username, statuses)


# --- Where each role lands after signing in -------------------------------------------------------------------


def lands_on(client, user):
    client.force_login(user)
    return client.get(reverse("landing"))


def test_an_action_owner_lands_on_my_actions(client, owner_user, plan):
    assert lands_on(client, owner_user).url == reverse("my_actions")


@pytest.mark.parametrize("role", [Role.MEMBER, Role.CHAIR])
def test_the_chair_and_members_land_on_the_review_dashboard(client, plan, role):
    assert lands_on(client, make_user("reviewer", role=role)).url == reverse("review:dashboard")


def test_the_plan_officer_lands_on_the_plan_running_today_not_a_newer_draft(client, officer_user, plan):
    Plan.objects.create(
        partnership=plan.partnership, title="Next plan", slug="next-plan",
        period_start=datetime.date(2023, 4, 1), period_end=datetime.date(2024, 3, 31),
    )
    assert lands_on(client, officer_user).url == plan.get_absolute_url()


def test_the_plan_officer_lands_on_the_newest_plan_when_none_runs_today(client, officer_user, plan):
    plan.period_start, plan.period_end = datetime.date(2020, 4, 1), datetime.date(2021, 3, 31)
    plan.save()
    assert lands_on(client, officer_user).url == plan.get_absolute_url()


def test_an_officer_of_two_partnerships_lands_on_the_plans_list_to_choose(client, plan):
    other = Partnership.objects.create(name="Otherton Youth Justice Partnership", slug="otherton")
    officer = make_user("officer", role=Role.OFFICER, partnerships=[plan.partnership, other])
    assert lands_on(client, officer).url == reverse("home")


def test_an_officer_lands_only_on_their_own_partnerships_plan(client, plan):
    other = Partnership.objects.create(name="Otherton Youth Justice Partnership", slug="otherton")
    Plan.objects.create(
        partnership=other, title="Otherton plan", slug="otherton-plan", status=Plan.State.ACTIVE,
        period_start=datetime.date(2022, 4, 1), period_end=datetime.date(2025, 3, 31),
    )
    officer = make_user("officer", role=Role.OFFICER, partnerships=[plan.partnership])
    assert lands_on(client, officer).url == plan.get_absolute_url()


def test_a_person_without_a_role_is_told_to_ask_their_plan_officer_and_can_sign_out(client, partnership):
    response = lands_on(client, make_user("newcomer"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "You do not have access to a partnership yet" in html
    assert "your plan officer" in html
    assert f'action="{reverse("logout")}"' in html


def test_the_no_access_page_names_the_partnerships_plan_officer_when_there_is_one(client, partnership):
    officer = Owner.objects.create(partnership=partnership, name="Priya <Officer>", email="priya@example.org")
    partnership.plan_officer = officer
    partnership.save()
    html = lands_on(client, make_user("newcomer")).content.decode()
    assert "Priya &lt;Officer&gt;" in html
    assert "mailto:priya@example.org" in html


def test_signing_in_takes_each_person_to_their_landing_page(client, owner_user, plan):
    response = client.post(reverse("login"), {"username": "owner", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("my_actions")


def test_a_next_address_on_sign_in_still_wins(client, owner_user, plan):
    review = reverse("review:action_list")
    response = client.post(f"{reverse('login')}?next={review}", {"username": "owner", "password": PASSWORD})
    assert response.url == review


def test_a_signed_out_visitor_to_the_landing_page_is_asked_to_sign_in(client, db):
    response = client.get(reverse("landing"))
    assert response.url.startswith(reverse("login"))


# --- The count beside "My actions" (issue 18: it runs on every page an owner opens) --------------------------


def nav_count_on_a_page_without_the_banner(client):
    nav = client.get(reverse("accessibility")).context["nav_items"]
    return next(item["count"] for item in nav if item["label"] == "My actions")


def test_the_navigation_count_agrees_with_the_banner_and_costs_the_same_for_2_or_20_actions(
    client, owner_user, team, make_action, period, fixed_today, django_assert_max_num_queries
):
    team.members.add(owner_user.owner)
    fine = dict(status="green", target_month=datetime.date(2023, 1, 1),
                recorded_at=datetime.datetime(2022, 5, 1, tzinfo=datetime.UTC))
    make_action(owners=[owner_user.owner], **fine)
    client.force_login(owner_user)
    queries = {}
    for total in (2, 20):
        while Action.objects.filter(target_month__lt=datetime.date(2023, 1, 1)).count() < total:
            overdue = len(Action.objects.all()) % 2  # overdue, or due within 30 days
            make_action(owners=[team if overdue else owner_user.owner], status="amber",
                        target_month=datetime.date(2022, 3 if overdue else 5, 1),
                        recorded_at=datetime.datetime(2022, 5, 1, tzinfo=datetime.UTC))
        with django_assert_max_num_queries(30) as captured:
            count = nav_count_on_a_page_without_the_banner(client)
        assert count == total == attention_for(owner_user, fixed_today).count
        queries[total] = len(captured)
    assert queries[2] == queries[20]
