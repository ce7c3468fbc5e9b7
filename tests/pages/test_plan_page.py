"""The plan page and the aim page (issue 18): a plan's page does not grow with
the plan. A small plan lists every action; a large one shows each aim with its
actions counted by status (words, never colour alone) and overdue, and the aim's
own page lists its actions."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from plans.models import Action, Aim, Owner, Partnership, Plan, Section
from plans.views import plans as plan_views

D = datetime.date
# What a 10x Sefton plan looks like: 590 actions under 110 aims, each action's
# description as long as the longer ones in the real plan.
TEN_X_ACTIONS, TEN_X_AIMS = 590, 110
LONG_TEXT = "Work with schools, the police and children's social care to review the referral pathway " * 4


@pytest.fixture(autouse=True)
def on_today():
    """The suite's TODAY (tests/conftest.py), mid Quarter 1 2022/23."""
    with time_machine.travel(datetime.datetime(2022, 5, 16, 10, tzinfo=datetime.UTC), tick=False):
        yield


def open_page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response


def add_actions(plan, aims, count, owner=None, prefix="G"):
    """``count`` actions spread over ``aims``, in bulk (the page is what is tested, not the saving)."""
    actions = Action.objects.bulk_create(
        Action(plan=plan, aim=aims[n % len(aims)], reference=f"{prefix}{n}", description=LONG_TEXT, order=n,
               status=["red", "amber", "green", "blue", ""][n % 5], target_month=D(2023, 3, 1))
        for n in range(count)
    )
    if owner:
        Action.owners.through.objects.bulk_create(
            Action.owners.through(action_id=action.pk, owner_id=owner.pk) for action in actions
        )
    return actions


@pytest.fixture
def ten_x_plan(plan):
    sections = [Section.objects.create(plan=plan, title=f"Priority area {n}", order=n) for n in range(10)]
    aims = Aim.objects.bulk_create(
        Aim(section=sections[n % 10], number=str(n), title=f"Reduce harm in area {n}", order=n)
        for n in range(TEN_X_AIMS)
    )
    owner = Owner.objects.create(partnership=plan.partnership, name="Team Managers", kind=Owner.Kind.TEAM)
    add_actions(plan, aims, TEN_X_ACTIONS, owner)
    return plan


def test_a_small_plan_lists_every_action_with_its_status_word_owner_and_overdue_flag(
    client, member_user, plan, make_action, owner_user
):
    make_action(owners=[owner_user.owner], reference="A1.1", status="amber", target_month=D(2022, 1, 1))
    make_action(reference="A1.2", status="green", target_month=D(2023, 1, 1))
    html = open_page(client, member_user, plan.get_absolute_url()).content.decode()
    assert html.index("Aim 1: Reduce the number of first time entrants") < html.index("A1.1") < html.index("A1.2")
    assert 'app-rag--amber">Amber</strong>' in html and 'app-rag--green">Green</strong>' in html
    assert "Olive Owner" in html
    assert html.count(">Overdue</strong>") == 1


def test_the_plan_page_makes_the_same_number_of_queries_for_5_or_50_actions(
    client, member_user, plan, aim, django_assert_max_num_queries
):
    client.force_login(member_user)
    owner = Owner.objects.create(partnership=plan.partnership, name="Team Managers", kind=Owner.Kind.TEAM)
    counts = {}
    for total, more in ((5, 5), (50, 45)):
        add_actions(plan, [aim], more, owner, prefix=f"B{total}-")
        with django_assert_max_num_queries(20) as captured:
            response = client.get(plan.get_absolute_url())
        assert response.content.decode().count("action page</span>") == total  # all listed
        counts[total] = len(captured)
    assert counts[5] == counts[50]


def test_a_10x_plan_page_shows_its_aims_with_counts_not_every_action_and_stays_under_300_kb(
    client, member_user, ten_x_plan, django_assert_max_num_queries
):
    client.force_login(member_user)
    with django_assert_max_num_queries(20):
        response = client.get(ten_x_plan.get_absolute_url())
    html = response.content.decode()
    assert len(response.content) < 300 * 1024, f"{len(response.content) // 1024} KB"
    assert LONG_TEXT[:40] not in html  # no action's text
    assert f"This plan has {TEN_X_ACTIONS} actions" in html
    first_aim = Aim.objects.filter(section__plan=ten_x_plan, number="0").get()
    assert f'href="{reverse("aim_detail", args=[ten_x_plan.slug, first_aim.pk])}"' in html
    assert html.count('href="/plans/testshire-plan/aims/') == TEN_X_AIMS
    for word in ("Red", "Amber", "Green", "Blue (completed)", "Not rated", "Overdue"):
        assert f'govuk-table__header--numeric">{word}</th>' in html


