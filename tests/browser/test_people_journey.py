"""Issue 14's journey: the administrator sets up a second partnership and its plan
officer; the officer invites a manager and a chair, who see only their own
partnership; the manager leaves and their action moves to the chair."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from plans.models import Action, Aim, Owner, Partnership, Plan, Section

PASSWORD = "wirral-journey-2026"
ROOT_PASSWORD = "root-journey-2026"


def sign_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def invite(page, name, email, job_title, role, assert_accessible):
    page.get_by_role("button", name="Invite someone").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite someone")
    assert_accessible(page)
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Job title").fill(job_title)
    page.get_by_label(role, exact=True).check()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"Invitation sent to {name}")
    assert_accessible(page)
    page.get_by_role("link", name="Wirral Youth Justice Partnership").click()  # breadcrumb back to People


def accept(browser, live_server, email, assert_accessible):
    """The invited person opens the link in their email, in their own browser, and chooses a password."""
    message = [m for m in mail.outbox if m.to == [email]][-1]
    link = re.search(r"https?://\S+/people/welcome/\S+/", message.body).group()
    assert link.startswith(live_server.url)
    page = browser.new_context().new_page()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    assert_accessible(page)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Save the password and sign in").click()
    expect(page.locator("header")).to_contain_text("Sign out")
    return page


def build_plan(partnership):
    """A small plan for the new partnership, as the officer would build it in the admin."""
    plan = Plan.objects.create(
        partnership=partnership, title="Wirral Service Development Plan", slug="wirral-plan",
        published="April 2026", period_start=datetime.date(2026, 4, 1), period_end=datetime.date(2027, 3, 31),
        status=Plan.State.ACTIVE,
    )
    section = Section.objects.create(plan=plan, title="Prevention", order=1)
    aim = Aim.objects.create(section=section, number="1", title="Fewer first time entrants", order=1)
    return Action.objects.create(aim=aim, reference="W1.1", description="Run a diversion panel every month")


def sees_only_their_partnership(page, live_server, sefton_slug):
    page.goto(f"{live_server.url}/")
    expect(page.locator("main")).not_to_contain_text("Sefton")
    response = page.goto(f"{live_server.url}/plans/{sefton_slug}/")
    assert response.status == 404


def test_a_new_partnership_gets_its_people_and_a_leavers_action_moves(
    page, browser, live_server, demo, assert_accessible
):
    sefton = Plan.objects.get(partnership__name="Sefton Youth Justice Partnership")
    get_user_model().objects.create_superuser("root", "root@example.org", ROOT_PASSWORD)

    # The administrator creates the partnership in the admin and invites its plan officer.
    sign_in(page, live_server, "root", ROOT_PASSWORD)
    page.goto(f"{live_server.url}/admin/plans/partnership/add/")
    page.get_by_label("Name").fill("Wirral Youth Justice Partnership")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    wirral = Partnership.objects.get(name="Wirral Youth Justice Partnership")
    action = build_plan(wirral)

    page.goto(f"{live_server.url}/people/")
    assert_accessible(page)
    page.get_by_role("link", name="Wirral Youth Justice Partnership").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    assert_accessible(page)
    invite(page, "Priya Officer", "priya@wirral.example", "Plan officer", "Plan officer", assert_accessible)

    # The officer accepts and invites a team manager and a chair.
    officer = accept(browser, live_server, "priya@wirral.example", assert_accessible)
    officer.goto(f"{live_server.url}/people/")
    expect(officer.get_by_role("heading", level=1)).to_have_text("People")
    expect(officer.locator("main table")).to_contain_text("Priya Officer")
    officer.get_by_role("button", name="Invite someone").click()
    officer.get_by_role("button", name="Send the invitation").click()  # nothing filled in
    expect(officer.locator(".govuk-error-summary")).to_contain_text("Enter the person's full name")
    assert_accessible(officer)
    officer.get_by_role("link", name="Wirral Youth Justice Partnership").click()
    invite(officer, "Mo Manager", "mo@wirral.example", "Team Manager", "Action owner", assert_accessible)
    invite(officer, "Chris Chair", "chris@wirral.example", "Superintendent", "Chair", assert_accessible)
    expect(officer.locator("main table")).to_contain_text("Invited – not yet signed in")

    manager = accept(browser, live_server, "mo@wirral.example", assert_accessible)
    chair = accept(browser, live_server, "chris@wirral.example", assert_accessible)
    for person in (manager, chair):
        sees_only_their_partnership(person, live_server, sefton.slug)

    # The officer adds a team; on a phone the people list scrolls inside its own region.
    officer.goto(f"{live_server.url}/people/{wirral.slug}/teams/")
    officer.get_by_label("Team name").fill("Case Managers")
    officer.get_by_role("button", name="Add the team").click()
    officer.get_by_label("Add a member to Case Managers").select_option(label="Mo Manager (Team Manager)")
    officer.get_by_role("button", name="Add to Case Managers").click()
    expect(officer.locator("main")).to_contain_text("Mo Manager added to Case Managers")
    assert_accessible(officer)
    officer.set_viewport_size({"width": 390, "height": 844})
    officer.goto(f"{live_server.url}/people/{wirral.slug}/")
    assert officer.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(officer)
    officer.set_viewport_size({"width": 1280, "height": 800})

    # The officer gives the manager an action, then marks the manager as a leaver.
    mo = Owner.objects.get(user__username="mo@wirral.example")
    action.owners.add(mo)  # as the officer would in the admin's action form
    officer.goto(f"{live_server.url}/people/")
    officer.get_by_role("link", name="Mo Manager").first.click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Mo Manager")
    expect(officer.locator("#actions + ul")).to_contain_text("W1.1")
    assert_accessible(officer)
    officer.get_by_role("button", name="Mark as leaving").click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Mo Manager is leaving")
    assert_accessible(officer)
    officer.get_by_label("Reassign all their actions to").select_option(label="Chris Chair (Superintendent)")
    officer.get_by_role("button", name="Confirm they have left").click()
    expect(officer.locator(".govuk-notification-banner")).to_contain_text("1 action moved")
    expect(officer.locator("main table")).to_contain_text("Left")
    assert_accessible(officer)

    assert [owner.name for owner in action.owners.all()] == ["Chris Chair"]
    assert not Owner.objects.get(partnership=wirral, name="Case Managers").members.exists()
    assert action.history.latest().history_change_reason == (
        "Reassigned from Mo Manager to Chris Chair: Mo Manager left"
    )

    # The manager can no longer sign in.
    gone = browser.new_context().new_page()
    sign_in(gone, live_server, "mo@wirral.example", PASSWORD)
    expect(gone.locator(".govuk-error-summary")).to_be_visible()
