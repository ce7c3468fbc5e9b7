"""A leaver's actions move to someone else, with the reason in each action's
history, and the leaver can no longer sign in."""

import pytest
from django.test import Client
from django.urls import reverse

from plans.models import Membership, Owner, Role
from tests.people.conftest import signs_in


@pytest.fixture
def leaver(owner_user, team):
    person = Owner.objects.get(user=owner_user)
    team.members.add(person)
    return owner_user


def leave(client, partnership, user, **data):
    return client.post(reverse("people:leaving", args=[partnership.slug, user.pk]), data)


def test_a_leavers_actions_move_to_the_chosen_owner_with_the_reason_in_history(
    client, officer_user, partnership, leaver, chair_user, make_action, team
):
    olive, chair = Owner.objects.get(user=leaver), Owner.objects.get(user=chair_user)
    first, second = make_action(owners=[olive]), make_action(owners=[olive, team])
    client.force_login(officer_user)
    response = leave(client, partnership, leaver, all_to=str(chair.pk), **{f"action_{second.pk}": "tbc"})

    assert response.status_code == 302
    assert list(first.owners.all()) == [chair]
    assert list(second.owners.all()) == [team]
    latest = first.history.latest()
    assert latest.history_change_reason == "Reassigned from Olive Owner to Chair Person: Olive Owner left"
    assert latest.history_user == officer_user
    assert second.history.latest().history_change_reason.startswith("Reassigned from Olive Owner to No owner yet (TBC)")
    banner = client.get(response.url).content.decode()
    assert "2 actions moved" in banner


def test_a_leaver_cannot_sign_in_and_leaves_their_teams(client, officer_user, partnership, leaver, team):
    assert signs_in(Client(), "owner", "correct-horse-battery")
    client.force_login(officer_user)
    leave(client, partnership, leaver)
    leaver.refresh_from_db()
    membership = Membership.objects.get(user=leaver, partnership=partnership)
    assert not leaver.is_active and not membership.active and membership.left_at is not None
    assert not team.members.exists()
    client.logout()
    assert not signs_in(client, "owner", "correct-horse-battery")


def test_a_leaver_still_in_another_partnership_can_still_sign_in_there(
    client, officer_user, partnership, leaver, elsewhere
):
    Membership.grant(leaver, elsewhere, Role.MEMBER)
    client.force_login(officer_user)
    leave(client, partnership, leaver)
    leaver.refresh_from_db()
    assert leaver.is_active


def test_actions_left_unassigned_are_an_error_and_nothing_changes(client, officer_user, partnership, leaver, make_action):
    olive = Owner.objects.get(user=leaver)
    action = make_action(owners=[olive])
    client.force_login(officer_user)
    response = leave(client, partnership, leaver)
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert list(action.owners.all()) == [olive]
    assert Membership.objects.get(user=leaver, partnership=partnership).active


def test_the_last_officer_cannot_be_marked_as_leaving(client, officer_user, partnership):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "pw"))
    response = leave(client, partnership, officer_user)
    assert response.status_code == 200 and "at least one plan officer" in response.content.decode()
    assert Membership.objects.get(user=officer_user, partnership=partnership).active
