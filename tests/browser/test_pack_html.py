"""The board pack as a web page: a board member reads it in the browser, with the
performance charts, and it passes axe (WCAG 2.2 AA); generating a PDF says so."""

from io import StringIO

from django.core.management import call_command
from playwright.sync_api import expect


def test_a_member_reads_the_board_pack_as_an_accessible_web_page_and_generates_the_pdf(
    sign_in, live_server, assert_accessible, settings
):
    # The pack is built within the request here (the queue's own journey is test_pack_queue.py).
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    call_command("load_sefton_indicators", stdout=StringIO())  # the performance section and its charts
    page = sign_in("member")
    page.goto(f"{live_server.url}/board-packs/")
    page.get_by_role("row", name="Quarter 1 2022/23").get_by_role("link", name="Read as a web page").click()  # an ended quarter

    expect(page.get_by_role("heading", level=1)).to_have_text("Sefton Youth Justice Service Development Plan")
    contents = page.get_by_role("navigation", name="Contents")
    expect(contents.get_by_role("link", name="The plan in full")).to_be_visible()
    for heading in ("Summary", "Exceptions: Red and Amber actions", "Performance", "The plan in full",
                    "Key to the words used and glossary"):
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    expect(page.get_by_text("How will we know?").first).to_be_visible()
    expect(page.get_by_role("img", name="First time entrants (rate per 100,000)", exact=False)).to_be_visible()
    assert_accessible(page)

    # The contents links go to their part.
    contents.get_by_role("link", name="The plan in full").click()
    assert page.url.endswith("#bp-plan")

    page.get_by_role("button", name="Generate board pack for Quarter 1 2022/23").click()
    banner = page.get_by_role("alert")
    expect(banner).to_contain_text("Board pack generated for Quarter 1 2022/23.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Board packs")
    assert_accessible(page)  # before the link has focus: axe reads the focus style as the link's own
    with page.expect_download() as download:
        banner.get_by_role("link", name="Download the board pack", exact=False).click()
    assert download.value.suggested_filename.endswith(".pdf")
