"""Starting the next plan from the ended Sefton plan: the plan officer carries
forward, closes or drops each unfinished action, all in one go or not at all."""

import datetime

import pytest

from cycle import rollover
from cycle.headings import YJB_HEADINGS
from cycle.models import CarryForward, Succession
from plans.models import Action, Aim, Plan, ProgressUpdate, ReportingPeriod, Section

from .conftest import decision_data, details, roll_over, travel, unfinished

CHOICES = {
    "A2.3": ("carried", ""),  # Red
    "P2.5": ("carried", ""),  # Amber
    "A1.2": ("closed", "Audit completed February 2022; no further audit planned."),  # Green
    "A1.4": ("dropped", "MASH referrals are now reported by Children's Social Care."),  # not rated
}


def test_step_one_offers_the_next_financial_year_and_names_the_plan_for_it(sefton, officer_client, demo_day):
    page = officer_client.get(f"/plans/{sefton.slug}/next-plan/").content.decode()
    assert 'value="Sefton Youth Justice Service Development Plan 2023/24"' in page
    assert 'value="2023" checked' in page
    assert "2023/24: 1 April 2023 to 31 March 2024" in page
    assert "2027/28" in page  # a late rollover may start a later year


def test_the_officer_starts_the_next_plan_carrying_closing_and_dropping_as_chosen(
    sefton, officer_client, officer_user, demo_day
):
    old_red = sefton.actions.get(reference="A2.3")
    response = roll_over(officer_client, sefton, CHOICES)
    assert response.status_code == 302
    assert response["Location"] == f"/plans/{sefton.slug}/next-plan/started/"

    new_plan = Plan.objects.get(title="Sefton Youth Justice Service Development Plan 2023/24")
    assert (new_plan.period_start, new_plan.period_end) == (datetime.date(2023, 4, 1), datetime.date(2024, 3, 31))
    assert new_plan.published == "April 2023"
    assert new_plan.status == Plan.State.ACTIVE
    assert new_plan.rag_key.count() == 4
    succession = Succession.objects.get(previous_plan=sefton)
    assert succession.next_plan == new_plan and succession.created_by == officer_user

    # Carried: the same action in the new plan, its aim copied, linked to its predecessor.
    carried = Action.objects.get(plan=new_plan, reference="A2.3")
    assert carried.description == old_red.description
    assert set(carried.owners.all()) == set(old_red.owners.all())
    assert carried.target_month == old_red.target_month
    assert carried.status == "red"
    assert carried.aim != old_red.aim
    assert (carried.aim.title, carried.aim.number, carried.aim.section.title) == (
        old_red.aim.title, old_red.aim.number, old_red.aim.section.title
    )
    assert CarryForward.objects.get(action=old_red).new_action == carried
    assert carried.updates.get().commentary.startswith("Carried forward from action A2.3")
    assert carried.history.first().history_change_reason.startswith("Carried forward from")
    assert Action.objects.filter(plan=new_plan).count() == 2  # only the carried ones

    # Closed: a Blue update on the old action with the officer's note.
    closed = sefton.actions.get(reference="A1.2")
    assert closed.status == "blue"
    assert "Audit completed February 2022" in closed.updates.first().commentary
    # Dropped: the old action stays as it was, with the reason recorded.
    dropped = sefton.actions.get(reference="A1.4")
    assert dropped.status == ""
    assert CarryForward.objects.get(action=dropped).reason == CHOICES["A1.4"][1]
    # The rest were closed (the default in this test): only the carried and the
    # dropped stay unfinished in the old plan, as they were.
    assert set(unfinished(sefton).values_list("reference", flat=True)) == {"A2.3", "P2.5", "A1.4"}
    assert CarryForward.objects.filter(succession=succession).count() == 40
    # Its quarters exist, so board packs can be made for it.
    assert ReportingPeriod.objects.filter(partnership=sefton.partnership, year=2023).count() == 4

    page = officer_client.get(response["Location"]).content.decode()
    assert "The next plan has started" in page
    assert "2 carried forward" in page and "37 closed as completed" in page and "1 dropped" in page


def test_a_missing_drop_reason_saves_nothing_and_keeps_every_choice(sefton, officer_client, demo_day):
    choices = {**CHOICES, "A1.4": ("dropped", "   ")}
    plans, updates = Plan.objects.count(), ProgressUpdate.objects.count()
    response = roll_over(officer_client, sefton, choices)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Give a reason for dropping action A1.4" in page
    assert (Plan.objects.count(), ProgressUpdate.objects.count()) == (plans, updates)
    assert not Succession.objects.exists() and not CarryForward.objects.exists()
    # Nothing lost: the other choices are still made.
    carried = sefton.actions.get(reference="A2.3")
    assert f'name="action-{carried.pk}-decision" type="radio" value="carried" checked' in page
    assert "Audit completed February 2022" in page


