"""The lossless workbook (issue 17, item 5): the whole plan out and back in, and pleasant in Excel."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from plans.models import Action, Plan
from transfer import export, importer, layout, workbook
from transfer.guards import read_table

from .conftest import upload
from .test_import import signature

LATER = datetime.datetime(2022, 6, 30, 16, 45, tzinfo=datetime.UTC)


def history(plan):
    return [
        (u.action.reference, u.status, u.commentary, u.author_name, u.recorded_at, u.status_derived, u.no_change,
         u.completed_on)
        for action in Action.objects.filter(plan=plan).order_by("aim__section__order", "aim__order", "order")
        for u in action.updates.order_by("recorded_at", "pk")
    ]


def everything(plan):
    return (signature(plan), history(plan), list(plan.glossary.values_list("term", "definition")),
            list(plan.rag_key.order_by("code").values_list("code", "label", "description")), plan.foreword,
            [(a.reference, a.status, a.completed_on, a.stage) for a in Action.objects.filter(plan=plan)
             .order_by("aim__section__order", "aim__order", "order")])


def test_sefton_exported_and_imported_again_is_the_same_plan_history_and_glossary_included(sefton):
    action = Action.objects.get(plan=sefton, reference="A1.2")
    action.record_update(status="amber", commentary="Quarterly returns late", author_name="Olive Owner",
                         recorded_at=LATER)
    content = export.plan_xlsx(sefton)
    description = importer.describe(read_table(content, "sefton.xlsx"), partnership=sefton.partnership,
                                    plan_start=sefton.period_start)
    workbook.attach(description, workbook.read_extras(content, "sefton.xlsx"))
    assert description.problems == []

    copy = importer.create_plan(description, partnership=sefton.partnership, title="Copy",
                                period_start=sefton.period_start, period_end=sefton.period_end)

    assert everything(copy) == everything(sefton)
    assert copy.glossary.count() == 34 and len(history(copy)) == 60
    assert Action.objects.get(plan=copy, reference="A1.2").version == 3


def test_the_workbook_is_pleasant_in_excel(plan, make_action):
    make_action(reference="A1", status="green", commentary="On track")
    book = load_workbook(io.BytesIO(export.plan_xlsx(plan)))
    assert book.sheetnames == ["Plan", "Details", "RAG key", "Glossary", "Updates"]
    sheet = book["Plan"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    column = {name: index + 1 for index, name in enumerate(layout.COLUMNS)}
    assert sheet.column_dimensions["A"].width > 20
    status_letter = sheet.cell(row=1, column=column[layout.STATUS]).column_letter
    lists = [v for v in sheet.data_validations.dataValidation if status_letter + "2" in str(v.sqref)]
    assert lists and '"Red,Amber,Green,Blue,Not rated"' == lists[0].formula1
    assert any(status_letter in str(rng.sqref) for rng in sheet.conditional_formatting)
    assert sheet.protection.sheet
    assert sheet.cell(row=2, column=column[layout.VERSION]).protection.locked
    assert not sheet.cell(row=2, column=column[layout.STATUS]).protection.locked
    assert isinstance(sheet.cell(row=2, column=column[layout.LAST_UPDATED]).value, datetime.datetime)


def test_a_plan_imported_twice_is_offered_as_an_update_not_copied_silently(client, officer_user, plan, make_action):
    make_action(reference="A1", status="green", commentary="On track")
    client.force_login(officer_user)
    client.post(reverse("transfer:import"), {
        "partnership": plan.partnership.pk, "title": plan.title, "start_year": str(plan.period_start.year),
        "years": "1", "file": upload(export.plan_xlsx(plan), "plan.xlsx")})
    preview = client.get(reverse("transfer:import_check")).content.decode()
    assert "This plan is already in the service" in preview
    assert reverse("transfer:bulk", args=[plan.slug]) in preview

    refused = client.post(reverse("transfer:import_check"))
    assert refused.status_code == 200 and "govuk-error-summary" in refused.content.decode()
    assert Plan.objects.filter(title=plan.title).count() == 1
    client.post(reverse("transfer:import_check"), {"copy": "yes"})
    assert Plan.objects.filter(title=plan.title).count() == 2


def test_the_command_refuses_a_second_copy_unless_asked(plan, make_action, tmp_path):
    make_action(reference="A1")
    path = tmp_path / "plan.xlsx"
    path.write_bytes(export.plan_xlsx(plan))
    args = [str(path), "--partnership", plan.partnership.name, "--title", plan.title,
            "--start", plan.period_start.isoformat()]
    with pytest.raises(CommandError, match="--copy"):
        call_command(*["import_plan", *args], stdout=open("/dev/null", "w"))
    call_command(*["import_plan", *args, "--copy"], stdout=open("/dev/null", "w"))
    assert Plan.objects.filter(title=plan.title).count() == 2


def test_a_workbook_whose_other_sheets_break_the_limits_is_refused_by_row_not_saved(plan, make_action):
    make_action(reference="A1", status="green", commentary="On track")
    plan.glossary.create(term="YJS", definition="Youth Justice Service")
    book = load_workbook(io.BytesIO(export.plan_xlsx(plan)))
    book["Glossary"].append(["yjs", "Twice"])
    book["Glossary"].append(["T" * 150, "Too long a term"])
    book["Updates"].append(["A1", "not a date", "Green", "x"])
    stream = io.BytesIO()
    book.save(stream)
    content = stream.getvalue()
    description = importer.describe(read_table(content, "p.xlsx"), partnership=plan.partnership,
                                    plan_start=plan.period_start)
    workbook.attach(description, workbook.read_extras(content, "p.xlsx"))
    messages = [str(problem) for problem in description.problems]
    assert "column Glossary sheet: 'yjs' appears twice" in messages
    assert any("the most allowed is 100" in message for message in messages)
    assert any(message.startswith("column Updates sheet, A1: 'not a date' is not a date") for message in messages)
