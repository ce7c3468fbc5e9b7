from playwright.sync_api import expect


def test_a_signed_out_visitor_is_sent_to_sign_in_and_sees_errors_summarised(page, live_server, demo, assert_accessible):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/sign-in/?next=/")
    assert_accessible(page)
    page.get_by_label("Username").fill("manager")
    page.get_by_label("Password", exact=True).fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)


def test_the_chair_reads_the_whole_plan_with_status_as_words(sign_in, live_server, assert_accessible):
    page = sign_in("chair")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dashboard")  # the chair lands on the dashboard
    page.get_by_role("link", name="Plans", exact=True).click()
    page.get_by_role("link", name="Sefton Youth Justice Service Development Plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sefton Youth Justice Service Development Plan")
    expect(page.get_by_role("heading", name="Aim 1: Reduce the Number of First Time Entrants")).to_be_visible()
    assert page.locator("table .app-rag--red").first.inner_text() == "Red"
    assert_accessible(page)


def test_a_person_can_reset_a_forgotten_password_and_sign_out_on_accessible_pages(
    sign_in, page, live_server, assert_accessible
):
    page = sign_in("manager")
    page.get_by_role("link", name="Change your password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    assert_accessible(page)

    page.get_by_role("link", name="Sign in").click()
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    assert_accessible(page)
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
