import datetime

import pytest
from django.urls import reverse

from plans.models import Aim, ReviewNote
from plans.views.actions import MY_ACTIONS_PAGE_SIZE

D = datetime.date


def at(day, hour=12):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)


def page(client, user):
    client.force_login(user)
    response = client.get(reverse("my_actions"))
    assert response.status_code == 200
    return response


def test_my_actions_lists_actions_owned_directly_and_through_teams_but_not_others(
    client, make_action, owner_user, team_member_user, team, other_owner_user, period
):
    mine = make_action(owners=[owner_user.owner], reference="A1.1")
    teams = make_action(owners=[team], reference="A1.2")
    theirs = make_action(owners=[other_owner_user.owner], reference="A1.3")
    response = page(client, team_member_user)
    shown = {action.pk for action in response.context["actions"]}
    assert shown == {teams.pk}
    assert set(a.pk for a in page(client, owner_user).context["actions"]) == {mine.pk}
    assert theirs.get_absolute_url() not in response.content.decode()


def test_actions_are_grouped_under_their_aim(client, make_action, owner_user, section, aim, period):
    second_aim = Aim.objects.create(section=section, number="2", title="Reduce reoffending", order=2)
    make_action(owners=[owner_user.owner], reference="A1.1")
    make_action(owners=[owner_user.owner], reference="A2.1", aim=second_aim)
    html = page(client, owner_user).content.decode()
    assert html.index("Aim 1: Reduce the number of first time entrants") < html.index("A1.1")
    assert html.index("A1.1") < html.index("Aim 2: Reduce reoffending") < html.index("A2.1")


def test_each_action_shows_its_status_word_target_and_the_start_of_the_last_update(
    client, make_action, owner_user, period
):
    make_action(
        owners=[owner_user.owner], status="amber", target_month=D(2022, 9, 1),
        commentary="Recruitment to the new post was delayed " + "by the council's hiring freeze " * 10,
    )
    html = page(client, owner_user).content.decode()
    assert 'app-rag--amber">Amber</strong>' in html
    assert "September 2022" in html
    assert "Recruitment to the new post was delayed" in html
    assert "hiring freeze " * 10 not in html  # only the first words
    assert "31 Mar 2022" in html


@pytest.mark.parametrize(
    "fields,flag",
    [
        ({"target_month": D(2022, 3, 1), "status": "green"}, "Overdue"),
        ({"target_month": D(2022, 5, 1), "status": "green"}, "Due within 30 days"),
        ({"target_month": D(2023, 1, 1), "status": "green"}, "Not updated this quarter"),
    ],
)
def test_actions_are_flagged_for_what_needs_doing(client, make_action, owner_user, period, fields, flag):
    make_action(owners=[owner_user.owner], **fields)
    assert f">{flag}</strong>" in page(client, owner_user).content.decode()


def test_an_action_updated_this_quarter_and_on_track_has_no_flags(client, make_action, owner_user, period):
    make_action(owners=[owner_user.owner], status="green", target_month=D(2023, 1, 1), recorded_at=at(D(2022, 5, 1)))
    html = page(client, owner_user).content.decode()
    for flag in ("Overdue", "Due within 30 days", "Not updated this quarter", "Update requested"):
        assert f">{flag}</strong>" not in html


def test_the_line_on_top_counts_actions_needing_an_update_before_the_deadline(
    client, make_action, owner_user, period
):
    for _ in range(3):
        make_action(owners=[owner_user.owner], status="green")  # last updated last quarter
    make_action(owners=[owner_user.owner], status="green", recorded_at=at(D(2022, 5, 1)))
    make_action(owners=[owner_user.owner], status="blue")  # completed: nothing to do
    response = page(client, owner_user)
    assert response.context["needing_update"] == 3
    assert "3 actions need an update" in " ".join(response.content.decode().split())
    assert "before 12 June" in response.content.decode()


def test_the_line_on_top_says_when_everything_is_up_to_date(client, make_action, owner_user, period):
    make_action(owners=[owner_user.owner], status="green", recorded_at=at(D(2022, 5, 1)))
    assert "All your actions are up to date for Quarter 1 2022/23" in page(client, owner_user).content.decode()


