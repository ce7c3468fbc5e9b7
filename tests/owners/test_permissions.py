"""Every owner-facing view for every role. Owners and members of owning teams
update only their actions; the plan officer updates any; partnership members
and the chair read everything and update nothing; anonymous visitors sign in."""

import pytest
from django.urls import reverse

from tests.conftest import make_user

READ, UPDATE, NO_CHANGE, MINE = "read", "update form", "no change", "my actions"
ALLOWED, FORBIDDEN, SIGN_IN = "allowed", "forbidden", "sign in"

# role: what each view does for them on an action owned by owner_user and the Team Managers team.
MATRIX = {
    "anonymous": {MINE: SIGN_IN, READ: SIGN_IN, UPDATE: SIGN_IN, NO_CHANGE: SIGN_IN},
    "owner": {MINE: ALLOWED, READ: ALLOWED, UPDATE: ALLOWED, NO_CHANGE: ALLOWED},
    "team member": {MINE: ALLOWED, READ: ALLOWED, UPDATE: ALLOWED, NO_CHANGE: ALLOWED},
    "another owner": {MINE: ALLOWED, READ: ALLOWED, UPDATE: FORBIDDEN, NO_CHANGE: FORBIDDEN},
    "plan officer": {MINE: ALLOWED, READ: ALLOWED, UPDATE: ALLOWED, NO_CHANGE: ALLOWED},
    "partnership member": {MINE: ALLOWED, READ: ALLOWED, UPDATE: FORBIDDEN, NO_CHANGE: FORBIDDEN},
    "chair": {MINE: ALLOWED, READ: ALLOWED, UPDATE: FORBIDDEN, NO_CHANGE: FORBIDDEN},
    "signed in with no role": {MINE: FORBIDDEN, READ: FORBIDDEN, UPDATE: FORBIDDEN, NO_CHANGE: FORBIDDEN},
}


@pytest.fixture
def shared_action(make_action, owner_user, team, period):
    return make_action(owners=[owner_user.owner, team], status="green", reference="A2.1")


@pytest.fixture
def user_for(request, partnership):
    fixtures = {
        "owner": "owner_user",
        "team member": "team_member_user",
        "another owner": "other_owner_user",
        "plan officer": "officer_user",
        "partnership member": "member_user",
        "chair": "chair_user",
    }

    def get(role):
        if role == "anonymous":
            return None
        if role == "signed in with no role":
            return make_user("nobody")
        return request.getfixturevalue(fixtures[role])

    return get


def visit(client, view, action):
    if view == MINE:
        return client.get(reverse("my_actions"))
    if view == READ:
        return client.get(reverse("action_detail", args=[action.pk]))
    if view == UPDATE:
        return client.get(reverse("action_update", args=[action.pk]))
    data = {"no_change-version": action.version, "no_change-note": ""}
    return client.post(reverse("action_no_change", args=[action.pk]), data)


def outcome(response):
    if response.status_code == 302 and response.url.startswith(reverse("login")):
        return SIGN_IN
    if response.status_code == 403:
        return FORBIDDEN
    assert response.status_code in (200, 302), response.status_code
    return ALLOWED


@pytest.mark.parametrize(
    "role,view,expected", [(role, view, result) for role, row in MATRIX.items() for view, result in row.items()]
)
def test_each_role_gets_what_the_permission_matrix_says(client, shared_action, user_for, role, view, expected):
    user = user_for(role)
    if user:
        client.force_login(user)
    assert outcome(visit(client, view, shared_action)) == expected


@pytest.mark.parametrize("role", list(MATRIX))
def test_only_people_allowed_to_update_can_save_a_progress_update(client, shared_action, user_for, role):
    user = user_for(role)
    if user:
        client.force_login(user)
    response = client.post(
        reverse("action_update", args=[shared_action.pk]),
        {"version": shared_action.version, "status": "green", "commentary": "On track"},
    )
    saved = shared_action.updates.count() == 2
    assert saved == (MATRIX[role][UPDATE] == ALLOWED)
    assert outcome(response) == MATRIX[role][UPDATE]


def test_the_update_button_shows_only_to_people_who_may_update(client, shared_action, member_user, owner_user):
    update_url = reverse("action_update", args=[shared_action.pk])
    client.force_login(member_user)
    assert update_url not in client.get(shared_action.get_absolute_url()).content.decode()
    client.force_login(owner_user)
    assert update_url in client.get(shared_action.get_absolute_url()).content.decode()


def test_no_change_only_accepts_a_post(client, shared_action, owner_user):
    client.force_login(owner_user)
    assert client.get(reverse("action_no_change", args=[shared_action.pk])).status_code == 405


def test_my_actions_is_in_the_navigation_only_for_people_who_own_actions(client, shared_action, owner_user, member_user):
    client.force_login(owner_user)
    assert reverse("my_actions") in client.get(reverse("home")).content.decode()
    client.force_login(member_user)
    assert reverse("my_actions") not in client.get(reverse("home")).content.decode()
