"""The review dashboard and the review list at ten times Sefton's size (issue 18):
the dashboard counts in SQL and lists only capped exceptions, so it stays small
and takes the same queries as at 1x; the review list's filter offers the chosen
plan's sections, and aims only where there are few enough to pick from."""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from plans.models import Action, Aim, Plan, Section
from review.dashboard import AIMS_SHOWN, LISTED
from review.filters import AIMS_OFFERED
from scripts.scale_data import DEFAULT_TODAY, build_scaled

DASHBOARD = reverse("review:dashboard")
LIST = reverse("review:action_list")
# The same bound at 1x and 10x. Measured 26 on the dashboard at both (12 its own,
# the rest session, user and the shared header and alert banner, which has more
# to say to the generated chair than to the fixtures'); a query per action or
# per aim would add 59 or 11 at 1x and ten times that at 10x.
DASHBOARD_QUERIES = 28
LIST_QUERIES = 28
MAX_DASHBOARD_BYTES = 300 * 1024


@pytest.fixture(autouse=True)
def on_generated_today():
    """The generator's today: Quarter 4 of the plan's year, every quarter with updates."""
    moment = datetime.datetime.combine(DEFAULT_TODAY, datetime.time(12), tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        yield


def scaled(scale):
    return build_scaled(scale=scale, today=DEFAULT_TODAY, updates_per_action=2, indicators=False)


def options(html, name):
    """The option labels of the select called ``name``."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [unescape(label) for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


@pytest.mark.parametrize("scale", [1, 10])
def test_the_dashboard_takes_the_same_queries_at_one_and_ten_times_the_plan(
    client, db, scale, django_assert_max_num_queries
):
    data = scaled(scale)
    client.force_login(data["chair_user"])

    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = client.get(DASHBOARD)

    assert response.context["summary"].total == data["counts"]["actions"] == 59 * scale


def test_the_dashboard_of_a_ten_times_plan_is_under_300_kb_and_lists_only_capped_exceptions(client, db):
    data = scaled(10)
    client.force_login(data["chair_user"])

    response = client.get(DASHBOARD)

    summary = response.context["summary"]
    html = response.content.decode()
    assert len(response.content) < MAX_DASHBOARD_BYTES
    assert summary.red_amber > LISTED and len(response.context["exceptions"]) == LISTED
    assert f"See all {summary.red_amber} Red or Amber actions in the review list" in html
    # 110 aims are counted by section (a table a chair can read), each section a link to its actions.
    assert Aim.objects.filter(section__plan=data["plan"]).count() > AIMS_SHOWN
    assert not summary.by_aim and sum(entry.total for entry in summary.by_section) == summary.total
    assert "Status by section" in html and "Status by aim" not in html


def test_the_dashboards_counts_match_one_row_per_action_counted_in_python(client, db):
    """The SQL aggregates against the rules applied to each action (review.summary)."""
    from plans.periods import Quarter
    from review.summary import period_rows, summarise

    data = scaled(10)
    client.force_login(data["chair_user"])
    quarter = Quarter.containing(DEFAULT_TODAY)

    shown = client.get(DASHBOARD).context["summary"]
    counted = summarise(period_rows(data["plan"], quarter, DEFAULT_TODAY))

    assert shown.by_status == counted.by_status and shown.directions == counted.directions
    assert (shown.overdue, shown.due_soon) == (counted.overdue, counted.due_soon)
    assert (shown.updated, shown.not_updated) == (len(counted.updated), len(counted.not_updated))
    assert {o.owner.pk: (o.updated, o.not_updated) for o in shown.owners} == {
        o.owner.pk: (len(o.updated), len(o.not_updated)) for o in counted.owners
    }


@pytest.mark.parametrize("scale", [1, 10])
def test_the_review_list_takes_the_same_queries_at_one_and_ten_times_the_plan(
    client, db, scale, django_assert_max_num_queries
):
    data = scaled(scale)
    client.force_login(data["chair_user"])

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(LIST, {"plan": "", "sort": "status_now", "page": 2})

    assert response.context["table"].paginator.count == 59 * scale


def test_a_large_plans_filter_offers_its_sections_and_the_aims_of_the_chosen_section_only(client, db):
    data = scaled(10)
    client.force_login(data["chair_user"])
    plan = data["plan"]
    section = Section.objects.filter(plan=plan).order_by("order").first()

    opened = client.get(LIST).content.decode()
    narrowed = client.get(LIST, {"plan": plan.pk, "section": section.pk}).content.decode()

    assert Aim.objects.filter(section__plan=plan).count() > AIMS_OFFERED
    assert len(options(opened, "section")) == Section.objects.filter(plan=plan).count() + 1  # and "All sections"
    assert options(opened, "aim") == ["All aims"]
    assert "Choose a section and apply the filters to choose one of its aims." in opened
    assert options(narrowed, "aim") == ["All aims", *(str(aim) for aim in section.aims.order_by("order"))]


def test_an_aim_chosen_from_the_dashboard_is_shown_chosen_though_the_plan_is_too_large_to_list_aims(client, db):
    data = scaled(10)
    client.force_login(data["chair_user"])
    aim = Aim.objects.filter(section__plan=data["plan"]).order_by("-order").first()

    response = client.get(LIST, {"plan": data["plan"].pk, "aim": aim.pk, "status": "red"})

    html = response.content.decode()
    assert options(html, "aim") == ["All aims", str(aim)]
    assert f'<option value="{aim.pk}" selected>' in html
    expected = Action.objects.filter(aim=aim, status="red").count()
    assert response.context["table"].paginator.count == expected


def test_with_two_plans_sections_and_aims_are_offered_once_a_plan_is_chosen(
    client, member_user, plan, aim, make_action
):
    other = Plan.objects.create(
        partnership=plan.partnership, title="Next plan", slug="next", period_start=plan.period_start,
        period_end=plan.period_end, status=Plan.State.DRAFT,
    )
    other_aim = Aim.objects.create(section=Section.objects.create(plan=other, title="Later"), number="9", title="Later aim")
    make_action(status="red")
    client.force_login(member_user)

    opened = client.get(LIST).content.decode()
    chosen = client.get(LIST, {"plan": plan.pk}).content.decode()
    still_filtered = client.get(LIST, {"aim": other_aim.pk, "status": "red"})

    assert options(opened, "section") == ["All sections"] and options(opened, "aim") == ["All aims"]
    assert "Choose a plan and apply the filters to choose one of its aims." in opened
    assert options(chosen, "section") == ["All sections", aim.section.title]
    assert options(chosen, "aim") == ["All aims", str(aim)]
    # An aim in the person's own plans is still accepted without a plan (links keep working).
    assert still_filtered.status_code == 200 and not still_filtered.context["filter"].errors
