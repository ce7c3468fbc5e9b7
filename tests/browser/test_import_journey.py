"""Issue 17: a plan officer brings in another partnership's tracker, in its own headings and words,
as a new partnership's plan: every step of the import is checked with axe-core."""

from playwright.sync_api import expect

from plans.models import Action, Plan
from plans.spreadsheets import csv_bytes
from tests.conftest import work_the_queue

HEADINGS = ["Theme", "Action", "Lead", "Deadline", "Progress", "Comment", "Initials"]
ROWS = [
    ["Education", "Run a school exclusions panel", "Pat Probation", "March 2027", "In progress", "Panel set up", "JS"],
    ["Health", "Agree a CAMHS pathway", "TBC", "Sept 2026", "Delayed", "Waiting for <b>CAMHS</b>", "AB"],
]


def test_the_officer_imports_a_tracker_in_its_own_layout_for_a_new_partnership(sign_in, live_server,
                                                                              assert_accessible):
    page = sign_in("officer")
    page.goto(f"{live_server.url}/spreadsheets/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a plan")
    assert_accessible(page)
    page.get_by_label("Partnership", exact=True).select_option(label="A new partnership")
    page.get_by_label("Name of the new partnership").fill("Safer Communities Partnership")
    page.get_by_label("Plan title").fill("Community Safety Delivery Plan")
    page.get_by_label("Year the plan starts").fill("2026")
    page.get_by_label("Plan file").set_input_files(
        files=[{"name": "tracker.csv", "mimeType": "text/csv", "buffer": csv_bytes(HEADINGS, ROWS)}])
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("What each column holds")
    expect(page.get_by_label("What “Progress” holds")).to_have_value("Stage")
    expect(page.get_by_label("What “Initials” holds")).to_have_value("")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("What your status words mean")
    page.get_by_label("Status for “Delayed”").select_option("amber")
    page.get_by_label("Stage for “Delayed”").select_option("in_progress")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check the plan before importing")
    expect(page.get_by_text("Initials: not used")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Create the plan").click()

    # Issue 18: the plan is saved on the queue; the progress page follows the worker.
    expect(page.get_by_role("heading", level=1)).to_have_text("Importing the plan")
    assert not Plan.objects.filter(title="Community Safety Delivery Plan").exists()
    work_the_queue()
    expect(page.get_by_role("heading", level=1)).to_have_text("The plan is imported", timeout=15_000)
    expect(page.get_by_text("Community Safety Delivery Plan was created as a draft with 2 actions.")).to_be_visible()
    page.get_by_role("link", name="Go to the plan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Community Safety Delivery Plan")
    plan = Plan.objects.get(title="Community Safety Delivery Plan")
    assert plan.partnership.name == "Safer Communities Partnership"
    camhs = Action.objects.get(plan=plan, reference="2.1")
    assert (camhs.status, camhs.stage, camhs.owner_text, camhs.owners.count()) == ("amber", "in_progress", "TBC", 0)
    assert_accessible(page)
