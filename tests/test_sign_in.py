"""Signing in, out and back in (issue 13): throttling with django-axes (real, not
mocked), password reset and change with Django's own views, the signed-out page,
Cache-Control on everything a signed-in person is sent, and a clean
`check --deploy` with the README's production settings."""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse

from boardpack.models import BoardPack

BASE_DIR = Path(__file__).resolve().parent.parent
SIGN_IN = reverse("login")
PASSWORD = "correct-horse-battery"  # tests/conftest.py make_user
NEW_PASSWORD = "a-new-and-long-passphrase"
START = datetime.datetime(2022, 5, 16, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def clock():
    """Axes's cool-off and the reset link's expiry both read the clock: set it."""
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def sign_in(client, username, password, address="10.0.0.1", **headers):
    return client.post(SIGN_IN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def fail(client, username, times, address="10.0.0.1", **headers):
    return [sign_in(client, username, "wrong", address, **headers) for _ in range(times)]


def signed_in_as(client):
    user = client.get(reverse("home")).wsgi_request.user
    return user.get_username() if user.is_authenticated else None


def without_nonce(content):
    return re.sub(rb'nonce="[^"]*"', b"", content)


# --- Throttling -----------------------------------------------------------------------------------------------


def test_four_wrong_passwords_still_let_the_right_one_in(client, owner_user):
    responses = fail(client, "owner", 4)
    assert [response.status_code for response in responses] == [200] * 4
    assert sign_in(client, "owner", PASSWORD).status_code == 302
    assert signed_in_as(client) == "owner"


def test_the_fifth_wrong_password_locks_out_even_the_right_one(client, owner_user):
    *_, fifth = fail(client, "owner", 5)
    assert fifth.status_code == 429

    locked = sign_in(client, "owner", PASSWORD)

    assert locked.status_code == 429
    assert signed_in_as(client) is None


def test_after_fifteen_minutes_the_right_password_works_again(client, owner_user, clock):
    fail(client, "owner", 5)
    clock.shift(datetime.timedelta(minutes=14))
    assert sign_in(client, "owner", PASSWORD).status_code == 429
    clock.shift(datetime.timedelta(minutes=16))  # a try during the lockout starts the 15 minutes again

    assert sign_in(client, "owner", PASSWORD).status_code == 302
    assert signed_in_as(client) == "owner"


def test_the_lockout_page_says_what_to_do(client, owner_user):
    *_, locked = fail(client, "owner", 5)
    page = locked.content.decode()
    assert "<h1" in page and "You cannot sign in for now" in page
    assert "Wait 15 minutes" in page
    assert reverse("password_reset") in page
    assert 'id="id_password"' not in page  # no form to keep guessing in


def test_the_lockout_page_does_not_reveal_whether_the_username_exists(client, owner_user):
    *_, real = fail(client, "owner", 5)
    *_, unknown = fail(client, "nobody-by-this-name", 5)
    assert real.status_code == unknown.status_code == 429
    assert without_nonce(real.content) == without_nonce(unknown.content)
    assert b"nobody-by-this-name" not in unknown.content


def test_a_lockout_is_for_one_username_from_one_address(client, owner_user, member_user):
    fail(client, "owner", 5, address="10.0.0.1")
    assert sign_in(client, "member", PASSWORD, address="10.0.0.1").status_code == 302
    client.logout()
    assert sign_in(client, "owner", PASSWORD, address="10.0.0.2").status_code == 302


def test_a_successful_sign_in_starts_the_count_again(client, owner_user):
    fail(client, "owner", 4)
    sign_in(client, "owner", PASSWORD)
    client.logout()
    responses = fail(client, "owner", 4)
    assert [response.status_code for response in responses] == [200] * 4


def test_without_a_proxy_a_forwarded_address_is_ignored(client, owner_user, settings):
    settings.BEHIND_PROXY = False
    for number in range(5):
        sign_in(client, "owner", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    assert sign_in(client, "owner", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429


def test_behind_a_proxy_the_address_comes_from_x_forwarded_for(client, owner_user, settings):
    settings.BEHIND_PROXY = True
    fail(client, "owner", 5, address="10.0.0.254", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert sign_in(client, "owner", PASSWORD, "10.0.0.254", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429

    other_person = sign_in(client, "owner", PASSWORD, "10.0.0.254", HTTP_X_FORWARDED_FOR="203.0.113.6")

    assert other_person.status_code == 302


def test_behind_a_proxy_an_address_the_client_made_up_does_not_escape_the_lockout(client, owner_user, settings):
    """The proxy appends the address it saw; anything to the left came from the client."""
    settings.BEHIND_PROXY = True
    fail(client, "owner", 5, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5")
    spoofed = sign_in(client, "owner", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2, 203.0.113.5")
    assert spoofed.status_code == 429


# --- Password reset and change --------------------------------------------------------------------------------


def reset_link(mail):
    return re.search(r"https?://[^/\s]+(/\S+)", mail.body).group(1)


def request_reset(client, email="owner@example.org"):
    return client.post(reverse("password_reset"), {"email": email})


def test_sign_in_offers_a_way_to_reset_a_forgotten_password(client, db):
    page = client.get(SIGN_IN).content.decode()
    assert f'href="{reverse("password_reset")}"' in page
    assert "Forgotten your password?" in page


def test_the_reset_form_is_labelled_for_an_email_address(client, db):
    page = client.get(reverse("password_reset")).content.decode()
    assert '<label class="govuk-label" for="id_email">Email address</label>' in page
    assert 'autocomplete="email"' in page


def test_a_reset_email_carries_a_link_that_lets_the_person_choose_a_new_password(client, owner_user, mailoutbox):
    response = request_reset(client)
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    [mail] = mailoutbox
    assert mail.to == ["owner@example.org"]
    assert "Reset your password" in mail.subject
    assert "owner" in mail.body and "3 days" in mail.body and "only once" in mail.body

    form = client.get(reset_link(mail), follow=True)
    assert form.status_code == 200 and 'autocomplete="new-password"' in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert done.url == reverse("password_reset_complete")
    assert sign_in(client, "owner", NEW_PASSWORD).status_code == 302


def test_an_unknown_email_address_gets_the_same_answer_and_no_email(client, owner_user, mailoutbox):
    known = request_reset(client)
    unknown = request_reset(client, "nobody@example.org")
    assert known.url == unknown.url
    assert len(mailoutbox) == 1
    page = client.get(unknown.url).content.decode()
    assert "Check your email" in page and "If there is an account" in page


def test_a_reset_link_works_only_once(client, owner_user, mailoutbox):
    request_reset(client)
    link = reset_link(mailoutbox[0])
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = client.get(link, follow=True).content.decode()

    assert "This link has expired or has already been used" in again
    assert 'name="new_password1"' not in again


def test_a_reset_link_stops_working_after_3_days(client, owner_user, mailoutbox, clock):
    request_reset(client)
    clock.shift(datetime.timedelta(days=3, minutes=1))
    page = client.get(reset_link(mailoutbox[0]), follow=True).content.decode()
    assert "This link has expired or has already been used" in page
    assert f'href="{reverse("password_reset")}"' in page


def test_resetting_the_password_ends_a_lockout(client, owner_user, mailoutbox):
    fail(client, "owner", 5)
    request_reset(client)
    form = client.get(reset_link(mailoutbox[0]), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert sign_in(client, "owner", NEW_PASSWORD).status_code == 302
    assert signed_in_as(client) == "owner"


def test_a_weak_new_password_is_refused_with_an_error_summary(client, owner_user, mailoutbox):
    request_reset(client)
    form = client.get(reset_link(mailoutbox[0]), follow=True)
    page = client.post(form.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "govuk-error-summary" in html and 'href="#id_new_password2"' in html
    assert html.count("Error:") >= 2  # the title and the field's message


def test_a_signed_in_person_can_find_and_change_their_password(client, owner_user):
    client.force_login(owner_user)
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("password_change")}"' in home and "Change your password" in home

    page = client.get(reverse("password_change")).content.decode()
    assert 'autocomplete="current-password"' in page and page.count('autocomplete="new-password"') == 2
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.url == reverse("password_change_done")
    assert "You have changed your password" in client.get(response.url).content.decode()
    owner_user.refresh_from_db()
    assert owner_user.check_password(NEW_PASSWORD)


def test_a_wrong_current_password_is_shown_in_an_error_summary_and_nothing_changes(client, owner_user):
    client.force_login(owner_user)
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html and 'href="#id_old_password"' in html
    owner_user.refresh_from_db()
    assert owner_user.check_password(PASSWORD)


def test_changing_a_password_needs_a_signed_in_person(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response.url.startswith(SIGN_IN)


# --- Signing out ----------------------------------------------------------------------------------------------


def test_signing_out_shows_a_page_saying_so_with_a_way_back_in(client, owner_user):
    client.force_login(owner_user)
    response = client.post(reverse("logout"), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("signed_out")
    assert "<h1 class=\"govuk-heading-l\">You have signed out</h1>" in html
    assert f'href="{SIGN_IN}"' in html
    assert signed_in_as(client) is None


# --- Cache-Control --------------------------------------------------------------------------------------------


def test_a_signed_in_page_is_not_stored(client, owner_user):
    client.force_login(owner_user)
    assert "no-store" in client.get(reverse("home"))["Cache-Control"]


def test_a_board_pack_pdf_is_not_stored(client, chair_user, plan, period):
    pack = BoardPack.objects.create(plan=plan, period=period, created_at=START, data_as_at=START, pdf=b"%PDF-1.7")
    client.force_login(chair_user)
    response = client.get(reverse("boardpack:download", args=[pack.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]


def test_a_spreadsheet_download_is_not_stored(client, member_user, plan, period):
    client.force_login(member_user)
    response = client.get(reverse("review:export_xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "no-store" in response["Cache-Control"]


def test_static_files_are_still_cached_for_a_signed_in_person(client, owner_user, settings):
    settings.WHITENOISE_USE_FINDERS = True  # serve static/ as `runserver` does, without collectstatic
    client.force_login(owner_user)
    response = client.get("/static/dist/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_pages_for_people_not_signed_in_may_be_cached_as_before(client, db):
    assert "no-store" not in client.get(reverse("accessibility")).get("Cache-Control", "")


# --- Production settings --------------------------------------------------------------------------------------

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7#kQ2!vLr9@pZ4mWn8$eT1^yB6&uJ3*hG5(dF0)sA_cV+iO-lP=qR[tY]wE{zX}",
    "ALLOWED_HOSTS": "sdp.example.org",
    "DATABASE_URL": "postgres://sdp:secret@127.0.0.1:5432/sdp",
}


def manage(*args):
    """Run manage.py as production runs it: the README's variables, none of ours, no EMAIL_HOST."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("EMAIL_", "DJANGO_"))}
    env.pop("DEBUG", None)
    env.update(PRODUCTION, DJANGO_SETTINGS_MODULE="yjs.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_the_readme_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_without_a_mail_server_sends_through_the_local_relay_never_to_the_log():
    result = manage("shell", "-c", "from django.conf import settings; print(settings.MAILERS['default'])")
    assert result.returncode == 0, result.stderr
    assert "smtp.EmailBackend" in result.stdout and "'host': 'localhost'" in result.stdout
