import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from boardpack.models import BoardPack
from jobs.models import Job
from boardpack.services import pack_pdf

from .conftest import pdf_text, squash


@pytest.fixture
def urls(pack_plan, period):
    plan = pack_plan["plan"]
    return {
        "index": reverse("boardpack:index"),
        "period": reverse("boardpack:period", args=[plan.slug, period.slug]),
        "preview": reverse("boardpack:preview", args=[plan.slug, period.slug]),
        "generate": reverse("boardpack:generate", args=[plan.slug, period.slug]),
        "close": reverse("boardpack:close", args=[period.pk]),
    }


def test_generating_a_pack_shows_its_progress_then_offers_the_download(client, chair_user, urls, run_worker):
    client.force_login(chair_user)
    response = client.post(urls["generate"])
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert not BoardPack.objects.exists()  # the web request built nothing
    waiting = client.get(response["Location"]).content.decode()
    assert "<h1" in waiting and "Building the board pack" in waiting and "Waiting for the worker" in waiting
    assert 'http-equiv="refresh"' in waiting  # it checks again by itself

    run_worker()

    pack = BoardPack.objects.get()
    assert pack.created_by == chair_user
    done = client.get(response["Location"]).content.decode()
    assert "The board pack is ready" in done and 'http-equiv="refresh"' not in done
    download = reverse("boardpack:download", args=[pack.pk])
    assert f'href="{download}" id="job-result">Download the board pack (PDF)</a>' in done
    pdf = client.get(download)
    assert pdf["Content-Type"] == "application/pdf"
    assert "attachment;" in pdf["Content-Disposition"]
    assert pdf["X-Content-SHA256"] == pack.sha256
    assert "Agree the resettlement policy" in squash(pdf_text(pdf.content))


def test_a_pack_ready_at_once_is_announced_on_the_board_packs_page_with_its_download(client, chair_user, urls, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(chair_user)
    response = client.post(urls["generate"], follow=True)
    assert response.redirect_chain[-1][0] == urls["index"]
    pack = BoardPack.objects.get()
    html = response.content.decode()
    banner = html[html.index("govuk-notification-banner--success") :]
    assert "Board pack generated for Quarter 1 2022/23." in banner
    download = reverse("boardpack:download", args=[pack.pk])
    assert f'<a class="govuk-notification-banner__link" href="{download}">Download the board pack (PDF,' in banner
    # Said once: the banner is not shown again on the next page.
    assert "Board pack generated" not in client.get(urls["index"]).content.decode()


def test_the_pack_lists_speak_plainly_to_a_board(client, chair_user, urls, run_worker):
    with time_machine.travel(datetime.datetime(2022, 5, 16, 10), tick=False):  # during Quarter 1
        client.force_login(chair_user)
        client.post(urls["generate"])
        run_worker()
        index = client.get(urls["index"]).content.decode()
    assert "Preview with today's figures" in index
    assert "Can still change until the quarter is closed" in index
    with time_machine.travel(datetime.datetime(2022, 11, 29, 10), tick=False):  # the quarter has ended, not closed
        client.force_login(chair_user)
        ended = client.get(urls["index"]).content.decode()
        period = client.get(urls["period"]).content.decode()
    assert "Each action as it stood on 30 Jun 2022" in ended and "Read as a web page" in ended
    for page in (index, period):
        assert "File fingerprint" in page and "What is the file fingerprint?" in page
        assert "SHA-256 checksum" not in page.split("What is the file fingerprint?")[0]
        assert "Open</strong> live" not in page
    assert BoardPack.objects.get().sha256[:16] in period


def test_action_owners_cannot_see_or_generate_packs(client, owner_user, urls):
    client.force_login(owner_user)
    for name in ("index", "period", "preview"):
        assert client.get(urls[name]).status_code == 403
    assert client.post(urls["generate"]).status_code == 403
    assert not BoardPack.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, urls):
    assert client.get(urls["index"]).status_code == 302


def test_generating_needs_a_post(client, officer_user, urls):
    client.force_login(officer_user)
    assert client.get(urls["generate"]).status_code == 405


