import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from boardpack.models import BoardPack

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


def test_the_chair_generates_a_pack_in_one_click_and_can_download_it_again(client, chair_user, urls):
    client.force_login(chair_user)
    response = client.post(urls["generate"], follow=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment;" in response["Content-Disposition"]
    pack = BoardPack.objects.get()
    assert pack.created_by == chair_user
    again = client.get(reverse("boardpack:download", args=[pack.pk]))
    assert again.content == response.content
    assert again["X-Content-SHA256"] == pack.sha256
    assert pack.sha256[:16] in client.get(urls["period"]).content.decode()


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


def test_the_preview_shows_the_same_content_and_escapes_plan_text(
    client, member_user, urls, pack_plan, django_assert_max_num_queries
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
    for heading in ("Summary", "Exceptions: Red and Amber actions", "The plan in full", "RAG key", "Glossary"):
        assert heading in html
    assert "boardpack/pack.css" in html
    assert 'style="' not in html


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
