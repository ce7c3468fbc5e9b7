"""A real OpenID Connect provider for the single sign-on tests.

`provider` starts tests/sso/provider (django-oidc-provider) in its own process
on a free port of 127.0.0.1, with its own SQLite file, once per run; `sso`
points the service (pytest-django's live_server, on localhost) at it, as the
OIDC_* environment variables would. Nothing in the protocol is mocked: the
browser's redirects, the provider's sign-in and consent forms, the code
exchange, the signed ID token and its keys, and the userinfo call all happen
over HTTP. If the provider cannot start the tests skip, except in CI (CI set),
where that is a failure.
"""

import datetime
import html
import os
import re
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

requests = pytest.importorskip("requests")
pytest.importorskip("oidc_provider", reason="django-oidc-provider is in requirements-dev.txt")
pytest.importorskip("mozilla_django_oidc", reason="mozilla-django-oidc is in requirements.txt")

from tests.sso.provider.seed import CLIENT_ID, CLIENT_SECRET, PASSWORD  # noqa: E402

BASE_DIR = Path(__file__).resolve().parents[2]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cannot_start(why):
    if os.environ.get("CI"):
        pytest.fail(f"The test OpenID provider did not start: {why}")
    pytest.skip(f"The test OpenID provider did not start: {why}")


@pytest.fixture(scope="session")
def provider(live_server, tmp_path_factory):
    """The provider's base address, e.g. http://127.0.0.1:40123/openid."""
    port = _free_port()
    folder = tmp_path_factory.mktemp("oidc_provider")
    log = open(folder / "provider.log", "w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.sso.provider.serve", str(port), f"{live_server.url}/oidc/callback/"],
        cwd=BASE_DIR,
        # The suite's clock as it reads now (it has ticked since TEST_CLOCK started
        # it): the provider's tokens must be fresh by the service's clock.
        env={**os.environ, "PROVIDER_DB": str(folder / "provider.sqlite3"),
             "TEST_CLOCK_NOW": datetime.datetime.now(datetime.UTC).isoformat()},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/openid"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                log.seek(0)
                _cannot_start(log.read()[-2000:])
            try:
                if requests.get(f"{base}/.well-known/openid-configuration", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                _cannot_start("no answer within 60 seconds")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture
def sso(settings, provider):
    """Single sign-on switched on, pointed at the test provider as yjs/settings.py
    would be by OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_OP_* variables."""
    settings.SSO_ENABLED = True
    settings.ROOT_URLCONF = "tests.sso.urls"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/jwks"
    settings.OIDC_OP_ISSUER = provider
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_CREATE_USER = False
    settings.OIDC_USE_PKCE = True
    settings.OIDC_CALLBACK_CLASS = "yjs.sso.CallbackView"
    settings.OIDC_TIMEOUT = 15
    settings.SSO_TRUST_EMAIL_CLAIM = False
    settings.AUTHENTICATION_BACKENDS = [
        settings.AUTHENTICATION_BACKENDS[0],
        "yjs.sso.InvitedPeopleOIDCBackend",
        *settings.AUTHENTICATION_BACKENDS[1:],
    ]
    settings.AXES_WHITELIST_CALLABLE = "yjs.sso.not_a_password_guess"
    return provider


class _Forms(HTMLParser):
    """The forms on a page: action, and the inputs and buttons that have a name."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "fields": {}, "buttons": {}})
        elif tag in {"input", "button"} and self.forms and attrs.get("name"):
            kind = attrs.get("type", "submit" if tag == "button" else "text")
            target = self.forms[-1]["buttons" if kind == "submit" else "fields"]
            target[attrs["name"]] = attrs.get("value") or ""


def submit(session, page, values, button=None):
    """Fill in and send the page's only form, as a browser would (POST)."""
    parser = _Forms()
    parser.feed(page.text)
    assert len(parser.forms) == 1, f"expected one form at {page.url}, found {len(parser.forms)}"
    form = parser.forms[0]
    data = {**form["fields"], **values}
    if button:
        data[button] = form["buttons"][button]
    return session.post(urljoin(page.url, form["action"]), data=data, timeout=30)


def sign_in_with_sso(live_server, email, password=PASSWORD, next_page=""):
    """Press the sign-in page's SSO button, sign in at the provider and allow the
    service to see the email address. Returns (session, the last page)."""
    session = requests.Session()
    page = session.get(f"{live_server.url}/sign-in/", params={"next": next_page} if next_page else {}, timeout=30)
    button = re.search(r'<a href="([^"]+)"[^>]*>Sign in with your council account</a>', page.text)
    assert button, "the sign-in page has no single sign-on button"
    start = html.unescape(button.group(1))
    page = session.get(urljoin(page.url, start), timeout=30)
    assert "Test identity provider" in page.text, page.url
    page = submit(session, page, {"username": email, "password": password})
    assert "Request for Permission" in page.text, page.url
    page = submit(session, page, {}, button="allow")
    return session, page
