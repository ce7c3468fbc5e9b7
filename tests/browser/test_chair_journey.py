"""The chair's quarter: challenge the red items, then take the pack to the meeting."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader


def test_the_chair_filters_to_red_adds_a_review_note_and_downloads_the_board_pack(
    sign_in, live_server, assert_accessible, settings
):
    # The pack is built within the request here (the queue's own journey is test_pack_queue.py).
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    page = sign_in("chair")
    page.goto(f"{live_server.url}/review/actions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Review actions")
    # The list opens on Red and Amber; the chair narrows it to Red.
    expect(page.get_by_label("Amber")).to_be_checked()
    page.get_by_label("Amber").uncheck()
    page.get_by_role("button", name="Apply filters").click()
    rows = page.locator("table.govuk-table tbody tr")
    expect(rows.first).to_be_visible()
    assert all(text == "Red" for text in rows.locator(".app-rag").all_inner_texts())
    assert_accessible(page)

    first = rows.first
    reference = first.locator("th").inner_text()
    first.get_by_role("link", name=re.compile("^Add note")).click()
    assert_accessible(page)
    page.get_by_label("Challenge").check()
    page.get_by_label("Note", exact=True).fill("Why has this not started? Bring a recovery plan to the next meeting.")
    page.get_by_role("button", name="Save review note").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review actions")  # back to the filtered list
    expect(page.get_by_label("Amber")).not_to_be_checked()

    page.goto(f"{live_server.url}/board-packs/")
    assert_accessible(page)
    page.get_by_role("button", name="Generate board pack for Quarter 1 2022/23").click()
    # Generating says so, with the link to the PDF (issue 16: a silent download left the page unchanged).
    with page.expect_download() as download_info:
        page.get_by_role("alert").get_by_role("link", name="Download the board pack", exact=False).click()
    pdf = PdfReader(io.BytesIO(open(download_info.value.path(), "rb").read()))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Quarter 1 2022/23" in text
    assert "Exceptions: Red and Amber actions" in text
    assert reference in text


def test_the_chair_reads_why_each_red_action_is_red_from_the_review_list_without_opening_one(
    sign_in, live_server, assert_accessible
):
    from plans.models import Action

    red = {
        action.reference: action.updates.order_by("-recorded_at", "-pk").first().commentary
        for action in Action.objects.filter(status="red", plan__slug__startswith="sefton")
    }
    assert len(red) >= 5  # the Sefton plan's Red actions, each with the owner's words

    page = sign_in("chair")
    page.goto(f"{live_server.url}/review/actions/?status=red")
    rows = page.locator("table.govuk-table tbody tr")
    expect(rows.first).to_be_visible()
    seen = {}
    for index in range(rows.count()):
        row = rows.nth(index)
        seen[row.locator("th").inner_text().split()[0].rstrip(":")] = " ".join(row.inner_text().split())
    assert set(seen) == set(red)
    for reference, commentary in red.items():
        # The owner's reason, as they wrote it (shortened past 200 characters), in the row itself.
        assert " ".join(commentary.split())[:120] in seen[reference], reference
    assert page.url.startswith(f"{live_server.url}/review/actions/")  # never left the list
    assert_accessible(page)
