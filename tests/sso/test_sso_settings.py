"""Single sign-on is configured by environment variables alone (yjs/settings.py):
off without OIDC_CLIENT_ID; with ENTRA_TENANT_ID every Entra ID endpoint is
derived and the sign-in page gets its button; a multi-tenant alias or a missing endpoint stops start-up rather than
letting people in by the wrong rules. Each case starts Django afresh in a
subprocess, as a server would."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from yjs.sso import verified_email

BASE_DIR = Path(__file__).resolve().parents[2]
TENANT = "0f1e2d3c-aaaa-bbbb-cccc-123456789abc"
READ_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
from django.urls import NoReverseMatch, resolve, reverse
try:
    callback = reverse("oidc_authentication_callback")
except NoReverseMatch:
    callback = None
names = [n for n in dir(settings) if n.startswith(("OIDC_", "SSO_"))]
names += ["AUTHENTICATION_BACKENDS", "INSTALLED_APPS"]
values = {n: getattr(settings, n) for n in names}
values["callback"] = callback
values["button"] = resolve("/sign-in/").func.view_initkwargs["extra_context"]["sso_button_label"]
print(json.dumps(values))
"""


def start_django(**env):
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("OIDC_", "ENTRA_", "SSO_"))
    }
    environment.update(DEBUG="1", DJANGO_SETTINGS_MODULE="yjs.settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS], cwd=BASE_DIR, env=environment, capture_output=True, text=True,
        timeout=120,
    )
    if result.returncode:
        return result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_client_id_there_is_no_sso_and_the_sign_in_page_has_no_button():
    values = start_django()

    assert values["SSO_ENABLED"] is False
    assert values["callback"] is None
    assert "yjs.sso.InvitedPeopleOIDCBackend" not in values["AUTHENTICATION_BACKENDS"]
    assert not values["button"]


def test_an_entra_tenant_id_gives_every_endpoint_and_the_button():
    values = start_django(OIDC_CLIENT_ID="app-id", OIDC_CLIENT_SECRET="secret", ENTRA_TENANT_ID=TENANT)

    entra = f"https://login.microsoftonline.com/{TENANT}"
    assert values["OIDC_OP_AUTHORIZATION_ENDPOINT"] == f"{entra}/oauth2/v2.0/authorize"
    assert values["OIDC_OP_TOKEN_ENDPOINT"] == f"{entra}/oauth2/v2.0/token"
    assert values["OIDC_OP_JWKS_ENDPOINT"] == f"{entra}/discovery/v2.0/keys"
    assert values["OIDC_OP_USER_ENDPOINT"] == "https://graph.microsoft.com/oidc/userinfo"
    assert values["OIDC_OP_ISSUER"] == f"{entra}/v2.0"
    assert values["OIDC_RP_SIGN_ALGO"] == "RS256" and values["OIDC_CREATE_USER"] is False
    assert values["OIDC_USE_PKCE"] is True
    assert values["SSO_TRUST_EMAIL_CLAIM"] is True
    assert "mozilla_django_oidc" in values["INSTALLED_APPS"]
    # Axes first, so a locked-out password sign-in never reaches the others.
    assert values["AUTHENTICATION_BACKENDS"][:2] == [
        "axes.backends.AxesStandaloneBackend",
        "yjs.sso.InvitedPeopleOIDCBackend",
    ]
    assert values["callback"] == "/oidc/callback/"
    assert values["button"] == "Sign in with your council account"


def test_another_provider_names_each_endpoint_and_its_own_button_words():
    values = start_django(
        OIDC_CLIENT_ID="app-id", OIDC_CLIENT_SECRET="secret", SSO_BUTTON_LABEL="Sign in with Keycloak",
        **{
            f"OIDC_OP_{name}_ENDPOINT": f"https://id.example.org/{name.lower()}"
            for name in ("AUTHORIZATION", "TOKEN", "USER", "JWKS")
        },
    )

    assert values["OIDC_OP_TOKEN_ENDPOINT"] == "https://id.example.org/token"
    assert values["SSO_TRUST_EMAIL_CLAIM"] is False  # only email_verified counts
    assert values["button"] == "Sign in with Keycloak"


@pytest.mark.parametrize(
    "env, message",
    [
        ({"ENTRA_TENANT_ID": "common"}, "council's own tenant ID"),
        ({"ENTRA_TENANT_ID": "organizations"}, "council's own tenant ID"),
        ({}, "OIDC_OP_AUTHORIZATION_ENDPOINT"),
        ({"ENTRA_TENANT_ID": TENANT, "OIDC_CLIENT_SECRET": ""}, "OIDC_CLIENT_SECRET"),
    ],
)
def test_settings_that_would_let_the_wrong_people_in_stop_start_up(env, message):
    error = start_django(**{"OIDC_CLIENT_ID": "app-id", "OIDC_CLIENT_SECRET": "secret", **env})

    assert isinstance(error, str) and message in error


@pytest.mark.parametrize(
    "claims, trust, expected",
    [
        ({"email": "a@example.org", "email_verified": True}, False, "a@example.org"),
        ({"email": "a@example.org", "email_verified": "true"}, False, "a@example.org"),
        ({"email": "a@example.org", "email_verified": False}, False, None),
        ({"email": "a@example.org"}, False, None),
        ({"preferred_username": "a@example.org", "email_verified": True}, False, None),
        # Entra ID: no email_verified; email if the account has a mailbox, else the sign-in name.
        ({"email": "a@example.org", "preferred_username": "b@example.org"}, True, "a@example.org"),
        ({"preferred_username": "b@example.org"}, True, "b@example.org"),
        ({"upn": "c@example.org"}, True, "c@example.org"),
        ({"preferred_username": "not-an-address"}, True, None),
    ],
)
def test_only_an_address_the_provider_vouches_for_is_used(claims, trust, expected):
    assert verified_email(claims, trust_email_claim=trust) == expected


def test_the_sign_in_page_offers_only_passwords_when_sso_is_off(client, db):
    page = client.get("/sign-in/").content.decode()

    assert "council account" not in page and "/oidc/" not in page
    assert 'name="password"' in page
