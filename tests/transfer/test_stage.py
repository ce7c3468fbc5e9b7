"""The implementation stage beside the RAG rating (issue 17, item 2): shown, filtered, exported, in the pack."""

import datetime

import time_machine
from django.urls import reverse

from transfer import export, layout
from transfer.guards import read_table

TODAY = datetime.datetime(2022, 5, 16, 12, tzinfo=datetime.UTC)


def test_the_stage_is_exported_beside_the_status_and_read_back(plan, make_action):
    make_action(reference="A1", status="green", stage="in_progress")
    table = read_table(export.plan_xlsx(plan), "p.xlsx")
    row = dict(zip(table[0], table[1]))
    assert (row[layout.STATUS], row[layout.STAGE]) == ("Green", "In progress")


def test_the_plan_and_action_pages_show_the_stage_as_a_word(client, officer_user, plan, make_action):
    action = make_action(reference="A1", status="amber", stage="not_started", owner_text="Team <b>Managers</b>")
    client.force_login(officer_user)
    plan_page = client.get(plan.get_absolute_url()).content.decode()
    action_page = client.get(action.get_absolute_url()).content.decode()
    assert "Not started" in plan_page
    assert "Implementation stage" in action_page and "Not started" in action_page
    assert "Team &lt;b&gt;Managers&lt;/b&gt;" in action_page and "<b>Managers" not in action_page


def test_the_review_list_filters_by_stage(client, officer_user, plan, period, make_action):
    make_action(reference="S1", status="red", stage="in_progress")
    make_action(reference="S2", status="red", stage="completed")
    client.force_login(officer_user)
    with time_machine.travel(TODAY):
        page = client.get(reverse("review:action_list"), {"plan": plan.pk, "status": ["red"], "stage": "in_progress"})
    references = [row.record.reference for row in page.context["table"].page.object_list]
    assert references == ["S1"]


def test_the_packs_plan_in_full_shows_the_stage_and_the_owner_as_written(client, officer_user, plan, period,
                                                                          make_action):
    make_action(reference="P1", status="green", stage="ongoing", owner_text="TBC")
    client.force_login(officer_user)
    with time_machine.travel(TODAY):
        page = client.get(reverse("boardpack:preview", args=[plan.slug, period.slug])).content.decode()
    plan_in_full = page.split('id="bp-plan"')[1].split('id="bp-key"')[0]
    assert "Ongoing" in plan_in_full and "As written in the plan: “TBC”" in plan_in_full
