"""A carried-forward action's history runs unbroken across plans."""

import datetime

from cycle.history import lineage
from cycle.models import Succession
from plans.models import Action

from .conftest import roll_over, travel

BASELINE_COMMENT = "Other YOT RWMM templates currently being reviewed"


def test_the_carried_action_page_shows_its_own_updates_then_the_previous_plans_in_order(
    sefton, officer_client, officer_user
):
    with travel(datetime.date(2023, 4, 20)):
        roll_over(officer_client, sefton, {"A2.3": ("carried", "")})
    carried = Action.objects.get(plan=Succession.objects.get().next_plan, reference="A2.3")
    with travel(datetime.date(2023, 6, 5)):
        carried.record_update(status="amber", commentary="Template drafted; sign-off due in July.", author=officer_user)
    with travel(datetime.date(2023, 6, 6)):
        officer_client.force_login(officer_user)  # a session lasts a working day
        page = officer_client.get(carried.get_absolute_url()).content.decode()
    order = [
        "Template drafted; sign-off due in July.",  # the new plan's update, newest first
        "Carried forward from action A2.3",  # the carry-forward, the new plan's first entry
        "From the 2022/23 plan",
        BASELINE_COMMENT,  # the old plan's history, below
    ]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions), positions
    old = sefton.actions.get(reference="A2.3")
    assert f'href="{old.get_absolute_url()}"' in page


def test_the_old_action_links_to_its_successor(sefton, officer_client):
    with travel(datetime.date(2026, 11, 29)):
        roll_over(officer_client, sefton, {"A2.3": ("carried", "")})
        old = sefton.actions.get(reference="A2.3")
        page = officer_client.get(old.get_absolute_url()).content.decode()
    carried = Action.objects.get(plan=Succession.objects.get().next_plan, reference="A2.3")
    assert "Action A2.3 was carried forward to the next plan" in page
    assert f'href="{carried.get_absolute_url()}"' in page


def test_the_history_follows_the_chain_back_through_every_earlier_plan(sefton, officer_client):
    with travel(datetime.date(2026, 11, 29)):
        roll_over(officer_client, sefton, {"A2.3": ("carried", "")})
        second = Succession.objects.get().next_plan
        roll_over(
            officer_client, second, {"A2.3": ("carried", "")}, year="2024",
            title="Sefton Youth Justice Service Development Plan 2024/25",
        )
        third = Succession.objects.get(previous_plan=second).next_plan
        latest = Action.objects.get(plan=third, reference="A2.3")
        page = officer_client.get(latest.get_absolute_url()).content.decode()
    assert [earlier.plan for earlier in lineage(latest).earlier] == [second, sefton]
    assert page.index("From the 2023/24 plan") < page.index("From the 2022/23 plan") < page.index(BASELINE_COMMENT)