def test_a_failure_half_way_saves_nothing(sefton, officer_client, demo_day, monkeypatch):
    def broken_close(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(rollover, "_close", broken_close)
    plans, updates = Plan.objects.count(), ProgressUpdate.objects.count()
    with pytest.raises(RuntimeError):
        roll_over(officer_client, sefton, CHOICES)
    assert (Plan.objects.count(), ProgressUpdate.objects.count()) == (plans, updates)
    assert not Action.objects.exclude(plan=sefton).exists()
    assert not Succession.objects.exists()


def test_the_new_plan_can_start_from_the_yjb_headings(sefton, officer_client, demo_day):
    roll_over(officer_client, sefton, CHOICES, sections="yjb")
    new_plan = Succession.objects.get().next_plan
    titles = list(Section.objects.filter(plan=new_plan).order_by("order").values_list("title", flat=True))
    # The YJB's headings, then the sections of the carried actions' aims (copied with them).
    assert titles[: len(YJB_HEADINGS)] == YJB_HEADINGS
    assert titles[len(YJB_HEADINGS):] == ["Youth Justice Standards 2021/22", "Sefton YJS Local Priorities 2021/22"]
    assert Aim.objects.filter(section__plan=new_plan).count() == 2


def test_copying_the_sections_copies_every_aim(sefton, officer_client, demo_day):
    roll_over(officer_client, sefton, CHOICES)
    new_plan = Succession.objects.get().next_plan
    assert Aim.objects.filter(section__plan=new_plan).count() == Aim.objects.filter(section__plan=sefton).count()


def test_a_plan_is_followed_by_one_plan_only(sefton, officer_client, demo_day):
    roll_over(officer_client, sefton, CHOICES)
    again = officer_client.get(f"/plans/{sefton.slug}/next-plan/")
    assert again["Location"] == f"/plans/{sefton.slug}/next-plan/started/"
    with pytest.raises(rollover.RolloverRefused):
        rollover.start_next_plan(
            sefton, rollover.NextPlanDetails("Another", "", 2023, "copy"), {}, user=None, today=demo_day
        )
    assert Plan.objects.count() == 2


def test_the_next_plan_cannot_be_started_before_the_final_quarter(sefton, officer_client):
    with travel(datetime.date(2022, 12, 1)):
        response = officer_client.post(f"/plans/{sefton.slug}/next-plan/", details())
        assert response["Location"] == sefton.get_absolute_url()
        assert officer_client.post(f"/plans/{sefton.slug}/next-plan/actions/", decision_data(sefton)).status_code == 302
    assert Plan.objects.count() == 1


def test_a_shortcut_fills_in_carry_forward_for_red_and_amber_and_close_for_the_rest(
    sefton, officer_client, demo_day
):
    officer_client.post(f"/plans/{sefton.slug}/next-plan/", details())
    page = officer_client.get(f"/plans/{sefton.slug}/next-plan/actions/?preset=exceptions").content.decode()
    red, green = sefton.actions.get(reference="A2.3"), sefton.actions.get(reference="A1.2")
    assert f'name="action-{red.pk}-decision" type="radio" value="carried" checked' in page
    assert f'name="action-{green.pk}-decision" type="radio" value="closed" checked' in page
    assert Plan.objects.count() == 1  # a shortcut saves nothing


@pytest.mark.parametrize("role", ["owner_user", "member_user", "chair_user"])
def test_only_the_plan_officer_may_start_the_next_plan(sefton, client, role, request, demo_day):
    client.force_login(request.getfixturevalue(role))
    for url in ("next-plan/", "next-plan/actions/", "next-plan/started/"):
        assert client.get(f"/plans/{sefton.slug}/{url}").status_code == 403
    assert client.post(f"/plans/{sefton.slug}/next-plan/", details()).status_code == 403
    assert client.post(f"/plans/{sefton.slug}/next-plan/actions/", decision_data(sefton)).status_code == 403
    assert Plan.objects.count() == 1


def test_signed_out_visitors_are_sent_to_sign_in(sefton, client, demo_day):
    response = client.get(f"/plans/{sefton.slug}/next-plan/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