def test_each_aim_counts_its_actions_by_status_and_overdue(client, member_user, plan, aim, make_action, monkeypatch):
    monkeypatch.setattr(plan_views, "FULL_LISTING_LIMIT", 2)  # show the outline for a few actions
    make_action(status="red", target_month=D(2022, 1, 1))  # overdue
    make_action(status="red", target_month=D(2023, 1, 1))
    make_action(status="blue", target_month=D(2022, 1, 1))  # completed: not overdue
    make_action(target_month=D(2022, 2, 1))  # not rated, overdue
    response = open_page(client, member_user, plan.get_absolute_url())
    counted = response.context["sections"][aim.section][0]
    assert (counted.action_count, counted.red_count, counted.blue_count, counted.unrated_count) == (4, 2, 1, 1)
    assert counted.overdue_count == 2
    assert ">2 overdue</strong>" in response.content.decode()


def test_a_plan_with_more_aims_than_a_page_shows_them_a_page_at_a_time(client, member_user, plan, section, monkeypatch):
    monkeypatch.setattr(plan_views, "FULL_LISTING_LIMIT", 2)
    monkeypatch.setattr(plan_views, "AIMS_PAGE_SIZE", 3)
    # Made last to first: the page follows the plan's order, not the order rows were added in.
    aims = [Aim.objects.create(section=section, number=str(n), title=f"Aim number {n}", order=n) for n in range(5, 0, -1)]
    add_actions(plan, aims, 5)
    first = open_page(client, member_user, plan.get_absolute_url()).content.decode()
    assert "This plan has 5 actions" in first and "Aims 1 to 3 of 5 are shown." in first
    assert "Aim number 3" in first and "Aim number 4" not in first
    assert 'aria-label="Pages of aims"' in first
    second = client.get(plan.get_absolute_url(), {"page": 2}).content.decode()
    assert "Aim number 4" in second and "Aim number 5" in second and "Aim number 3" not in second
    assert "This plan has 5 actions" in second  # the counts are the whole plan's on every page


def test_the_plans_list_shows_the_newest_plan_first_whatever_order_they_were_added(client, member_user, plan):
    newer = Plan.objects.create(partnership=plan.partnership, title="Testshire plan 2023/24", slug="testshire-2023",
                                published="April 2023", period_start=D(2023, 4, 1), period_end=D(2024, 3, 31))
    html = open_page(client, member_user, reverse("home")).content.decode()
    assert html.index(newer.title) < html.index(plan.title)


def test_the_aim_page_lists_that_aims_actions_only(client, member_user, plan, section, aim, make_action):
    other_aim = Aim.objects.create(section=section, number="2", title="Reduce reoffending", order=2)
    mine = make_action(reference="A1.1", status="red", target_month=D(2022, 1, 1), description="Train the staff")
    make_action(reference="A2.1", aim=other_aim, description="Open the new office")
    url = reverse("aim_detail", args=[plan.slug, aim.pk])
    html = open_page(client, member_user, url).content.decode()
    assert "<h1" in html and "Aim 1: Reduce the number of first time entrants</h1>" in html
    assert mine.get_absolute_url() in html and "Train the staff" in html
    assert "Open the new office" not in html
    assert 'app-rag--red">Red</strong>' in html and ">Overdue</strong>" in html
    assert f'href="{plan.get_absolute_url()}"' in html  # back to the whole plan


def test_a_huge_aim_lists_its_actions_a_page_at_a_time(client, member_user, plan, aim, monkeypatch):
    monkeypatch.setattr(plan_views, "AIM_PAGE_SIZE", 10)
    add_actions(plan, [aim], 25)
    url = reverse("aim_detail", args=[plan.slug, aim.pk])
    first = open_page(client, member_user, url)
    assert len(first.context["actions"]) == 10
    assert "Actions 1 to 10 of 25" in first.content.decode()
    assert [a.reference for a in client.get(url, {"page": 3}).context["actions"]] == ["G20", "G21", "G22", "G23", "G24"]


def test_an_aim_is_found_only_under_its_own_plan(client, member_user, plan, aim):
    client.force_login(member_user)
    other_plan = Plan.objects.create(
        partnership=plan.partnership, title="Another plan", slug="another-plan",
        period_start=D(2022, 4, 1), period_end=D(2023, 3, 31),
    )
    assert client.get(reverse("aim_detail", args=[other_plan.slug, aim.pk])).status_code == 404
    assert client.get(reverse("aim_detail", args=[plan.slug, aim.pk + 1000])).status_code == 404


def test_another_partnerships_aim_is_a_404(client, member_user, plan, aim):
    other = Partnership.objects.create(name="Otherton Youth Justice Partnership", slug="otherton")
    other_plan = Plan.objects.create(
        partnership=other, title="Otherton plan", slug="otherton-plan",
        period_start=D(2022, 4, 1), period_end=D(2023, 3, 31),
    )
    other_aim = Aim.objects.create(section=Section.objects.create(plan=other_plan, title="S", order=1),
                                   number="1", title="Secret aim", order=1)
    client.force_login(member_user)
    assert client.get(reverse("aim_detail", args=[other_plan.slug, other_aim.pk])).status_code == 404


def test_the_action_page_leads_back_to_its_aim(client, member_user, plan, aim, make_action):
    action = make_action()
    html = open_page(client, member_user, action.get_absolute_url()).content.decode()
    assert f'href="{reverse("aim_detail", args=[plan.slug, aim.pk])}"' in html
