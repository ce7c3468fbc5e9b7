"""A board pack on the real queue: the plan officer asks for it, sees the progress
page (which passes axe), the worker builds it - `db_worker`'s own loop, run here
in the test's thread because the live server's in-memory test database cannot be
reached from another process - and the page, checking again by itself, offers the
PDF, which downloads."""

from playwright.sync_api import expect

from boardpack.models import BoardPack
from jobs.models import Job
from plans.models import Plan
from tests.conftest import work_the_queue


def run_worker():
    work_the_queue()


def test_the_officer_generates_a_pack_follows_its_progress_and_downloads_the_pdf(
    sign_in, live_server, assert_accessible
):
    page = sign_in("officer")
    plan = Plan.objects.exclude(status=Plan.State.DRAFT).order_by("period_start").first()
    page.goto(f"{live_server.url}/board-packs/{plan.slug}/2022-Q1/")
    page.get_by_role("button", name="Generate board pack for Quarter 1 2022/23").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Building the board pack")
    expect(page.get_by_role("status")).to_contain_text("Waiting for the worker to start it.")
    assert not BoardPack.objects.exists()  # the web request only queued it
    assert_accessible(page)

    run_worker()

    # No reload by the test: the page checks again by itself and changes to the result.
    expect(page.get_by_role("heading", level=1)).to_have_text("The board pack is ready", timeout=15_000)
    assert Job.objects.get().status == Job.Status.DONE
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the board pack (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
