"""Owners as written (issue 17, item 7): the owner cell is kept beside the owners it matched."""

import datetime

from django.urls import reverse

from plans.models import Action
from transfer import importer
from transfer.guards import read_table

from .conftest import as_csv, plan_row

START = datetime.date(2022, 4, 1)


def test_every_sefton_action_keeps_its_owner_cell_and_tbc_is_kept_as_written(sefton):
    actions = Action.objects.filter(plan=sefton)
    assert actions.count() == 59 and not actions.filter(owner_text="").exists()
    tbc = actions.get(reference="P8.4")
    assert tbc.owner_text == "TBC" and not tbc.owners.exists()
    assert actions.get(reference="A1.1").owner_text == "Teams Manager and staff within the Youth Justice Service."


def test_an_imported_action_keeps_the_owner_cell_as_the_file_wrote_it(partnership):
    content = as_csv([plan_row(owners="Team Managers\nPat Probation")])
    description = importer.describe(read_table(content, "p.csv"), partnership=partnership, plan_start=START)
    plan = importer.create_plan(description, partnership=partnership, title="New", period_start=START,
                                period_end=START.replace(year=2023))
    action = plan.actions.get()
    assert action.owner_text == "Team Managers; Pat Probation"
    assert sorted(owner.name for owner in action.owners.all()) == ["Pat Probation", "Team Managers"]


def test_the_action_page_shows_the_owner_as_written(client, sefton, officer_user):
    client.force_login(officer_user)
    action = Action.objects.get(plan=sefton, reference="P8.4")
    page = client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert "As written in the plan: “TBC”" in page


def test_an_owner_cell_saying_tbc_is_kept_as_written_but_makes_no_owner_called_tbc(partnership):
    content = as_csv([plan_row(owners="TBC")])
    description = importer.describe(read_table(content, "p.csv"), partnership=partnership, plan_start=START)
    assert description.new_owners == {} and "A1.1 has no owner" in [n.message for n in description.notes]
    plan = importer.create_plan(description, partnership=partnership, title="New", period_start=START,
                                period_end=START.replace(year=2023))
    action = plan.actions.get()
    assert action.owner_text == "TBC" and not action.owners.exists()
