"""Issue 15: the officer starts the 2023/24 plan from the ended Sefton plan,
carrying forward its Red and Amber actions and closing the rest; then the chair
opens the new plan and generates its first board pack."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from plans.models import Action, Plan

NEW_TITLE = "Sefton Youth Justice Service Development Plan 2023/24"


def test_the_officer_rolls_the_sefton_plan_over_and_the_chair_takes_the_new_plans_first_board_pack(
    sign_in, live_server, assert_accessible, settings
):
    # The pack is built within the request here (the queue's own journey is test_pack_queue.py).
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    sefton = Plan.objects.get()
    red_and_amber = set(
        Action.objects.filter(plan=sefton, status__in=["red", "amber"]).values_list("reference", flat=True)
    )

    page = sign_in("officer")
    page.goto(f"{live_server.url}{sefton.get_absolute_url()}")
    banner = page.get_by_role("region", name="Important")
    expect(banner).to_contain_text("This plan ended on 31 March 2023.")
    assert_accessible(page)
    banner.get_by_role("link", name="Start the next plan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Start the next plan")
    expect(page.get_by_label("Title of the new plan")).to_have_value(NEW_TITLE)
    expect(page.get_by_label(re.compile("^2023/24: 1 April 2023"))).to_be_checked()
    page.get_by_label("Copy the sections and aims of this plan").check()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Decide what happens to each unfinished action")
    page.get_by_role("link", name="Carry forward every Red and Amber action, close the rest as completed").click()
    expect(page.get_by_role("radio", name="Carry it forward").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Start the new plan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("The next plan has started")
    expect(page.locator("main")).to_contain_text(f"{len(red_and_amber)} carried forward")
    assert_accessible(page)
    page.get_by_role("link", name="Read the progress on the previous plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Progress on the previous plan")
    assert_accessible(page)

    new_plan = Plan.objects.get(title=NEW_TITLE)
    assert set(Action.objects.filter(plan=new_plan).values_list("reference", flat=True)) == red_and_amber
    assert not Action.objects.filter(plan=sefton).exclude(status__in=["red", "amber", "blue"]).exists()

    # The carried action's page runs on into its history in the old plan.
    carried = Action.objects.filter(plan=new_plan).order_by("pk").first()
    page.goto(f"{live_server.url}{carried.get_absolute_url()}")
    expect(page.get_by_role("heading", name="From the 2022/23 plan")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    page = sign_in("chair")  # lands on the dashboard; the plans list is one click away
    page.get_by_role("link", name="Plans", exact=True).click()
    page.get_by_role("link", name=NEW_TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    expect(page.locator("main")).to_contain_text("This plan follows the Sefton Youth Justice Service Development Plan")
    assert_accessible(page)

    page.goto(f"{live_server.url}/board-packs/")
    page.get_by_role("button", name="Generate board pack for Quarter 1 2023/24").click()
    # The board packs page says the pack was generated, with the link to its PDF.
    with page.expect_download() as download_info:
        page.get_by_role("alert").get_by_role("link", name="Download the board pack", exact=False).click()
    pdf = PdfReader(io.BytesIO(open(download_info.value.path(), "rb").read()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    assert NEW_TITLE in text
    assert "Quarter 1 2023/24" in text
    assert carried.reference in text
