"""A plan from a Word table (issue 17, item 4): Sefton's Appendix 3 layout and one laid out differently."""

import io

import docx
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from plans.models import Action, Plan
from transfer import export
from transfer.guards import SpreadsheetError, read_table

from .conftest import upload

SEFTON_HEADINGS = ["Section", "Aim", "How will we know?", "Desired Outcome", "Actions", "Actions Owner",
                   "Target completion", "Comments and progress"]


def merge_down(table, column, first, last):
    """Merge a column's cells down the rows, as the plan's aim cells are in Word."""
    if last > first:
        table.cell(first, column).merge(table.cell(last, column))


def sefton_docx(plan):
    """Appendix 3 as one Word table: a RAG key table first, then the plan, aims merged down their actions."""
    document = docx.Document()
    document.add_paragraph("Appendix 3 – Service Development Plan")
    key = document.add_table(rows=1, cols=2)
    key.rows[0].cells[0].text, key.rows[0].cells[1].text = "Progress Status", "Meaning"
    for word, meaning in (("Red", "No progress towards completion."), ("Blue", "Completed")):
        cells = key.add_row().cells
        cells[0].text, cells[1].text = word, meaning
    actions = list(export.plan_actions(plan))
    table = document.add_table(rows=1 + len(actions), cols=len(SEFTON_HEADINGS))
    for index, heading in enumerate(SEFTON_HEADINGS):
        table.cell(0, index).text = heading
    first_of_aim = {}
    for number, action in enumerate(actions, start=1):
        aim = action.aim
        # Sefton writes "Aim 1: Reduce ..." for the standards and "1. Reducing the harm" for its priorities.
        aim_cell = f"Aim {aim.number}: {aim.title}" if aim.section.aim_label == "Aim" else f"{aim.number}. {aim.title}"
        cells = [aim.section.title, aim_cell, aim.how_will_we_know, aim.desired_outcome, action.description,
                 action.owner_text, export.target_cell(action, plan.period_start), action.last_commentary or ""]
        if aim.pk not in first_of_aim:
            first_of_aim[aim.pk] = number
        for index, value in enumerate(cells):
            if index < 4 and first_of_aim[aim.pk] != number:
                continue  # filled once, then merged down
            table.cell(number, index).text = value
    rows_of = {}
    for number, action in enumerate(actions, start=1):
        rows_of.setdefault(action.aim_id, []).append(number)
    for rows in rows_of.values():
        for column in (1, 2, 3):
            merge_down(table, column, rows[0], rows[-1])
    return _bytes(document)


def tracker_docx():
    """A different layout: a theme, a lead, a deadline and a stage, under headings of its own."""
    document = docx.Document()
    document.add_heading("Safer Communities Partnership: delivery plan", 1)
    table = document.add_table(rows=1, cols=5)
    for cell, heading in zip(table.rows[0].cells, ["Theme", "What we will do", "Lead", "By when", "Stage"]):
        cell.text = heading
    for values in (["Knife crime", "Run awareness sessions in schools", "Pat Probation", "March 2023", "In progress"],
                   ["Knife crime", "Fund two youth workers", "Team Managers", "Ongoing", "Not started"],
                   ["Exploitation", "Map contextual safeguarding hot spots", "", "Dec 2022", "Completed"]):
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    return _bytes(document)


def _bytes(document):
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def signature(plan):
    return [(a.aim.section.title, a.aim.number, a.aim.title, a.aim.how_will_we_know, a.aim.desired_outcome,
             a.description, a.owner_text, a.target_month, a.recurrence,
             getattr(a.updates.order_by("recorded_at").first(), "commentary", ""))
            for a in Action.objects.filter(plan=plan).order_by("aim__section__order", "aim__order", "order")]


def test_a_word_table_is_read_behind_the_guards_with_merged_cells_continuing(sefton):
    content = sefton_docx(sefton)
    table = read_table(content, "appendix3.docx", table=1)
    assert table[0] == SEFTON_HEADINGS and len(table) == 60
    assert table[2][1] == table[1][1] == "Aim 1: Reduce the Number of First Time Entrants"
    with pytest.raises(SpreadsheetError, match="has no table 3: it has 2"):
        read_table(content, "appendix3.docx", table=2)


@pytest.mark.parametrize("content, message", [
    (b"PK\x03\x04 not really a zip", "damaged or incomplete"),
    (b"\xd0\xcf\x11\xe0 old word", "old-style Word file"),
])
def test_a_bad_word_document_is_refused_with_a_reason(content, message):
    with pytest.raises(SpreadsheetError, match=message):
        read_table(content, "plan.docx")


def test_a_document_without_tables_is_refused_on_the_upload_page(client, officer_user, partnership):
    document = docx.Document()
    document.add_paragraph("Our plan is in the next email.")
    client.force_login(officer_user)
    response = client.post(reverse("transfer:import"), {
        "partnership": partnership.pk, "title": "T", "start_year": "2022", "years": "1",
        "file": upload(_bytes(document), "plan.docx")})
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page and "has no tables" in page


def test_sefton_appendix_3_comes_in_from_word_through_the_site(client, officer_user, sefton):
    client.force_login(officer_user)
    response = client.post(reverse("transfer:import"), {
        "partnership": sefton.partnership.pk, "title": "From Word", "start_year": "2022", "years": "1",
        "file": upload(sefton_docx(sefton), "appendix3.docx")})
    assert response.url == reverse("transfer:import_table")
    picker = client.get(response.url).content.decode()
    assert "Table 2: 59 rows under the headings Section, Aim" in picker

    response = client.post(response.url, {"table": "1"})
    assert response.url == reverse("transfer:import_columns")
    form = client.get(response.url).context["form"]
    suggested = [form[f"column_{index}"].value() for index in range(len(SEFTON_HEADINGS))]
    assert suggested == ["Section", "Aim", "How will we know?", "Desired outcome", "Action", "Owners", "Target",
                         "Latest commentary"]
    response = client.post(response.url, {f"column_{index}": field for index, field in enumerate(suggested)})
    preview = client.get(response.url).content.decode()
    assert "59 actions" in preview and "Aim 1: Reduce the Number of First Time Entrants" in preview
    client.post(reverse("transfer:import_check"))

    copy = Plan.objects.get(title="From Word")
    assert signature(copy) == signature(sefton)
    assert [a.reference for a in Action.objects.filter(plan=copy)][:4] == ["1.1.1", "1.1.2", "1.1.3", "1.1.4"]
    assert Action.objects.get(plan=copy, description__startswith="Co-production of a YJS branding").owner_text == "TBC"


def test_a_word_table_laid_out_differently_comes_in_through_the_command(partnership, tmp_path, capsys):
    path = tmp_path / "delivery.docx"
    path.write_bytes(tracker_docx())
    call_command("import_plan", str(path), "--partnership", partnership.name, "--title", "Delivery",
                 "--start", "2022-04-01")
    assert "Column What we will do: read as Action" in capsys.readouterr().out
    plan = Plan.objects.get(title="Delivery")
    assert [(a.reference, a.aim.title, a.stage, a.status) for a in Action.objects.filter(plan=plan)] == [
        ("1.1", "Knife crime", "in_progress", ""), ("1.2", "Knife crime", "not_started", ""),
        ("2.1", "Exploitation", "completed", "blue")]
    with pytest.raises(CommandError, match="has no table 2: it has 1"):
        call_command("import_plan", str(path), "--partnership", partnership.name, "--title", "X",
                     "--start", "2022-04-01", "--table", "2")
