"""The partnership meeting: the chair records it, and an action arising reaches its owner."""

import re
from io import StringIO

from django.core.management import call_command
from playwright.sync_api import expect

PHONE = 390


def fits_a_phone(page):
    page.set_viewport_size({"width": PHONE, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= PHONE


def test_the_chair_records_a_meeting_and_the_action_arising_reaches_its_owners_my_actions(
    sign_in, live_server, assert_accessible, clock
):
    call_command("load_sefton_agencies", stdout=StringIO())
    page = sign_in("chair")
    page.get_by_role("link", name="Meetings", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership meetings")
    assert_accessible(page)
    visited = [page.url]

    # The meeting: held today, reviewing the quarter offered.
    page.get_by_role("button", name="Record a meeting").click()
    assert_accessible(page)
    visited.append(page.url)
    page.get_by_label("Day").fill(str(clock.day))
    page.get_by_label("Month").fill(str(clock.month))
    page.get_by_label("Year").fill(str(clock.year))
    page.get_by_label("Location (optional)").fill("Committee Room, Bootle Town Hall")
    page.get_by_role("button", name="Save and draw up the agenda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Partnership meeting, "))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Meeting recorded")
    meeting_url = page.url
    assert_accessible(page)

    # Attendance: every agency present but probation, which sent a deputy.
    page.get_by_role("button", name="Record attendance").click()
    assert_accessible(page)
    visited.append(page.url)
    for block in page.locator(".app-agency").all():
        if block.get_by_role("heading").inner_text() == "Probation Service":
            block.get_by_label("Apologies", exact=True).check()
            block.get_by_label(re.compile("^Deputy")).fill("Senior Probation Officer")
        else:
            block.get_by_label("Present", exact=True).check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator("#attendance + p")).to_contain_text("sent apologies (1 sent a deputy)")

    # A decision on each exception, one after the other.
    exceptions = page.get_by_role("link", name=re.compile("^Record decision")).count()
    assert exceptions > 0
    page.get_by_role("link", name=re.compile("^Record decision")).first.click()
    assert_accessible(page)
    visited.append(page.url)
    for number in range(exceptions):
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Decision on "))
        if number == 0:
            page.get_by_label("Challenged").check()
            page.get_by_label("Note").fill("Bring a recovery plan to the next meeting.")
        else:
            page.get_by_label("Accepted").check()
        page.get_by_role("button", name=re.compile("^Save")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Partnership meeting, "))
    expect(page.get_by_text("no decision yet")).to_have_count(0)

    # One action arising, for the team manager.
    page.get_by_role("button", name="Add an action arising").click()
    assert_accessible(page)
    visited.append(page.url)
    page.get_by_label("Action", exact=True).fill("Share the out of court disposal audit with the panel")
    page.get_by_label("Owner").select_option(label="Sam Manager (Team Manager)")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year").fill(str(clock.year + 1))
    page.get_by_role("button", name="Save action arising").click()
    expect(page.locator("#actions-arising ~ div table")).to_contain_text("Sam Manager")

    page.get_by_role("link", name="Read the minutes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Minutes of the meeting held on"))
    expect(page.get_by_text("Decision: Challenged. Bring a recovery plan")).to_be_visible()
    assert_accessible(page)
    visited += [page.url, meeting_url]

    page.goto(f"{live_server.url}/meetings/attendance/")
    expect(page.get_by_text("Merseyside Police: 1 of 1 meeting (100%)")).to_be_visible()
    expect(page.get_by_text("Probation Service: 1 of 1 meeting (100%), 1 by a deputy")).to_be_visible()
    assert_accessible(page)
    visited.append(page.url)

    for url in visited:
        page.goto(url)
        assert fits_a_phone(page), url

    # The owner finds it on My actions and marks it done.
    page.context.clear_cookies()
    page = sign_in("manager")
    page.goto(f"{live_server.url}/my-actions/")
    arising = page.locator("#actions-arising ~ ul")
    expect(arising).to_contain_text("Share the out of court disposal audit with the panel")
    assert_accessible(page)
    arising.get_by_role("button", name=re.compile("^Mark as done")).click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("marked as done")
    expect(page.locator("#actions-arising ~ ul")).to_contain_text("Done")
