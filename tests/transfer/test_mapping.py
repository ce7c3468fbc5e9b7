"""A partnership's own layout (issue 17): their headings, their status and stage words."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from plans.models import Action, Aim, Partnership, Plan
from transfer import importer, mapping
from transfer.guards import read_table
from transfer.models import ImportSettings

from .conftest import as_csv, as_xlsx, upload

START = datetime.date(2022, 4, 1)
HEADINGS = ["Theme", "Action", "Lead", "Deadline", "Progress", "Comment", "Budget", "Initials"]
TRACKER = [
    ["Education", "Run a school exclusions panel", "Pat Probation", "March 2023", "In progress", "Panel set up", "£2,000", "JS"],
    ["", "Train staff in restorative practice", "Team Managers", "June 2022", "Complete (and ongoing)", "", "", "JS"],
    ["Health", "Screen for speech and language needs", "", "Ongoing", "Not started", "", "£1.5k", "AB"],
    ["", "Agree a CAMHS pathway", "Pat Probation", "Sept 2022", "Delayed", "Waiting for CAMHS", "", "AB"],
]
FORM = {"title": "Safer tracker", "start_year": "2022", "years": "1", "published": ""}


def tracker(kind="xlsx"):
    return as_xlsx(TRACKER, header=HEADINGS) if kind == "xlsx" else as_csv(TRACKER, header=HEADINGS)


def test_headings_are_suggested_by_name_and_synonym_and_extra_columns_are_not_used():
    assert mapping.suggest(HEADINGS) == ["Theme", "Action", "Owners", "Target", "Stage", "Latest commentary", "Budget",
                                         ""]
    assert mapping.suggest(["Ref", "RAG", "Owner", "Action", "Action"]) == ["Reference", "Status", "Owners", "Action", ""]


def test_a_partnerships_remembered_choice_comes_before_the_synonyms():
    assert mapping.suggest(["Progress", "Notes"], {"progress": "Status", "notes": ""})[:2] == ["Status", ""]


def test_a_mapping_without_actions_or_aims_is_refused_in_words():
    assert mapping.problems_with(["Theme", "", "Stage"]) == ["Choose the column that holds the actions"]
    assert mapping.problems_with(["Action", "Action"]) == [
        "Action is chosen for more than one column: choose it once",
        "Choose the column that holds the themes or the aims"]


def test_themes_become_aims_and_references_are_numbered_when_the_file_has_none(partnership):
    words = {"delayed": {"status": "amber", "stage": "in_progress"}}
    table = mapping.apply(read_table(tracker(), "t.xlsx"), mapping.suggest(HEADINGS))
    description = importer.describe(table, partnership=partnership, plan_start=START,
                                    vocabulary=mapping.Vocabulary(words))
    assert description.problems == []
    assert list(description.sections) == ["Themes"]
    assert [(aim.label, aim.number, aim.title) for aim in description.aims] == [
        ("Theme", "1", "Education"), ("Theme", "2", "Health")]
    assert [(a.reference, a.row, a.status, a.stage) for a in description.actions] == [
        ("1.1", 2, "", "in_progress"), ("1.2", 3, "blue", "ongoing"),
        ("2.1", 4, "", "not_started"), ("2.2", 5, "amber", "in_progress")]


def test_references_carry_the_section_number_when_there_are_several_sections():
    table = read_table(as_csv([["Youth", "Aim 1", "Reduce", "One"], ["", "", "", "Two"], ["Adult", "Aim 1", "Cut", "Three"]],
                              header=["Section", "Aim", "Aim title", "Action"]), "p.csv")
    rows = mapping.apply(table, ["Section", "Aim", "Aim title", "Action"])
    assert [row[-1] for row in rows[1:]] == ["1.1.1", "1.1.2", "2.1.1"]


def test_a_word_nobody_has_explained_is_a_problem_on_its_row(partnership):
    table = mapping.apply(read_table(tracker(), "t.xlsx"), mapping.suggest(HEADINGS))
    description = importer.describe(table, partnership=partnership, plan_start=START)
    assert [str(problem) for problem in description.problems] == [
        "row 5, column Stage: 'Delayed' is not a stage (Not started, In progress, Completed, Ongoing)"]


# --- Through the site --------------------------------------------------------------------


@pytest.fixture
def officer(client, officer_user):
    client.force_login(officer_user)
    return client


def test_an_officer_imports_a_tracker_in_their_own_layout_through_the_site(officer, partnership):
    response = officer.post(reverse("transfer:import"), {**FORM, "partnership": partnership.pk,
                                                         "file": upload(tracker(), "tracker.xlsx")})
    assert response.url == reverse("transfer:import_columns")
    page = officer.get(response.url).content.decode()
    assert "Run a school exclusions panel" in page and "Initials" in page

    columns = {f"column_{index}": field for index, field in enumerate(mapping.suggest(HEADINGS))}
    response = officer.post(reverse("transfer:import_columns"), columns)
    assert response.url == reverse("transfer:import_words")  # "Delayed" needs explaining
    words_page = officer.get(response.url)
    assert [written for written, _, _ in words_page.context["form"].rows()] == [
        "In progress", "Complete (and ongoing)", "Not started", "Delayed"]
    response = officer.post(response.url, {
        "status_0": "", "stage_0": "in_progress", "status_1": "blue", "stage_1": "ongoing",
        "status_2": "", "stage_2": "not_started", "status_3": "amber", "stage_3": "in_progress"})
    assert response.url == reverse("transfer:import_check")

    preview = officer.get(response.url).content.decode()
    assert "Initials: not used" in preview and "Theme 2: Health" in preview and "Agree a CAMHS pathway" in preview
    assert "“delayed”: Amber, In progress" in preview
    assert not Plan.objects.filter(title="Safer tracker").exists()

    officer.post(reverse("transfer:import_check"))
    plan = Plan.objects.get(title="Safer tracker")
    actions = {a.reference: a for a in Action.objects.filter(plan=plan)}
    assert (actions["2.2"].status, actions["2.2"].stage, actions["1.2"].status) == ("amber", "in_progress", "blue")
    assert [(aim.title, aim.budget) for aim in Aim.objects.filter(section__plan=plan)] == [
        ("Education", Decimal("2000.00")), ("Health", Decimal("1500.00"))]
    assert plan.budget_totals()["budget"] == Decimal("3500.00")
    assert actions["1.1"].owner_text == "Pat Probation"
    assert plan.status_words["delayed"] == {"status": "amber", "stage": "in_progress"}
    remembered = ImportSettings.objects.get(partnership=partnership)
    assert remembered.columns["progress"] == "Stage" and remembered.columns["initials"] == ""


def test_the_partnerships_next_file_is_read_as_it_was_last_time(officer, partnership):
    ImportSettings.objects.create(partnership=partnership, columns={"progress": "Status", "comment": ""},
                                  words={"delayed": {"status": "amber", "stage": ""}})
    officer.post(reverse("transfer:import"), {**FORM, "partnership": partnership.pk,
                                              "file": upload(tracker("csv"), "tracker.csv")})
    form = officer.get(reverse("transfer:import_columns")).context["form"]
    assert [form[f"column_{i}"].value() for i in range(8)] == [
        "Theme", "Action", "Owners", "Target", "Status", "", "Budget", ""]


def test_a_mapping_without_the_actions_is_refused_with_an_error_summary(officer, partnership):
    officer.post(reverse("transfer:import"), {**FORM, "partnership": partnership.pk,
                                              "file": upload(tracker(), "tracker.xlsx")})
    response = officer.post(reverse("transfer:import_columns"), {"column_0": "Theme", "column_1": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert "Choose the column that holds the actions" in page and not Plan.objects.exists()


def test_a_new_partnership_and_any_start_year_are_accepted_from_the_import_page(officer, partnership):
    response = officer.post(reverse("transfer:import"), {
        **FORM, "start_year": "2031", "years": "4", "partnership": "new",
        "new_partnership": "Safer  Communities Partnership", "file": upload(tracker(), "tracker.xlsx")})
    officer.post(reverse("transfer:import_columns"),
                 {f"column_{index}": field for index, field in enumerate(mapping.suggest(HEADINGS))})
    assert not Partnership.objects.filter(name="Safer Communities Partnership").exists()  # not until confirmed
    officer.post(reverse("transfer:import_words"), {"status_3": "amber", "stage_0": "in_progress"})
    officer.post(reverse("transfer:import_check"))
    plan = Plan.objects.get(title="Safer tracker")
    assert plan.partnership.name == "Safer Communities Partnership"
    assert (plan.period_start, plan.period_end) == (datetime.date(2031, 4, 1), datetime.date(2035, 3, 31))
    assert response.status_code == 302


def test_a_new_partnership_needs_a_name_that_is_not_taken(officer, partnership):
    for name, message in (("", "Enter the name of the new partnership"),
                          (partnership.name.upper(), "There is already a partnership called")):
        response = officer.post(reverse("transfer:import"), {**FORM, "partnership": "new", "new_partnership": name,
                                                             "file": upload(tracker(), "tracker.xlsx")})
        assert message in response.content.decode() and "govuk-error-summary" in response.content.decode()


def test_headings_and_words_from_the_file_are_escaped_on_every_step(officer, partnership):
    header = ["<b>Theme</b>", "Action", "Progress"]
    content = as_csv([["<i>Edu</i>", "<script>x</script>", "<u>Stuck</u>"]], header=header)
    officer.post(reverse("transfer:import"), {**FORM, "partnership": partnership.pk, "file": upload(content, "t.csv")})
    columns_page = officer.get(reverse("transfer:import_columns")).content.decode()
    officer.post(reverse("transfer:import_columns"), {"column_0": "Theme", "column_1": "Action", "column_2": "Stage"})
    words_page = officer.get(reverse("transfer:import_words")).content.decode()
    officer.post(reverse("transfer:import_words"), {"status_0": "red", "stage_0": "in_progress"})
    check_page = officer.get(reverse("transfer:import_check")).content.decode()
    for page in (columns_page, words_page, check_page):
        assert "<b>Theme" not in page and "<script>x" not in page and "<u>Stuck" not in page and "<i>Edu" not in page


# --- Through the command -----------------------------------------------------------------


def test_the_command_imports_a_tracker_with_its_own_headings_and_words(partnership, tmp_path):
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(tracker())
    with pytest.raises(CommandError, match="'delayed'"):
        call_command("import_plan", str(path), "--partnership", partnership.name, "--title", "T",
                     "--start", "2022-04-01", stdout=open("/dev/null", "w"))
    assert not Plan.objects.exists()
    call_command("import_plan", str(path), "--partnership", partnership.name, "--title", "T", "--start", "2022-04-01",
                 "--word", "Delayed=amber/in_progress", "--column", "Initials=", stdout=open("/dev/null", "w"))
    plan = Plan.objects.get(title="T")
    assert Action.objects.filter(plan=plan).count() == 4
    assert Action.objects.get(plan=plan, reference="2.2").status == "amber"
    assert ImportSettings.objects.get(partnership=partnership).words["delayed"]["status"] == "amber"


def test_the_command_creates_a_partnership_only_when_asked(db, tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_bytes(tracker("csv"))
    args = [str(path), "--partnership", "Safer Communities Partnership", "--title", "T", "--start", "2022-04-01",
            "--word", "Delayed=amber"]
    with pytest.raises(CommandError, match="--create-partnership"):
        call_command("import_plan", *args, stdout=open("/dev/null", "w"))
    call_command("import_plan", *args, "--create-partnership", stdout=open("/dev/null", "w"))
    assert Plan.objects.get().partnership.name == "Safer Communities Partnership"
