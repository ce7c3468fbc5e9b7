"""One quarter under review everywhere (issue 15, item 1): My actions, the
dashboard, the review list, alerts and the board packs page name the same
quarter on every day, before and after the plan ends."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from alerts.rules import Rules
from plans.models import Owner
from plans.periods import Quarter
from plans.reporting import ensure_periods, plans_covering, under_review

LONDON = zoneinfo.ZoneInfo("Europe/London")


def quarterly_days(first, last):
    """The 16th of each quarter's middle month, from ``first``'s quarter to ``last``'s."""
    quarter = Quarter.containing(first)
    while quarter <= Quarter.containing(last):
        middle = quarter.start.replace(month=quarter.start.month + 1)
        yield middle.replace(day=16)
        quarter = quarter.next()


@pytest.fixture
def two_years(partnership, plan, make_action, owner_user, chair_user):
    ensure_periods(partnership, Quarter(2022, 1), Quarter(2024, 1))
    make_action(owners=[Owner.objects.get(user=owner_user)], status="green")
    return plan


def named_quarters(client, owner_user, chair_user, partnership):
    """{page: quarter slug} as each page names the quarter under review."""
    client.force_login(owner_user)
    mine = client.get(reverse("my_actions")).context["period"].slug
    client.force_login(chair_user)
    dashboard = client.get(reverse("review:dashboard")).context["period"].slug
    review_list = client.get(reverse("review:action_list")).context["quarter"].slug
    packs = client.get(reverse("boardpack:index"))
    listed = {period.slug for _, periods in packs.context["plan_periods"] for period in periods}
    today = datetime.date.today()
    alerts = Rules.on(today, partnership).period.slug
    return {
        "my actions": mine,
        "dashboard": dashboard,
        "review list": review_list,
        "alerts": alerts,
        "board packs": packs.context["under_review"].slug,
        "board packs list it": packs.context["under_review"].slug if packs.context["under_review"].slug in listed else None,
    }


def test_every_page_names_the_same_quarter_each_quarter_for_two_years_even_after_the_plan_ends(
    client, two_years, partnership, owner_user, chair_user
):
    for day in quarterly_days(datetime.date(2022, 4, 1), datetime.date(2024, 4, 1)):
        with time_machine.travel(datetime.datetime.combine(day, datetime.time(10), tzinfo=LONDON), tick=False):
            expected = Quarter.containing(day).slug
            assert named_quarters(client, owner_user, chair_user, partnership) == dict.fromkeys(
                ["my actions", "dashboard", "review list", "alerts", "board packs", "board packs list it"], expected
            ), day


def test_an_ended_plan_is_reviewed_in_todays_quarter_until_the_next_plan_starts(two_years, partnership, plan):
    after = under_review(partnership, datetime.date(2023, 11, 16))
    assert after.slug == "2023-Q3"
    assert list(plans_covering(after)) == [plan]
    successor = type(plan).objects.create(
        partnership=partnership, title="Next plan", slug="next-plan", status=plan.State.ACTIVE,
        period_start=datetime.date(2023, 10, 1), period_end=datetime.date(2024, 3, 31),
    )
    assert list(plans_covering(after)) == [successor]
    # The quarter before the successor starts is still the old plan's.
    assert list(plans_covering(under_review(partnership, datetime.date(2023, 8, 16)))) == [plan]
