"""The plan officer has the most navigation entries; on a 1280 px laptop they
all sit on one line (issue 14, item 4), and on a phone they fold into the
menu without widening the page. A person with no role has no navigation at
all: they land on a page saying whom to ask."""

from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from tests.conftest import make_user

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
ITEMS = ".govuk-service-navigation__item"


def people_entry():
    """The People entry, once the people pages exist (another module builds them)."""
    try:
        reverse("people:index")
    except NoReverseMatch:
        return []
    return ["People"]


def entries(page):
    """[(label, top)] for each visible navigation entry, as drawn."""
    return [
        (item.inner_text().split("\n")[0].strip(), round(item.bounding_box()["y"]))
        for item in page.locator(ITEMS).all()
        if item.is_visible()
    ]


def test_the_officer_lands_on_the_plan_and_every_navigation_entry_sits_on_one_line_at_1280_px(
    page, live_server, sign_in
):
    page.set_viewport_size(LAPTOP)
    sign_in("officer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sefton Youth Justice Service Development Plan")

    drawn = entries(page)
    labels = [label for label, _ in drawn]
    for label in ("My actions (", "Plans", "Dashboard", "Review", "Indicators", "Board packs", "Meetings",
                  "Spreadsheets", *people_entry(), "Admin"):
        assert any(shown.startswith(label) for shown in labels), (label, labels)
    tops = {top for _, top in drawn}
    assert len(tops) == 1, drawn


def test_on_a_phone_the_officers_navigation_opens_from_the_menu_without_widening_the_page(
    page, live_server, sign_in
):
    page.set_viewport_size(PHONE)
    sign_in("officer")
    page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("link", name="Admin", exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_person_without_a_role_lands_on_an_accessible_page_saying_whom_to_ask(
    page, live_server, demo, assert_accessible
):
    make_user("newcomer")  # signed up, not yet given a role in any partnership
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password", exact=True).fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to a partnership yet")
    expect(page.locator(".govuk-service-navigation")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Pat Officer")  # the demo's plan officer
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
