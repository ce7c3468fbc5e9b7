import datetime

import pytest
from django.core.management import CommandError, call_command

from plans.models import Action, Aim, Owner, Plan, ProgressUpdate, Section
from transfer import export, importer, layout
from transfer.guards import MAX_ROWS, SpreadsheetError, read_table

from .conftest import as_csv, as_xlsx, plan_row, row

START = datetime.date(2022, 4, 1)


def describe(content, partnership, name="plan.xlsx"):
    return importer.describe(read_table(content, name), partnership=partnership, plan_start=START)


def signature(plan):
    """Everything the round trip must keep, in plan order."""
    return [
        (a.aim.section.title, a.aim.section.aim_label, a.aim.number, a.aim.title, a.aim.how_will_we_know,
         a.aim.desired_outcome, a.reference, a.description, sorted(o.name for o in a.owners.all()),
         a.target_month, a.recurrence, a.target_text, a.status)
        for a in Action.objects.filter(plan=plan).order_by("aim__section__order", "aim__order", "order")
    ]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_exporting_sefton_and_importing_it_gives_the_same_plan(sefton, kind):
    content = export.plan_xlsx(sefton) if kind == "xlsx" else export.plan_csv(sefton)
    description = describe(content, sefton.partnership, f"sefton.{kind}")
    assert description.problems == []
    assert description.new_owners == {}  # every owner, teams included, matched by name

    copy = importer.create_plan(description, partnership=sefton.partnership, title="Copy",
                                period_start=sefton.period_start, period_end=sefton.period_end)

    assert signature(copy) == signature(sefton)
    assert len(signature(copy)) == 59
    assert copy.status == Plan.State.DRAFT


def test_imported_statuses_and_commentary_become_the_first_update(partnership, officer_user):
    content = as_csv([plan_row(status="Amber", latest_commentary="Delayed by staffing",
                               last_updated="31/03/2022 17:00", updated_by="Olive Owner")])
    plan = importer.create_plan(describe(content, partnership, "p.csv"), partnership=partnership,
                                title="New", period_start=START, period_end=START.replace(year=2023),
                                user=officer_user)
    update = ProgressUpdate.objects.get(action__plan=plan)
    assert (update.status, update.commentary, update.author_name, update.author) == (
        "amber", "Delayed by staffing", "Olive Owner", officer_user)
    assert update.recorded_at.date() == datetime.date(2022, 3, 31)


def test_owners_are_matched_by_name_or_email_and_new_ones_listed(partnership, team):
    Owner.objects.create(partnership=partnership, name="Pat Probation", email="pat@probation.example")
    content = as_csv([plan_row(owners="team managers; PAT@probation.example; Newt New <newt@example.org>")])
    description = describe(content, partnership, "p.csv")
    assert description.problems == []
    assert description.actions[0].owner_names == ["Team Managers", "Pat Probation", "Newt New"]
    assert list(description.new_owners.values()) == [("Newt New", "newt@example.org")]

    plan = importer.create_plan(description, partnership=partnership, title="New", period_start=START,
                                period_end=START.replace(year=2023))
    assert sorted(plan.actions.get().owners.values_list("name", flat=True)) == [
        "Newt New", "Pat Probation", "Team Managers"]
    # The first history row of the action names the same owners (the admin's history shows them).
    first = plan.actions.get().history.earliest()
    assert sorted(row.owner.name for row in first.owners.all()) == ["Newt New", "Pat Probation", "Team Managers"]


def test_a_blank_section_or_aim_continues_the_one_above(partnership):
    content = as_csv([plan_row("A1"), row(reference="A2", action="Second action")])
    description = describe(content, partnership, "p.csv")
    assert description.problems == []
    assert [a.reference for a in description.aims[0].actions] == ["A1", "A2"]


def everything(partnership):
    return (Plan.objects.count(), Section.objects.count(), Aim.objects.count(), Action.objects.count(),
            Owner.objects.count(), ProgressUpdate.objects.count())


