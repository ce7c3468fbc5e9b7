"""Only a partnership's plan officers (and the administrator) manage its people."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from plans.models import Membership, Role
from tests.conftest import make_user


def pages(partnership, user):
    return [
        reverse("people:partnership", args=[partnership.slug]),
        reverse("people:invite", args=[partnership.slug]),
        reverse("people:teams", args=[partnership.slug]),
        reverse("people:person", args=[partnership.slug, user.pk]),
        reverse("people:leaving", args=[partnership.slug, user.pk]),
    ]


def test_an_officer_of_one_partnership_goes_straight_to_its_people(client, officer_user, partnership, member_user):
    client.force_login(officer_user)
    response = client.get(reverse("people:index"), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("people:partnership", args=[partnership.slug])
    assert "member@example.org" in page and "Partnership member" in page


@pytest.mark.parametrize("fixture", ["member_user", "chair_user", "owner_user"])
def test_other_roles_are_refused_with_403(client, request, partnership, fixture, officer_user):
    client.force_login(request.getfixturevalue(fixture))
    for url in [reverse("people:index"), *pages(partnership, officer_user)]:
        assert client.get(url).status_code == 403, url


def test_another_partnerships_people_are_404(client, officer_user, elsewhere):
    stranger = make_user("stranger", role=Role.MEMBER, partnerships=[elsewhere])
    client.force_login(officer_user)
    for url in pages(elsewhere, stranger):
        assert client.get(url).status_code == 404, url


def test_a_person_not_in_the_partnership_is_404(client, officer_user, partnership, elsewhere):
    stranger = make_user("stranger", role=Role.MEMBER, partnerships=[elsewhere])
    client.force_login(officer_user)
    assert client.get(reverse("people:person", args=[partnership.slug, stranger.pk])).status_code == 404


def test_the_superuser_picks_a_partnership(client, partnership, elsewhere):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    page = client.get(reverse("people:index")).content.decode()
    assert partnership.name in page and elsewhere.name in page
    assert client.get(reverse("people:partnership", args=[elsewhere.slug])).status_code == 200


def test_the_last_officer_cannot_lose_the_role(client, officer_user, partnership):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    url = reverse("people:person", args=[partnership.slug, officer_user.pk])
    response = client.post(url, {"role": Role.MEMBER})
    assert "at least one plan officer" in response.content.decode()
    assert Membership.objects.get(user=officer_user, partnership=partnership).role == Role.OFFICER


def test_an_officer_cannot_remove_their_own_officer_role(client, officer_user, partnership):
    make_user("second", role=Role.OFFICER, partnerships=[partnership])
    client.force_login(officer_user)
    response = client.post(reverse("people:person", args=[partnership.slug, officer_user.pk]), {"role": Role.CHAIR})
    assert "cannot remove your own plan officer role" in response.content.decode()
    assert Membership.objects.get(user=officer_user, partnership=partnership).role == Role.OFFICER


def test_an_officer_changes_someone_elses_role(client, officer_user, partnership, member_user):
    client.force_login(officer_user)
    client.post(reverse("people:person", args=[partnership.slug, member_user.pk]), {"role": Role.CHAIR})
    assert Membership.objects.get(user=member_user, partnership=partnership).role == Role.CHAIR
