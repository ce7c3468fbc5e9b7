"""Single sign-on in Chromium (Playwright), against the real test provider: the
button on the sign-in page, the refusal page and the way in all work in a
browser, and our two pages pass axe-core (WCAG 2.2 AA)."""

import os

import pytest

from plans.models import Role
from tests.browser.conftest import CHROMIUM, AxeChecker
from tests.conftest import make_user
from tests.sso.provider.seed import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop beside the ORM, as tests/browser
pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("sso"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed (apt-get install chromium)"),
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """As tests/browser's (one browser serves the whole run, whichever starts it)."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    }


def sign_in_at_the_provider(page, live_server, email):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_role("button", name="Sign in with your council account").click()
    page.get_by_label("Username").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Authorize").click()


def test_in_a_browser_a_stranger_is_turned_away_and_an_invited_person_gets_in(page, live_server, partnership):
    user = make_user("ivy", role=Role.MEMBER, first_name="Ivy", last_name="Invited")
    user.email = "invited@example.org"
    user.save()
    check = AxeChecker()

    page.goto(f"{live_server.url}/sign-in/")
    check(page)
    sign_in_at_the_provider(page, live_server, "stranger@example.org")
    assert page.get_by_role("heading", level=1).inner_text() == "You have not been invited"
    check(page)

    page.context.clear_cookies()
    sign_in_at_the_provider(page, live_server, "invited@example.org")
    assert "Signed in as Ivy Invited" in page.locator("header").inner_text()