def test_only_the_plan_officer_closes_a_period_after_confirming(client, member_user, officer_user, urls, period):
    client.force_login(member_user)
    assert client.get(urls["close"]).status_code == 403
    assert client.post(urls["close"]).status_code == 403
    client.force_login(officer_user)
    confirm = client.get(urls["close"])
    assert "Close Quarter 1 2022/23?" in confirm.content.decode()
    period.refresh_from_db()
    assert not period.is_closed
    client.post(urls["close"])
    period.refresh_from_db()
    assert period.is_closed and period.closed_by == officer_user


def test_the_web_page_shows_the_pdfs_content_and_escapes_plan_text(
    client, member_user, urls, pack_plan, period, django_assert_max_num_queries
):
    pack_plan["red"].record_update(
        status="red", commentary="<script>alert(1)</script>", author_name="T",
        recorded_at=datetime.datetime(2022, 6, 1, tzinfo=datetime.UTC),
    )
    client.force_login(member_user)
    with django_assert_max_num_queries(25):
        response = client.get(urls["preview"])
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert html.count("<h1") == 1
    assert 'style="' not in html
    assert "boardpack/pack.css" in html and "boardpack/screen.css" in html
    # The same parts, in the same order, as the PDF built from the same context.
    pdf, _ = pack_pdf(pack_plan["plan"], period, datetime.date(2022, 6, 30), datetime.datetime(2022, 6, 30, tzinfo=datetime.UTC))
    pdf_text_ = squash(pdf_text(pdf))
    headings = [
        "Summary", "Exceptions: Red and Amber actions", "Overdue actions", "Completed this quarter",
        "The plan in full", "Key to the words used and glossary", "Glossary",
    ]
    assert [html.rindex(f">{h}") for h in headings] == sorted(html.rindex(f">{h}") for h in headings)
    for text in ("Agree the resettlement policy", "How will we know?", "FTE figures will reduce", "Direction of travel",
                 "No status has been recorded for this action yet.", "Youth Justice Service"):
        assert text in html and text in pdf_text_


def test_the_web_page_has_the_pdfs_readers(client, owner_user, member_user, chair_user, officer_user, urls):
    assert client.get(urls["preview"]).status_code == 302  # signed out: to sign in
    client.force_login(owner_user)
    assert client.get(urls["preview"]).status_code == 403
    for reader in (member_user, chair_user, officer_user):
        client.force_login(reader)
        assert client.get(urls["preview"]).status_code == 200


def test_the_web_page_of_a_closed_quarter_says_its_figures_are_fixed_and_links_to_the_kept_pdf(
    client, officer_user, urls, period, run_worker
):
    client.force_login(officer_user)
    client.post(urls["close"])
    client.post(urls["generate"])
    run_worker()
    html = client.get(urls["preview"]).content.decode()
    assert "The quarter is closed, so the figures are the ones frozen on" in html
    assert reverse("boardpack:download", args=[BoardPack.objects.get().pk]) in html
    assert "Read as a web page" in client.get(urls["period"]).content.decode()


def test_the_preview_query_count_does_not_grow_with_the_plan(
    client, member_user, urls, make_action, django_assert_max_num_queries
):
    for _ in range(40):
        make_action(status="amber", commentary="More", recorded_at=datetime.datetime(2022, 5, 2, tzinfo=datetime.UTC))
    client.force_login(member_user)
    with django_assert_max_num_queries(25):
        client.get(urls["preview"])


def test_the_command_writes_the_pdf_and_keeps_it(pack_plan, period, tmp_path):
    output = tmp_path / "pack.pdf"
    call_command("board_pack", plan=pack_plan["plan"].slug, period="2022-Q1", output=str(output), stdout=open("/dev/null", "w"))
    assert "Agree the resettlement policy" in squash(pdf_text(output.read_bytes()))
    assert BoardPack.objects.get().sha256
    call_command("board_pack", plan=str(pack_plan["plan"].pk), period="2022-q1", output=str(output), no_keep=True, stdout=open("/dev/null", "w"))
    assert BoardPack.objects.count() == 1
