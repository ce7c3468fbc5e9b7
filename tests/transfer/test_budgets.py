"""A priorities plan with budgets (issue 17, item 3): a budget per priority, totals on the plan page, pack and exports."""

import datetime
from decimal import Decimal

import time_machine
from django.core.management import call_command
from django.urls import reverse

from plans.models import Aim, Membership, Plan, ReportingPeriod, Role
from transfer import export, importer, layout, mapping
from transfer.guards import read_table

from .conftest import as_csv, upload

HEADINGS = ["Priority", "Outcomes", "Measures", "Budget", "Funding source", "Spend to date", "Action", "Lead"]
PRIORITIES = [
    ["Priority 1: Reduce knife crime", "Fewer young people carry knives", "Knife crime offences", "£15k",
     "Serious Violence Duty grant", "£4,250.50", "Run awareness sessions in schools", "Pat Probation"],
    ["", "", "", "", "", "", "Fund two detached youth workers", "Team Managers"],
    ["Priority 2: Tackle exploitation", "Children are safe from exploitation", "Referrals to the MACE panel",
     "8000", "Council", "", "Map contextual safeguarding hot spots", ""],
]
TODAY = datetime.datetime(2022, 5, 16, 12, tzinfo=datetime.UTC)


def test_a_priorities_plan_with_budgets_comes_in_through_the_command(db, tmp_path, client, officer_user):
    path = tmp_path / "safer.csv"
    path.write_bytes(as_csv(PRIORITIES, header=HEADINGS))
    with time_machine.travel(TODAY):
        call_command("import_plan", str(path), "--partnership", "Safer Communities Partnership",
                     "--create-partnership", "--title", "Community Safety Plan", "--start", "2022-04-01",
                     "--foreword", "Our vision: a safer borough",
                     stdout=open("/dev/null", "w"))
    plan = Plan.objects.get(title="Community Safety Plan")
    aims = list(Aim.objects.filter(section__plan=plan))
    assert [(a.number, a.title, a.budget, a.budget_source, a.budget_spent) for a in aims] == [
        ("1", "Reduce knife crime", Decimal("15000.00"), "Serious Violence Duty grant", Decimal("4250.50")),
        ("2", "Tackle exploitation", Decimal("8000.00"), "Council", None)]
    assert aims[0].desired_outcome == "Fewer young people carry knives"
    assert aims[0].how_will_we_know == "Knife crime offences"
    assert plan.budget_totals() == {"budget": Decimal("23000.00"), "spent": Decimal("4250.50")}
    assert plan.foreword == "Our vision: a safer borough"

    # The command made a new partnership: its plan is seen only by people given a role in it (issue 14).
    Membership.grant(officer_user, plan.partnership, Role.OFFICER)
    client.force_login(officer_user)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "In total: Budget £23,000.00; £4,250.50 spent to date." in page
    assert "Budget £15,000.00, funded by Serious Violence Duty grant; £4,250.50 spent to date." in page

    period = ReportingPeriod.objects.get(partnership=plan.partnership, year=2022, quarter=1)
    with time_machine.travel(TODAY):
        pack = client.get(reverse("boardpack:preview", args=[plan.slug, period.slug])).content.decode()
    plan_in_full = pack.split('id="bp-plan"')[1]
    assert "In total: Budget £23,000.00" in plan_in_full and "Budget £8,000.00, funded by Council" in plan_in_full


def test_budgets_are_exported_as_numbers_and_come_back_on_import(db, tmp_path):
    path = tmp_path / "safer.csv"
    path.write_bytes(as_csv(PRIORITIES, header=HEADINGS))
    call_command("import_plan", str(path), "--partnership", "Safer", "--create-partnership", "--title", "P",
                 "--start", "2022-04-01", stdout=open("/dev/null", "w"))
    plan = Plan.objects.get(title="P")
    table = read_table(export.plan_xlsx(plan), "p.xlsx")
    first = dict(zip(table[0], table[1]))
    assert (first[layout.BUDGET], first[layout.BUDGET_SOURCE], first[layout.BUDGET_SPENT]) == (
        15000, "Serious Violence Duty grant", 4250.5)
    description = importer.describe(table, partnership=plan.partnership, plan_start=plan.period_start)
    assert description.problems == []
    assert [(a.budget, a.budget_spent) for a in description.aims] == [
        (Decimal("15000.00"), Decimal("4250.50")), (Decimal("8000.00"), None)]


def test_the_import_preview_shows_each_prioritys_budget_and_the_plans_vision(client, officer_user, partnership):
    client.force_login(officer_user)
    client.post(reverse("transfer:import"), {
        "partnership": partnership.pk, "title": "P", "start_year": "2022", "years": "1",
        "foreword": "A safer <em>Sefton</em> for everyone", "file": upload(as_csv(PRIORITIES, header=HEADINGS), "p.csv")})
    client.post(reverse("transfer:import_columns"),
                {f"column_{index}": field for index, field in enumerate(mapping.suggest(HEADINGS))})
    preview = client.get(reverse("transfer:import_check")).content.decode()
    assert "Budget £15,000.00, funded by Serious Violence Duty grant; £4,250.50 spent to date" in preview
    assert "A safer &lt;em&gt;Sefton&lt;/em&gt; for everyone" in preview  # the plan's vision, escaped
    assert not Plan.objects.exists()
    client.post(reverse("transfer:import_check"))
    assert Plan.objects.get(title="P").foreword == "A safer <em>Sefton</em> for everyone"


def test_a_budget_that_is_not_an_amount_is_a_problem_on_its_row(partnership):
    rows = [[*PRIORITIES[0][:3], "lots", *PRIORITIES[0][4:]]]
    table = read_table(as_csv(rows, header=HEADINGS), "p.csv")
    description = importer.describe(mapping.apply(table, mapping.suggest(HEADINGS)), partnership=partnership,
                                    plan_start=datetime.date(2022, 4, 1))
    assert [str(problem) for problem in description.problems] == [
        "row 2, column Budget: 'lots' is not an amount in pounds such as 2000 or £2,000.50"]
