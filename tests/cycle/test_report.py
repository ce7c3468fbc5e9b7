"""Progress on the previous plan, as a page and a PDF, aim by aim."""

import re

import pytest

from cycle.models import Succession

from .conftest import pdf_text, roll_over

CHOICES = {
    "A2.3": ("carried", ""),
    "P2.5": ("carried", ""),
    "A1.2": ("closed", "Audit completed February 2022; no further audit planned."),
    "A1.4": ("dropped", "MASH referrals are now reported by Children's Social Care."),
}


@pytest.fixture
def rolled_over(sefton, officer_client, demo_day):
    response = roll_over(
        officer_client, sefton, CHOICES, default="dropped", default_text="Not a priority for the new plan."
    )
    assert response.status_code == 302
    return Succession.objects.get()


def test_the_pdf_says_aim_by_aim_what_was_completed_carried_forward_and_dropped_and_why(
    sefton, rolled_over, chair_user, client, demo_day
):
    client.force_login(chair_user)
    response = client.get(f"/plans/{sefton.slug}/progress-report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Progress on the previous plan" in text
    assert "Sefton Youth Justice Service Development Plan (2022/23)" in text
    assert f"The {rolled_over.next_plan.title} was started from it on 29 November 2026" in text
    # Aim by aim, with each action's outcome.
    assert "Aim 2: Reduce rates of reoffending" in text
    assert re.search(r"A2\.3 .*?Red Red .*?Unchanged Carried forward to the Sefton Youth Justice Service Development "
                     r"Plan 2023/24 as action A2\.3", text)
    assert re.search(r"A1\.2 .*?Green Blue .*?Completed Closed as completed when the next plan was started "
                     r"Audit completed February 2022", text)
    assert "Dropped Why: MASH referrals are now reported by Children's Social Care." in text
    assert re.search(r"A2\.4 .*?Blue Blue .*?Already completed when the plan began", text)


def test_the_report_is_linked_from_the_ended_plan_and_the_new_plan(sefton, rolled_over, member_user, client, demo_day):
    client.force_login(member_user)
    report = f'href="/plans/{sefton.slug}/progress-report/"'
    assert report in client.get(sefton.get_absolute_url()).content.decode()
    assert report in client.get(rolled_over.next_plan.get_absolute_url()).content.decode()
    page = client.get(f"/plans/{sefton.slug}/progress-report/").content.decode()
    assert "Why: MASH referrals are now reported by Children&#x27;s Social Care." in page


def test_before_the_next_plan_is_started_the_report_says_the_actions_are_undecided(sefton, member_user, client, demo_day):
    client.force_login(member_user)
    page = client.get(f"/plans/{sefton.slug}/progress-report/").content.decode()
    assert "The next plan has not been started from it yet" in page
    assert "Not yet decided" in page
