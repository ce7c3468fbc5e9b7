"""Teams: the officer adds a team and its members."""

from django.urls import reverse

from plans.models import Owner


def test_an_officer_adds_a_team_then_a_member_then_removes_them(client, officer_user, partnership, owner_user):
    client.force_login(officer_user)
    url = reverse("people:teams", args=[partnership.slug])
    client.post(url, {"name": "Case Managers"})
    team = Owner.objects.get(partnership=partnership, name="Case Managers", kind=Owner.Kind.TEAM)
    olive = Owner.objects.get(user=owner_user)
    client.post(reverse("people:team_add_member", args=[partnership.slug, team.pk]), {f"team{team.pk}-person": olive.pk})
    assert list(team.members.all()) == [olive]
    assert "Olive Owner" in client.get(url).content.decode()
    client.post(reverse("people:team_remove_member", args=[partnership.slug, team.pk, olive.pk]))
    assert not team.members.exists()


def test_a_duplicate_team_name_is_an_error(client, officer_user, partnership, team):
    client.force_login(officer_user)
    response = client.post(reverse("people:teams", args=[partnership.slug]), {"name": team.name})
    assert "There is already a team or person called" in response.content.decode()
    assert Owner.objects.filter(name=team.name).count() == 1
