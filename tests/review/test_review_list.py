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


# --- Read in one pass (issue 16) ------------------------------------------------


def test_the_list_opens_worst_first_red_amber_then_overdue_then_the_rest(signed_in, member_user, varied_plan):
    response = signed_in(member_user).get(LIST, {"plan": ""})

    # Within each group, plan order: aim 1 before aim 2.
    assert refs(response) == ["A1", "B3", "A2", "A4", "A3", "B1", "B2", "B4"]
    assert "Worst first: Red, then Amber, then the other overdue actions" in response.content.decode()


def test_a_column_heading_sorts_and_a_link_goes_back_to_worst_first(signed_in, member_user, varied_plan):
    response = signed_in(member_user).get(LIST, {"plan": "", "sort": "reference"})

    assert refs(response) == ["A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4"]
    assert ">Sort worst first</a>" in response.content.decode()


def test_each_row_shows_the_latest_commentary_shortened_and_escaped_with_a_link_to_the_rest(
    signed_in, member_user, make_action, update
):
    long = update(make_action(reference="LONG", status="red"), "red", commentary="<b>Delayed</b> " + "word " * 80)
    update(make_action(reference="SHORT", status="red"), "red", commentary="Recovery plan agreed")

    html = signed_in(member_user).get(LIST).content.decode()

    assert "&lt;b&gt;Delayed&lt;/b&gt; word word" in html and "<b>Delayed" not in html
    assert ("word " * 80).strip() not in html  # shortened to about 200 characters
    assert f'<a class="govuk-link" href="{long.get_absolute_url()}">Read full commentary' in html
    assert html.count("Read full commentary") == 1  # the short one is shown whole
    assert "Recovery plan agreed" in html


def test_each_row_shows_its_latest_review_notes_outcome_and_author(
    signed_in, member_user, chair_user, make_action, note, period
):
    action = make_action(reference="R", status="red")
    note(action, member_user, "noted", when=datetime.datetime(2022, 4, 20, tzinfo=datetime.UTC), period=period)
    note(action, chair_user, "challenge", "Why still red?", period=period)

    response = signed_in(member_user).get(LIST)

    html = response.content.decode()
    assert '<strong class="app-flag">Challenge</strong>' in html
    assert "by Chair Person, 1 May 2022" in html  # the chair's owner name, as in the board pack
    assert "2 notes this quarter" in html


def test_the_action_column_holds_description_owners_and_commentary_with_no_separate_owner_column(
    signed_in, member_user, make_action, owner_user
):
    make_action(reference="R", status="red", owners=[owner_user.owner], commentary="Baseline")

    response = signed_in(member_user).get(LIST)

    headers = [column.header for column in response.context["table"].columns]
    assert headers == ["Ref", "Action", "Status", "Target", "Last update", "Review"]
    html = response.content.decode()
    assert "Owner: Olive Owner" in html and "Latest commentary:</span> Baseline" in html


@pytest.mark.parametrize(
    "direction, expected",
    [("deteriorated", ["A1"]), ("improved", ["A3"]), ("completed", ["B1"]), ("new", ["B3"]),
     ("unchanged", ["A2", "A4", "B2", "B4"])],
)
def test_filter_by_direction_of_travel(signed_in, member_user, varied_plan, direction, expected):
    response = signed_in(member_user).get(LIST, {"plan": "", "direction": direction, "sort": "reference"})

    assert refs(response) == expected


def test_the_owner_filter_can_leave_out_the_actions_of_their_teams(
    signed_in, member_user, varied_plan, team_member_user
):
    client = signed_in(member_user)
    tam = team_member_user.owner

    with_teams = client.get(LIST, {"plan": "", "owner": tam.pk, "sort": "reference"})
    directly = client.get(LIST, {"plan": "", "owner": tam.pk, "directly": "on", "sort": "reference"})

    assert refs(with_teams) == ["A2", "A3", "A4", "B1", "B4"]
    assert refs(directly) == ["A4", "B4"]


def test_updated_and_not_updated_leave_out_actions_completed_before_the_quarter(
    signed_in, member_user, varied_plan
):
    client = signed_in(member_user)

    assert refs(client.get(LIST, {"plan": "", "updated": "on", "sort": "reference"})) == ["A1", "A3", "B1", "B3"]
    assert refs(client.get(LIST, {"plan": "", "not_updated": "on", "sort": "reference"})) == ["A2", "A4", "B4"]


def test_a_past_quarter_shows_the_list_as_it_was_at_its_end(
    signed_in, member_user, varied_plan, update, monkeypatch
):
    from plans.models import Action

    update(Action.objects.get(reference="A4"), "red", when=AFTER_PERIOD)
    client = signed_in(member_user)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: datetime.date(2022, 8, 1))

    then = client.get(LIST, {"period": "2022-Q1", "status": "red", "sort": "reference"})
    now = client.get(LIST, {"status": "red", "sort": "reference"})
    overdue_then = client.get(LIST, {"period": "2022-Q1", "plan": "", "overdue": "on", "sort": "reference"})

    assert refs(then) == ["A1", "B3"]
    assert refs(now) == ["A1", "A4", "B3"]
    # Judged on 30 June 2022: A2's May target had passed, and it was Amber then.
    assert refs(overdue_then) == ["A1", "A2", "A4"]
    html = then.content.decode()
    assert "Quarter 1 2022/23 as it was at its end, 30 June 2022" in html
    assert '<input type="hidden" name="period" value="2022-Q1">' in html  # filtering keeps the quarter


@pytest.mark.parametrize("slug", ["2030-Q1", "nonsense"])
def test_a_future_or_malformed_quarter_is_not_found(signed_in, member_user, slug):
    assert signed_in(member_user).get(LIST, {"period": slug}).status_code == 404
