"""Inviting a starter: the sign-in, membership, owner record and one email with a
link that works for three days, once."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from plans.models import Membership, Owner, Role
from tests.people.conftest import signs_in

INVITED_AT = datetime.datetime(2022, 5, 16, 10, tzinfo=datetime.UTC)


def invite(client, partnership, **overrides):
    data = {"name": "Nia Newstarter", "email": "Nia.Newstarter@Example.org", "job_title": "Team Manager",
            "role": Role.OWNER, **overrides}
    return client.post(reverse("people:invite", args=[partnership.slug]), data)


def link_in(message):
    return re.search(r"https?://[^/\s]+(/people/welcome/\S+/)", message.body).group(1)


@pytest.fixture
def officer(client, officer_user):
    client.force_login(officer_user)
    return officer_user


@time_machine.travel(INVITED_AT, tick=False)
def test_an_invitation_creates_the_sign_in_membership_and_owner_and_sends_one_email(client, officer, partnership, team):
    response = invite(client, partnership, teams=[team.pk])

    user = get_user_model().objects.get(username="nia.newstarter@example.org")
    assert response.status_code == 302
    assert not user.has_usable_password() and user.is_active
    membership = Membership.objects.get(user=user, partnership=partnership)
    assert (membership.role, membership.invited_by, membership.invited_at) == (Role.OWNER, officer, INVITED_AT)
    owner = Owner.objects.get(user=user)
    assert (owner.partnership, owner.name, owner.job_title) == (partnership, "Nia Newstarter", "Team Manager")
    assert list(owner.teams.all()) == [team]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nia.newstarter@example.org"]
    assert link_in(mail.outbox[0]) in mail.outbox[0].alternatives[0][0]


def test_the_link_sets_a_password_signs_the_person_in_and_cannot_be_used_again(client, officer, partnership):
    with time_machine.travel(INVITED_AT, tick=False):
        invite(client, partnership)
    link = link_in(mail.outbox[0])
    client.logout()
    with time_machine.travel(INVITED_AT + datetime.timedelta(days=2), tick=False):
        form_page = client.get(link, follow=True)
        assert "Choose a password" in form_page.content.decode()
        done = client.post(form_page.redirect_chain[-1][0], {"new_password1": "plum-orchard-42", "new_password2": "plum-orchard-42"})
        assert done.status_code == 302
        assert client.get(reverse("people:index")).wsgi_request.user.username == "nia.newstarter@example.org"
        client.logout()
        again = client.get(link, follow=True)
    assert "expired or has already been used" in again.content.decode()
    assert "Ask your plan officer to resend" in again.content.decode()
    assert signs_in(client, "nia.newstarter@example.org", "plum-orchard-42")


def test_the_link_expires_after_three_days(client, officer, partnership):
    with time_machine.travel(INVITED_AT, tick=False):
        invite(client, partnership)
    link = link_in(mail.outbox[0])
    client.logout()
    with time_machine.travel(INVITED_AT + datetime.timedelta(days=3, minutes=1), tick=False):
        page = client.get(link, follow=True)
    assert "expired or has already been used" in page.content.decode()


def test_a_mismatched_password_is_an_error_summary_and_the_link_still_works(client, officer, partnership):
    with time_machine.travel(INVITED_AT, tick=False):
        invite(client, partnership)
        client.logout()
        form_page = client.get(link_in(mail.outbox[0]), follow=True)
        url = form_page.redirect_chain[-1][0]
        bad = client.post(url, {"new_password1": "plum-orchard-42", "new_password2": "plum-orchard-43"})
        assert "govuk-error-summary" in bad.content.decode()
        assert client.post(url, {"new_password1": "plum-orchard-42", "new_password2": "plum-orchard-42"}).status_code == 302


def test_an_existing_sign_in_is_given_a_membership_not_a_second_user(client, officer, partnership, elsewhere):
    existing = get_user_model().objects.create_user("sam", email="sam@example.org")
    Owner.objects.create(partnership=elsewhere, name="Sam Elsewhere", user=existing)
    response = invite(client, partnership, email="SAM@example.org", name="Sam Elsewhere")
    assert get_user_model().objects.filter(email__iexact="sam@example.org").count() == 1
    assert Membership.objects.get(user=existing, partnership=partnership).role == Role.OWNER
    assert Owner.objects.get(user=existing).partnership == elsewhere
    page = client.get(response.url)
    assert "by membership only" in page.content.decode()


def test_inviting_someone_already_a_member_is_an_error_not_a_second_membership(client, officer, partnership, member_user):
    response = invite(client, partnership, email="member@example.org")
    assert response.status_code == 200
    assert "is already a member of" in response.content.decode()
    assert Membership.objects.filter(user=member_user, partnership=partnership).count() == 1
    assert mail.outbox == []


def test_bad_input_keeps_what_was_typed_and_refuses_control_characters(client, officer, partnership):
    response = invite(client, partnership, name="Nia\x1b[31m", email="not-an-email", role="")
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert "control character" in page
    assert "Enter an email address in the correct format" in page
    assert 'value="not-an-email"' in page
    assert not get_user_model().objects.filter(username="not-an-email").exists()


def test_a_name_holding_a_script_tag_is_escaped_on_the_page_and_in_the_email(client, officer, partnership):
    invite(client, partnership, name="<script>alert(1)</script> Smith")
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html
    page = client.get(reverse("people:partnership", args=[partnership.slug])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_resend_sends_a_fresh_link(client, officer, partnership):
    invite(client, partnership)
    user = get_user_model().objects.get(username="nia.newstarter@example.org")
    client.post(reverse("people:resend", args=[partnership.slug, user.pk]))
    assert len(mail.outbox) == 2
    assert "/people/welcome/" in mail.outbox[1].body


def test_no_invitation_is_resent_to_someone_who_has_already_signed_in(client, officer, partnership, member_user):
    member_user.last_login = INVITED_AT
    member_user.save()
    response = client.post(reverse("people:resend", args=[partnership.slug, member_user.pk]), follow=True)
    assert mail.outbox == []
    assert "already signed in" in response.content.decode()


def test_a_mail_server_failure_keeps_the_person_and_says_to_resend(client, officer, partnership, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("people.invitations.send_mail", refuse)
    response = invite(client, partnership)
    page = client.get(response.url).content.decode()
    assert get_user_model().objects.filter(username="nia.newstarter@example.org").exists()
    assert "invitation email could not be sent" in page
    assert "Resend the invitation" in page


def test_a_partnership_called_welcome_keeps_its_people_pages_and_its_invitations_still_work(client, officer, partnership):
    """The invitation link lives under /people/welcome/: a partnership whose slug is
    "welcome" must still reach its own pages, and its invitations must still open."""
    partnership.slug = "welcome"
    partnership.save()
    with time_machine.travel(INVITED_AT, tick=False):
        invite(client, partnership)
        nia = get_user_model().objects.get(username="nia.newstarter@example.org")
        person_page = client.get(reverse("people:person", args=["welcome", nia.pk]))
        assert person_page.status_code == 200 and "Nia Newstarter" in person_page.content.decode()
        assert client.post(reverse("people:resend", args=["welcome", nia.pk])).status_code == 302
        link = link_in(mail.outbox[-1])
        client.logout()
        assert "Choose a password" in client.get(link, follow=True).content.decode()
