"""Action owners and the plan officer, in a real browser."""

import re

from playwright.sync_api import expect


def open_from_my_actions(page, live_server, reference):
    """Follow the action's link in the My actions table (the banner may link it too)."""
    page.goto(f"{live_server.url}/my-actions/")
    page.locator("main table").get_by_role("link", name=re.compile(rf"^{re.escape(reference)}\b")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)


def open_update_form(page, live_server, reference):
    open_from_my_actions(page, live_server, reference)
    page.get_by_role("button", name="Update progress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Update progress")


def test_an_owner_corrects_a_mistake_and_sees_the_new_entry_in_the_history(sign_in, live_server, assert_accessible):
    page = sign_in("manager")
    page.goto(f"{live_server.url}/my-actions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")
    assert_accessible(page)
    open_from_my_actions(page, live_server, "A2.3")
    assert_accessible(page)
    page.get_by_role("button", name="Update progress").click()
    page.get_by_label("Amber").check()
    page.get_by_role("button", name="Save update").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter commentary explaining why the action is Amber")
    assert_accessible(page)
    summary.get_by_role("link").first.click()  # the summary takes you to the field
    expect(page.get_by_label("Progress commentary")).to_be_focused()

    page.get_by_label("Progress commentary").fill("New risk template drafted; sign-off at the June board")
    page.get_by_role("button", name="Save update").click()
    history = page.locator("main")
    expect(history).to_contain_text("New risk template drafted; sign-off at the June board")
    expect(history).to_contain_text("Sam Manager")
    assert_accessible(page)


def test_the_update_form_can_be_completed_with_the_keyboard_alone(sign_in, live_server):
    page = sign_in("manager")
    open_update_form(page, live_server, "A2.3")

    def tab_to(selector, limit=80):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"{selector} cannot be reached with Tab")

    tab_to("input[name=status]")
    page.keyboard.press("Space")  # the first status, Red
    page.keyboard.press("ArrowDown")  # moves the choice to Amber
    expect(page.get_by_label("Amber")).to_be_checked()
    tab_to("textarea[name=commentary]")
    page.keyboard.type("Recovery plan agreed with the service manager")
    tab_to("button[type=submit]")
    expect(page.locator(":focus")).to_have_text("Save update")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Recovery plan agreed with the service manager")


def choose_autocomplete(page, field_id, search, option):
    page.locator(f"#{field_id} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).first.click()


def test_an_action_added_in_the_admin_appears_on_the_owners_my_actions(sign_in, live_server, browser):
    page = sign_in("officer")
    page.goto(f"{live_server.url}/admin/plans/action/add/")
    choose_autocomplete(page, "id_aim", "First Time", "Aim 1: Reduce the Number of First Time Entrants")
    page.get_by_label("Reference").fill("A1.8")
    page.get_by_label("Description").fill("Pilot a restorative practice offer with two schools")
    choose_autocomplete(page, "id_owners", "Team Man", "Team Managers")
    page.locator("#id_target_month").fill("2027-03-01")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    manager = browser.new_page()
    manager.goto(f"{live_server.url}/sign-in/")
    manager.get_by_label("Username").fill("manager")
    manager.get_by_label("Password", exact=True).fill("sefton-demo-2026")
    manager.get_by_role("button", name="Sign in").click()
    manager.goto(f"{live_server.url}/my-actions/")
    expect(manager.locator("main table").get_by_role("link", name=re.compile(r"^A1\.8\b"))).to_be_visible()
    expect(manager.locator("main")).to_contain_text("Pilot a restorative practice offer with two schools")

