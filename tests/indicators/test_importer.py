"""Importing figures from CSV or XLSX: all rows or none, with every problem named."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from indicators.importer import cell_limit, import_values, parse_period
from indicators.models import IndicatorPeriod, IndicatorValue
from transfer.guards import read_table


def csv_file(text, name="figures.csv"):
    """(table, filename), read through the guards every upload passes."""
    return read_table(text.encode("utf-8"), name, cell_limit=cell_limit), name


def xlsx_file(rows, name="figures.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return read_table(buffer.getvalue(), name, cell_limit=cell_limit), name


def test_a_correct_file_adds_new_figures_and_corrects_existing_ones(partnership, fte):
    result = import_values(partnership, *csv_file(
        "Indicator,Period,Area,Value,Source\n"
        "First time entrants,Apr 2020 - Mar 2021,Testshire,97,Corrected by YJB\n"  # was 98
        "fte,2021/22,England,148,\n"
    ))
    assert result.errors == []
    assert (result.created, result.updated) == (1, 1)
    assert IndicatorValue.objects.get(indicator=fte, area__name="Testshire", period__label="Apr 2020 - Mar 2021").value == 97
    new = IndicatorValue.objects.get(indicator=fte, area__name="England", period__label="Apr 2021 - Mar 2022")
    assert new.value == 148 and new.source == "Imported from figures.csv"


def test_an_xlsx_file_is_read_the_same_way(partnership, fte):
    result = import_values(partnership, *xlsx_file([
        ["indicator", "period", "area", "value"],
        ["fte", "Jan - Dec 2021", "YOT family average", 140.5],
    ]))
    assert result.errors == []
    value = IndicatorValue.objects.get(period__label="Jan - Dec 2021")
    assert value.value == Decimal("140.5")
    assert (value.period.start, value.period.end) == (datetime.date(2021, 1, 1), datetime.date(2021, 12, 31))


def test_one_bad_row_means_nothing_is_saved_and_every_problem_is_named(partnership, fte):
    before = list(IndicatorValue.objects.values_list("pk", "value"))
    result = import_values(partnership, *csv_file(
        "Indicator,Period,Area,Value\n"
        "fte,Apr 2020 - Mar 2021,Testshire,90\n"  # fine on its own
        "fte,2021/22,England,148\n"  # fine on its own, new period
        "fte,Apr 2020 - Mar 2021,Testshire,abc\n"
        "Reoffending,Apr 2020 - Mar 2021,Wirall,\n"
        "fte,Spring 2021,England,-3\n"
        "fte,Apr 2020 - Mar 2021,Testshire,91\n"
    ))
    assert result.errors == [
        "row 4, column Value: 'abc' is not a number",
        "row 5, column Indicator: 'Reoffending' is not an indicator of this partnership",
        "row 5, column Area: 'Wirall' is not a known area or comparator",
        "row 5, column Value: a value is required",
        "row 6, column Period: 'Spring 2021' is not a period such as 'Apr 2019 - Mar 2020', "
        "'Jan - Dec 2020' or '2019/20'",
        "row 6, column Value: '-3' is negative; indicator figures cannot be below zero",
        "row 7: repeats row 2 (same indicator, period and area)",
    ]
    assert list(IndicatorValue.objects.values_list("pk", "value")) == before
    assert not IndicatorPeriod.objects.filter(label="Apr 2021 - Mar 2022").exists()


def test_a_missing_column_is_reported_against_the_header_row(partnership, fte):
    result = import_values(partnership, *csv_file("Indicator,Period,Figure\nfte,2021,12\n"))
    assert result.errors == ["row 1: the header has no Area, Value columns (expected Indicator, Period, Area, Value)"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("figures.txt", b"hello", "The selected file must be an Excel workbook (.xlsx) or a CSV file"),
        ("figures.xlsx", b"not a zip", "The file is named .xlsx but is not an Excel workbook."),
        ("figures.csv", "Indicator,P\u00e9riode\n".encode("latin-1"), "The file is not saved as UTF-8: line 1"),
        ("figures.csv", b"", "The selected file is empty"),
        ("figures.csv", b"Indicator,Period,Area,Value\n", "The file has a header but no figures."),
    ],
)
def test_files_that_cannot_be_read_are_refused_with_a_reason(client, officer_user, partnership, fte, name,
                                                             content, message):
    client.force_login(officer_user)
    before = list(IndicatorValue.objects.values_list("pk", "value"))
    response = client.post(reverse("indicators:import", args=[partnership.slug]),
                           {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    errors = [error for errors in response.context["form"].errors.values() for error in errors]
    assert any(error.startswith(message) for error in errors), errors
    assert list(IndicatorValue.objects.values_list("pk", "value")) == before


def test_a_bad_cell_is_listed_with_the_other_problems_in_row_order(partnership, fte):
    result = import_values(partnership, *csv_file(
        "Indicator,Period,Area,Value,Note\n"
        "fte,2021,Testshire,abc,\n"
        "fte,2021,England,1,Checked\x00\n"
        f"fte,2022,England,2,{'n' * 301}\n"
    ))
    assert result.errors == [
        "row 2, column Value: 'abc' is not a number",
        "row 3, column Note: this cell holds a hidden control character (U+0000), probably pasted in from "
        "another program: remove it (tabs and new lines are fine)",
        "row 4, column Note: this cell is 301 characters; the most allowed is 300",
    ]
    assert not IndicatorValue.objects.filter(period__label="Jan - Dec 2021").exists()


def test_row_numbers_are_the_sheets_even_with_blank_rows_between(partnership, fte):
    result = import_values(partnership, *csv_file("Indicator,Period,Area,Value\n\n,,,\nfte,2021,Testshire,x\n"))
    assert result.errors == ["row 4, column Value: 'x' is not a number"]


def test_another_partnerships_indicators_and_areas_cannot_be_written(partnership, fte):
    from plans.models import Partnership

    other = Partnership.objects.create(name="Elsewhere", slug="elsewhere")
    result = import_values(other, *csv_file("Indicator,Period,Area,Value\nfte,2021,Testshire,1\n"))
    assert len(result.errors) == 2 and not IndicatorValue.objects.filter(period__label="Jan - Dec 2021").exists()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Apr 2018 - Mar 2019", ("2018-04-01", "2019-03-31", "Apr 2018 - Mar 2019")),
        ("April 2018 to March 2019", ("2018-04-01", "2019-03-31", "Apr 2018 - Mar 2019")),
        ("Jan - Dec 2020", ("2020-01-01", "2020-12-31", "Jan - Dec 2020")),
        ("Oct 2020 – Sept 2021", ("2020-10-01", "2021-09-30", "Oct 2020 - Sep 2021")),
        ("Oct - Sep 2021", ("2020-10-01", "2021-09-30", "Oct 2020 - Sep 2021")),
        ("2019/20", ("2019-04-01", "2020-03-31", "Apr 2019 - Mar 2020")),
        ("2020", ("2020-01-01", "2020-12-31", "Jan - Dec 2020")),
        ("2019/21", None),
        ("Mar 2020 - Jan 2020", None),
        ("Quarter 1", None),
    ],
)
def test_published_period_labels_are_understood(text, expected):
    parsed = parse_period(text)
    if expected is None:
        assert parsed is None
    else:
        start, end, label = expected
        assert parsed == (datetime.date.fromisoformat(start), datetime.date.fromisoformat(end), label)
