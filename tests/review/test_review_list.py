import datetime

import pytest
from django.urls import reverse

from plans.models import Aim, Plan, Section

from .conftest import AFTER_PERIOD, IN_PERIOD, refs

LIST = reverse("review:action_list")


@pytest.fixture
def statuses(make_action):
    """One action in each status, referenced by its status."""
    for status in ["red", "amber", "green", "blue", ""]:
        make_action(reference=status.upper() or "UNRATED", status=status, recorded_at=datetime.datetime(2022, 3, 1, tzinfo=datetime.UTC))


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_list_opens_on_red_and_amber(signed_in, member_user, statuses):
    response = signed_in(member_user).get(LIST)

    assert response.status_code == 200
    assert refs(response) == ["RED", "AMBER"]
    assert [choice.data["selected"] for choice in response.context["filter"].form["status"]][:2] == [True, True]


def test_submitting_the_form_with_no_status_shows_every_status(signed_in, member_user, statuses):
    response = signed_in(member_user).get(LIST, {"plan": ""})

    assert sorted(refs(response)) == ["AMBER", "BLUE", "GREEN", "RED", "UNRATED"]


def test_sorting_keeps_the_default_red_and_amber(signed_in, member_user, statuses):
    response = signed_in(member_user).get(LIST, {"sort": "-status_now"})

    assert refs(response) == ["AMBER", "RED"]


@pytest.mark.parametrize(
    "chosen, expected",
    [(["green"], ["GREEN"]), (["blue", "unrated"], ["BLUE", "UNRATED"]), (["red", "green"], ["RED", "GREEN"])],
)
def test_filter_by_status(signed_in, member_user, statuses, chosen, expected):
    response = signed_in(member_user).get(LIST, {"status": chosen})

    assert refs(response) == expected


def test_filter_by_plan_section_and_aim(signed_in, member_user, plan, aim, section, make_action, partnership):
    other_section = Section.objects.create(plan=plan, title="Partnership", order=2)
    other_aim = Aim.objects.create(section=other_section, number="P1", title="Partnership working", order=1)
    other_plan = Plan.objects.create(
        partnership=partnership, title="Next plan", slug="next", period_start=datetime.date(2023, 4, 1),
        period_end=datetime.date(2024, 3, 31),
    )
    next_aim = Aim.objects.create(
        section=Section.objects.create(plan=other_plan, title="Standards"), number="1", title="Aim", order=1
    )
    make_action(reference="HERE", status="red")
    make_action(reference="THERE", status="red", aim=other_aim)
    make_action(reference="NEXT", status="red", aim=next_aim)
    client = signed_in(member_user)

    assert refs(client.get(LIST, {"plan": plan.pk, "status": "red"})) == ["HERE", "THERE"]
    assert refs(client.get(LIST, {"section": other_section.pk, "status": "red"})) == ["THERE"]
    assert refs(client.get(LIST, {"aim": aim.pk, "status": "red"})) == ["HERE"]


def test_filter_by_owner_includes_the_teams_they_belong_to(
    signed_in, member_user, make_action, team, team_member_user, other_owner_user
):
    tam, stan = team_member_user.owner, other_owner_user.owner
    make_action(reference="TEAM", owners=[team], status="red")
    make_action(reference="TAM", owners=[tam], status="red")
    make_action(reference="STAN", owners=[stan], status="red")
    client = signed_in(member_user)

    assert refs(client.get(LIST, {"owner": tam.pk})) == ["TEAM", "TAM"]
    assert refs(client.get(LIST, {"owner": team.pk})) == ["TEAM"]
    assert refs(client.get(LIST, {"owner": stan.pk})) == ["STAN"]


def test_filter_overdue_and_due_within(signed_in, member_user, make_action):
    make_action(reference="LATE", status="amber", target_month=datetime.date(2022, 4, 1))
    make_action(reference="MAY", status="amber", target_month=datetime.date(2022, 5, 1))
    make_action(reference="JULY", status="amber", target_month=datetime.date(2022, 7, 1))
    make_action(reference="ONGOING", status="amber", target_month=datetime.date(2022, 1, 1), recurrence="ongoing")
    client = signed_in(member_user)

    assert refs(client.get(LIST, {"overdue": "on"})) == ["LATE"]
    assert refs(client.get(LIST, {"due_within": 30})) == ["MAY"]
    assert refs(client.get(LIST, {"due_within": 90})) == ["MAY", "JULY"]


def test_a_nonsense_due_within_is_reported_not_ignored(signed_in, member_user, make_action):
    make_action(status="red")

    response = signed_in(member_user).get(LIST, {"due_within": "soon", "sort": "status_now"})

    assert refs(response) == []
    assert "Enter a number" in response.content.decode()


def test_filter_not_updated_and_changed_this_quarter(signed_in, member_user, make_action, update):
    update(make_action(reference="WORSE", status="amber"), "red")
    update(make_action(reference="STEADY", status="red"), "red")
    make_action(reference="SILENT", status="red")
    update(make_action(reference="LATER", status="amber"), "red", when=AFTER_PERIOD)
    client = signed_in(member_user)

    assert refs(client.get(LIST, {"not_updated": "on"})) == ["SILENT", "LATER"]
    # LATER's update is after the quarter but is its status now, so it has changed.
    assert refs(client.get(LIST, {"changed": "on"})) == ["WORSE", "LATER"]


def test_new_actions_count_as_changed_this_quarter(signed_in, member_user, make_action):
    make_action(reference="NEW", status="red", recorded_at=IN_PERIOD)

    assert refs(signed_in(member_user).get(LIST, {"changed": "on"})) == ["NEW"]


def test_status_sorts_worst_first_not_alphabetically(signed_in, member_user, statuses):
    response = signed_in(member_user).get(LIST, {"plan": "", "sort": "status_now"})

    assert refs(response) == ["RED", "AMBER", "GREEN", "BLUE", "UNRATED"]


def test_the_list_is_paginated_keeping_the_filters(signed_in, member_user, make_action):
    for number in range(30):
        make_action(reference=f"R{number:02d}", status="red", order=number)

    response = signed_in(member_user).get(LIST, {"status": "red", "page": 2})

    assert refs(response) == [f"R{number:02d}" for number in range(25, 30)]
    assert "status=red&amp;page=1" in response.content.decode()


def test_rows_show_status_and_direction_as_words(signed_in, member_user, make_action, update):
    update(make_action(reference="A", status="amber"), "red")

    html = signed_in(member_user).get(LIST).content.decode()

    assert ">Red</strong>" in html
    assert "Deteriorated" in html


def test_owners_see_the_list_but_no_link_to_add_notes(signed_in, owner_user, make_action):
    action = make_action(owners=[owner_user.owner], status="red")

    response = signed_in(owner_user).get(LIST)

    assert refs(response) == [action.reference]
    assert reverse("review:add_note", args=[action.pk]) not in response.content.decode()