BAD_FILES = {
    "a wrong column": (
        as_xlsx([["Standards", "Aim 1", "Reduce", "A1", "Do it", "Red"]],
                header=["Section", "Aim", "Aim title", "Reference", "Action", "Colour"]),
        "row 1, column Colour: 'Colour' is not a column of the plan layout"),
    "a missing column": (
        as_xlsx([["Standards", "Aim 1", "A1", "Do it"]], header=["Section", "Aim", "Reference", "Action"]),
        "row 1, column Aim title: the column Aim title is missing"),
    "an unknown status": (
        as_xlsx([plan_row(status="Purple")]),
        "row 2, column Status: 'Purple' is not a status"),
    "a duplicate reference": (
        as_xlsx([plan_row("A1"), plan_row("A1", action="Another")]),
        "row 3, column Reference: 'A1' is already used on row 2"),
    "an empty required cell": (
        as_xlsx([plan_row(action="")]),
        "row 2, column Action: this cell is empty"),
    "an unreadable target": (
        as_xlsx([plan_row("A1"), plan_row("A2"), plan_row("A3", target="Sometime")]),
        "row 4, column Target: 'Sometime' is not a month or a recurrence"),
    "an unknown owner email": (
        as_xlsx([plan_row(owners="nobody@example.org")]),
        "row 2, column Owners: no one has the email 'nobody@example.org'"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_reported_by_row_and_column_and_saves_nothing(partnership, case, tmp_path):
    content, message = BAD_FILES[case]
    before = everything(partnership)
    description = describe(content, partnership)
    assert any(str(problem).startswith(message) for problem in description.problems), description.problems
    with pytest.raises(ValueError):
        importer.create_plan(description, partnership=partnership, title="X", period_start=START,
                             period_end=START.replace(year=2023))
    if case == "a wrong column":
        return  # the command reads any layout: see test_the_command_names_and_ignores_a_column_it_does_not_use
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="nothing was saved"):
        call_command("import_plan", str(path), "--partnership", partnership.name, "--title", "X",
                     "--start", "2022-04-01", stderr=open("/dev/null", "w"))
    assert everything(partnership) == before


def test_the_command_names_and_ignores_a_column_it_does_not_use(partnership, tmp_path, capsys):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(BAD_FILES["a wrong column"][0])
    call_command("import_plan", str(path), "--partnership", partnership.name, "--title", "X", "--start", "2022-04-01")
    assert "Column Colour: not used" in capsys.readouterr().out
    assert Plan.objects.get(title="X").actions.get().description == "Do it"


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.csv", "not a spreadsheet"),
        (b"PK\x03\x04 not really a zip", "plan.xlsx", "damaged or incomplete"),
        (b"hello", "plan.xlsx", "not an Excel workbook"),
        (b"\xd0\xcf\x11\xe0 old excel", "plan.xls", "old-style Excel"),
        (b"x" * (5 * 1024 * 1024 + 1), "plan.csv", "largest file accepted is 5 MB"),
    ],
)
def test_files_that_are_not_spreadsheets_or_too_big_are_refused(content, name, message):
    with pytest.raises(SpreadsheetError, match=message):
        read_table(content, name)


def test_too_many_rows_are_refused():
    with pytest.raises(SpreadsheetError, match="more than 5,000 rows"):
        read_table(as_csv([plan_row(f"A{n}") for n in range(MAX_ROWS + 1)]), "plan.csv")


def test_neutralised_formulas_read_back_as_the_original_text(partnership):
    content = as_xlsx([plan_row(action="=HYPERLINK(\"http://evil\")", latest_commentary="-5% on last year")])
    action = describe(content, partnership).actions[0]
    assert (action.description, action.commentary) == ('=HYPERLINK("http://evil")', "-5% on last year")


def test_the_command_creates_the_plan_and_lists_new_owners(partnership, tmp_path, capsys):
    path = tmp_path / "plan.csv"
    path.write_bytes(as_csv([plan_row(owners="Newt New", target="Quarterly - due June Board")]))
    call_command("import_plan", str(path), "--partnership", partnership.slug, "--title", "Imported",
                 "--start", "2022-04-01")
    out = capsys.readouterr().out
    assert "New owner: Newt New" in out and "Created draft plan 'Imported'" in out
    action = Action.objects.get(plan__title="Imported")
    assert (action.target_month, action.recurrence, action.target_text) == (
        datetime.date(2022, 6, 1), "quarterly", "Quarterly - due June Board")


def test_a_dry_run_saves_nothing(partnership, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(as_csv([plan_row()]))
    call_command("import_plan", str(path), "--partnership", partnership.slug, "--title", "X",
                 "--start", "2022-04-01", "--dry-run", stdout=open("/dev/null", "w"))
    assert not Plan.objects.exists()


def test_the_layout_accepts_other_common_header_names(partnership):
    header = ["Section", "Aim number", "Aim title", "Ref", "Action", "Actions Owner", "RAG"]
    content = as_csv([["Standards", "1", "Reduce", "A1", "Do it", "", "G"]], header=header)
    description = describe(content, partnership, "p.csv")
    assert description.problems == []
    assert description.actions[0].status == "green"
    assert layout.read_aim("Priority 3") == ("Priority", "3")