def test_a_review_note_requesting_an_update_marks_the_action_and_shows_the_note(
    client, make_action, owner_user, chair_user, period
):
    action = make_action(owners=[owner_user.owner], status="amber", recorded_at=at(D(2022, 5, 1)))
    ReviewNote.objects.create(
        action=action, period=period, author=chair_user, outcome="request_update",
        note="Please say when the post will be filled", created_at=at(D(2022, 5, 10)),
    )
    response = page(client, owner_user)
    html = response.content.decode()
    assert ">Update requested</strong>" in html
    assert "Please say when the post will be filled" in html
    assert response.context["needing_update"] == 1


def test_my_actions_tells_someone_without_an_owner_record_they_own_nothing(client, member_user):
    assert "You do not own any actions" in page(client, member_user).content.decode()


# Measured: 16 queries for 5 and for 50 actions (session, user, groups, owner,
# period, actions, their owners, their review notes, actions arising from
# meetings, the plan's successor; the rest is the header and the alerts count in
# the navigation, which includes overdue actions arising). 17 since the navigation
# asks once whether the person owns anything, to show "My actions" only then
# (issue 14, item 4). 19 since the page lists a page of actions (issue 18): the
# counts on top are one aggregate over all of them, and one query finds a sample
# action of each plan for the ended-plan notices. The test below checks that the
# count does not grow with the actions; this bound catches a new query.
QUERIES_FOR_MY_ACTIONS = 19


def test_my_actions_makes_the_same_number_of_queries_for_5_or_50_actions(
    client, make_action, owner_user, team, chair_user, period, django_assert_max_num_queries
):
    team.members.add(owner_user.owner)
    client.force_login(owner_user)

    def add_actions(count):
        for n in range(count):
            action = make_action(owners=[owner_user.owner, team] if n % 2 else [team], status="green")
            ReviewNote.objects.create(action=action, period=period, outcome="challenge", note="Why?", author=chair_user)

    counts = {}
    for total, more in ((5, 5), (50, 45)):
        add_actions(more)
        with django_assert_max_num_queries(QUERIES_FOR_MY_ACTIONS) as captured:
            response = client.get(reverse("my_actions"))
        assert response.context["total"] == total
        assert len(response.context["actions"]) == min(total, MY_ACTIONS_PAGE_SIZE)
        counts[total] = len(captured)
    print(f"My actions queries: {counts}")
    assert counts[5] == counts[50]


def test_without_a_reporting_period_set_up_the_calendar_quarter_is_used(client, make_action, owner_user):
    make_action(owners=[owner_user.owner], status="green")  # last updated 31 March: before Quarter 1
    make_action(owners=[owner_user.owner], status="green", recorded_at=at(D(2022, 4, 20)))
    response = page(client, owner_user)
    assert response.context["needing_update"] == 1
    assert "1 action needs an update this quarter" in " ".join(response.content.decode().split())


def test_an_owner_of_many_actions_gets_them_a_page_at_a_time_with_those_needing_attention_first(
    client, make_action, owner_user, period
):
    """Issue 18: the page does not grow with the owner's actions; the line on top
    still counts all of them, and the first page starts with what needs doing."""
    up_to_date = [
        make_action(owners=[owner_user.owner], status="green", target_month=D(2023, 1, 1), recorded_at=at(D(2022, 5, 1)))
        for _ in range(MY_ACTIONS_PAGE_SIZE)
    ]
    overdue = make_action(owners=[owner_user.owner], status="amber", target_month=D(2022, 1, 1),
                          recorded_at=at(D(2022, 5, 1)))
    first = page(client, owner_user)
    html = " ".join(first.content.decode().split())
    assert first.context["total"] == MY_ACTIONS_PAGE_SIZE + 1
    assert first.context["actions"][0] == overdue
    in_list = f'{overdue.reference}<span class="govuk-visually-hidden">:</span>'  # not the banner's link
    assert html.index("Needing your attention") < html.index(in_list) < html.index("Nothing to do now")
    assert f"Showing actions 1 to {MY_ACTIONS_PAGE_SIZE} of {MY_ACTIONS_PAGE_SIZE + 1}" in html
    assert "1 action needs an update" not in html  # overdue, but updated this quarter
    assert 'href="?page=2"' in html
    second = client.get(reverse("my_actions"), {"page": 2})
    assert [a.pk for a in second.context["actions"]] == [up_to_date[-1].pk]
