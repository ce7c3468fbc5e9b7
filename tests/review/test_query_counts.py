"""The dashboard and review list must not run a query per action."""

import pytest
from django.urls import reverse

from plans.models import Action, Owner

from .conftest import IN_PERIOD

# Measured 19 (dashboard: SQL aggregates and two capped lists, a few queries
# each, review.dashboard) and 14 (list, page 2 sorted by status: one more since
# each row shows its latest review note) at both 10 and 500 actions, including
# session, user, groups and the shared header's queries; spare for the shared
# chrome. A query per row would add 25 or more.
DASHBOARD_QUERIES = 20
LIST_QUERIES = 15


@pytest.fixture
def many_actions(make_action, partnership, update):
    def build(count):
        owners = [Owner.objects.create(partnership=partnership, name=f"Owner {n}") for n in range(5)]
        for number in range(count):
            action = make_action(owners=owners[number % 5 : number % 5 + 2], status=["red", "amber", "green"][number % 3])
            if number % 2:
                update(action, "amber", when=IN_PERIOD)
        assert Action.objects.count() == count

    return build


@pytest.mark.parametrize("count", [10, 500])
def test_dashboard_queries_do_not_grow_with_actions(
    signed_in, chair_user, plan, period, many_actions, count, django_assert_max_num_queries
):
    many_actions(count)
    client = signed_in(chair_user)

    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = client.get(reverse("review:dashboard"))

    assert response.context["summary"].total == count


@pytest.mark.parametrize("count", [10, 500])
def test_review_list_queries_do_not_grow_with_actions(
    signed_in, chair_user, plan, period, many_actions, count, django_assert_max_num_queries
):
    many_actions(count)
    client = signed_in(chair_user)

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(reverse("review:action_list"), {"plan": "", "sort": "status_now", "page": 2})

    assert response.context["table"].paginator.count == count
