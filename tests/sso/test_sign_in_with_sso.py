"""Single sign-on against a real OpenID Connect provider (issue 14, item 3):
invited people get in with their work account, matched by a verified email
address; nobody else does, and no account is ever made for them."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from plans.models import Membership, Role
from tests.conftest import make_user
from tests.sso.conftest import sign_in_with_sso

pytestmark = pytest.mark.usefixtures("sso")
REFUSED = "You have not been invited"
User = get_user_model()


def invite(username, email, partnership, active=True, **names):
    user = make_user(username, role=Role.MEMBER, partnerships=[partnership], **names)
    user.email = email
    user.save()
    Membership.objects.filter(user=user).update(active=active)
    return user


def signed_in_name(session, live_server):
    """The name in the header of the home page, or None when signed out."""
    page = session.get(f"{live_server.url}/", timeout=30)
    if "Signed in as" not in page.text:
        return None
    return page.text.split("Signed in as <strong>", 1)[1].split("</strong>", 1)[0]


def test_an_invited_person_signs_in_with_their_work_account(live_server, partnership):
    invite("ivy", "invited@example.org", partnership, first_name="Ivy", last_name="Invited")

    session, page = sign_in_with_sso(live_server, "invited@example.org")

    assert page.status_code == 200 and REFUSED not in page.text
    assert signed_in_name(session, live_server) == "Ivy Invited"
    assert page.url.startswith(live_server.url)


def test_after_signing_in_they_reach_the_page_they_asked_for(live_server, partnership):
    invite("ivy", "invited@example.org", partnership)
    wanted = reverse("password_change")

    _, page = sign_in_with_sso(live_server, "invited@example.org", next_page=wanted)

    assert page.status_code == 200
    assert page.url == f"{live_server.url}{wanted}"


def test_an_address_in_another_case_still_finds_the_invited_person(live_server, partnership):
    invite("ivy", "Invited@EXAMPLE.org", partnership, first_name="Ivy", last_name="Invited")

    session, _ = sign_in_with_sso(live_server, "invited@example.org")

    assert signed_in_name(session, live_server) == "Ivy Invited"


def test_someone_never_invited_is_refused_and_no_account_is_made(live_server, partnership):
    invite("ivy", "invited@example.org", partnership)
    accounts = User.objects.count()

    session, page = sign_in_with_sso(live_server, "stranger@example.org")

    assert REFUSED in page.text and "plan officer" in page.text
    assert signed_in_name(session, live_server) is None
    assert User.objects.count() == accounts
    assert not User.objects.filter(email__iexact="stranger@example.org").exists()


def test_a_leaver_whose_membership_ended_is_refused(live_server, partnership):
    invite("lee", "leaver@example.org", partnership, active=False)

    session, page = sign_in_with_sso(live_server, "leaver@example.org")

    assert REFUSED in page.text
    assert signed_in_name(session, live_server) is None


def test_an_account_with_no_membership_at_all_is_refused(live_server, partnership):
    user = make_user("lee")
    user.email = "leaver@example.org"
    user.save()

    session, page = sign_in_with_sso(live_server, "leaver@example.org")

    assert REFUSED in page.text
    assert signed_in_name(session, live_server) is None


def test_an_address_the_provider_has_not_verified_does_not_sign_in_the_person_who_owns_it(live_server, partnership):
    invite("una", "unverified@example.org", partnership)

    session, page = sign_in_with_sso(live_server, "unverified@example.org")

    assert REFUSED in page.text
    assert signed_in_name(session, live_server) is None


def test_refused_people_do_not_lock_the_invited_out_of_sso(live_server, partnership):
    """Axes counts failed sign-ins per username and address; every SSO refusal
    has no username and, in a council, the same address."""
    invite("ivy", "invited@example.org", partnership, first_name="Ivy", last_name="Invited")
    for _ in range(6):
        assert REFUSED in sign_in_with_sso(live_server, "stranger@example.org")[1].text

    session, _ = sign_in_with_sso(live_server, "invited@example.org")

    assert signed_in_name(session, live_server) == "Ivy Invited"


def test_a_name_the_invitation_left_blank_is_filled_in_from_the_work_account(live_server, partnership):
    user = invite("ivy", "invited@example.org", partnership)

    sign_in_with_sso(live_server, "invited@example.org")

    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Ivy", "Invited")


def test_local_passwords_still_work_beside_sso(client, partnership):
    invite("ivy", "invited@example.org", partnership)

    page = client.get("/sign-in/")
    response = client.post("/sign-in/", {"username": "ivy", "password": "correct-horse-battery"})

    assert "Sign in with your council account" in page.content.decode()
    assert response.status_code == 302
    assert client.get("/").wsgi_request.user.get_username() == "ivy"
