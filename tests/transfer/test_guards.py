"""One set of guards for every uploaded spreadsheet (issue 13).

Each bad file is posted, as the plan officer, to each of the three upload pages
(import a plan, the quarterly bulk update, import indicator figures): the page
comes back (200, never 500) with the reason in the GOV.UK error summary or the
problems table, and nothing is saved or staged. Exports never fail on text a
spreadsheet cannot hold.
"""

import csv
import datetime
import functools
import html
import io
import zipfile
from dataclasses import dataclass

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import Area, Better, Indicator, IndicatorPeriod, IndicatorValue
from plans.models import Action, Aim, Owner, Plan, ProgressUpdate, Section
from plans.spreadsheets import XLSX_TYPE, csv_bytes, xlsx_bytes
from transfer import guards, layout, staging

from .conftest import plan_row, row

MB = 1024 * 1024


# --- Files built cheaply ---------------------------------------------------------------------


@functools.cache
def empty_workbook():
    return xlsx_bytes(["Reference"], [])


def with_parts(workbook, **replace):
    """A copy of a workbook (zip) with parts replaced or added; values are bytes or a
    function writing chunks to the open part, so hundreds of MB need not be held."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        names = [info.filename for info in source.infolist()]
        for name in names + [name for name in replace if name not in names]:
            content = replace.get(name, source.read(name) if name in names else b"")
            with target.open(name, "w") as part:
                content(part) if callable(content) else part.write(content)
    return buffer.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
SHEET_START = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
               b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
               b'<row r="1"><c r="A1" t="inlineStr"><is><t>Reference</t></is></c></row>')
SHEET_END = b"</sheetData></worksheet>"


@functools.cache
def xlsx_with_rows(count):
    """A workbook whose first sheet has a header and ``count`` rows, written as XML directly
    (rows and cells without their optional numbers, so it packs as small as the issue's file)."""

    def write(part):
        part.write(SHEET_START)
        for done in range(0, count, 10_000):
            part.write(b"<row><c><v>1</v></c></row>" * min(10_000, count - done))
        part.write(SHEET_END)

    return with_parts(empty_workbook(), **{SHEET: write})


@functools.cache
def zip_bomb():
    """A 100 KB workbook that unpacks to 100 MB."""

    def write(part):
        for _ in range(100):
            part.write(b"\0" * MB)

    return with_parts(empty_workbook(), **{"xl/media/image1.png": write})


def xlsx_with_cells(*cells):
    """A workbook whose sheet holds exactly these (reference, xml) cells."""
    body = b"".join(b'<row r="%d">%s</row>' % (number, xml) for number, xml in cells)
    return with_parts(empty_workbook(), **{SHEET: SHEET_START + body + SHEET_END})


# --- The three upload pages --------------------------------------------------------------------


@dataclass
class Page:
    name: str
    url: str
    data: dict
    header: list
    free_text: str  # a column any text may go in, within its limit
    make_row: object  # make_row(n, text) -> a valid row whose free-text cell holds text

    def csv(self, *rows, encoding="utf-8-sig"):
        """Written as a person's spreadsheet program would, not by our export (which strips and quotes)."""
        buffer = io.StringIO()
        csv.writer(buffer).writerows([self.header, *rows])
        return buffer.getvalue().encode(encoding)

    def csv_with(self, value, after=0):
        """A valid CSV whose last free-text cell holds ``value``, at least ``after`` bytes in."""
        rows = [self.make_row(1, "")]
        while len(self.csv(*rows)) <= after:
            rows.append(self.make_row(len(rows) + 1, "Checked by the panel and agreed. " * 8))
        rows.append(self.make_row(len(rows) + 1, value))
        return self.csv(*rows)


@pytest.fixture
def indicator(partnership):
    Area.objects.create(partnership=partnership, name="Testshire", kind=Area.Kind.OWN, order=1)
    return Indicator.objects.create(partnership=partnership, name="First time entrants", slug="fte",
                                    definition="First caution or conviction.", unit=Indicator.Unit.RATE_PER_100K,
                                    better=Better.LOWER)


@pytest.fixture(params=["plan import", "bulk update", "indicators import"])
def page(request, partnership, plan, make_action, indicator):
    if request.param == "plan import":
        return Page(
            request.param, reverse("transfer:import"),
            {"partnership": partnership.pk, "title": "Imported", "start_year": "2022", "years": "1"},
            layout.COLUMNS, layout.COMMENTARY,
            lambda n, text: plan_row(f"A{n}", latest_commentary=text),
        )
    if request.param == "bulk update":
        for n in range(1, 21):
            make_action(reference=f"A{n}", status="green", commentary="On track")
        return Page(
            request.param, reverse("transfer:bulk", args=[plan.slug]), {}, layout.COLUMNS, layout.COMMENTARY,
            lambda n, text: row(reference=f"A{n}", status="Amber" if text else "Green",
                                latest_commentary=text or "On track", version=2),
        )
    return Page(
        request.param, reverse("indicators:import", args=[partnership.slug]), {},
        ["Indicator", "Period", "Area", "Value", "Note"], "Note",
        lambda n, text: ["fte", str(1950 + n), "Testshire", n, text],
    )


def post(client, page, content, name):
    return client.post(page.url, {**page.data, "file": SimpleUploadedFile(name, content)})


def everything():
    return [model.objects.count() for model in (
        Plan, Section, Aim, Action, Owner, ProgressUpdate, IndicatorPeriod, IndicatorValue)]


def reasons(response):
    """Everything the page says is wrong: the form's errors, and the problems table's rows."""
    said = [str(error) for errors in response.context["form"].errors.values() for error in errors]
    for result in (response.context.get("description"), response.context.get("updates")):
        said += [str(problem) for problem in getattr(result, "problems_shown", [])]
    return said


def assert_refused(client, page, content, name, message):
    before = everything()
    response = post(client, page, content, name)
    assert response.status_code == 200, response
    text = html.unescape(response.content.decode())
    said = reasons(response)
    assert "govuk-error-summary" in text and any(message in reason for reason in said), said
    assert said[-1].split(": ", 1)[-1] in text  # on the page, in the summary or the problems table
    assert everything() == before
    assert staging.SESSION_KEY not in client.session


def test_a_good_file_is_still_accepted_by_each_page(officer_client, page):
    response = post(officer_client, page, page.csv_with("Slipped a month", after=4096), "good.csv")
    assert response.status_code == 302


FILE_CASES = {
    "an empty file": (lambda page: b"", "good.csv", "The selected file is empty"),
    "a CSV of blank lines": (lambda page: b" \r\n,,,\r\n\r\n", "good.csv", "The file is empty"),
    "a workbook with nothing in it": (lambda page: with_parts(empty_workbook(), **{SHEET: SHEET_START.split(
        b"<row")[0] + SHEET_END}), "good.xlsx", "The file is empty"),
    "a PDF": (lambda page: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "plan.pdf",
              "must be an Excel workbook (.xlsx) or a CSV file"),
    "a picture named .csv": (lambda page: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.csv",
                             "not a spreadsheet"),
    "an old Excel file": (lambda page: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "plan.xls",
                          "old-style Excel file (.xls) or a password-protected workbook"),
    "text named .xlsx": (lambda page: b"Reference,Status\nA1,Green\n", "plan.xlsx", "not an Excel workbook"),
    "a file over 5 MB": (lambda page: b"x" * (5 * MB + 1), "big.csv", "the largest file accepted is 5 MB"),
    "a truncated workbook": (lambda page: xlsx_bytes(page.header, [page.make_row(1, "x")])[:1500], "cut.xlsx",
                             "damaged or incomplete"),
    "a workbook whose sheet is cut short": (lambda page: with_parts(
        xlsx_bytes(page.header, [page.make_row(1, "x")]), **{SHEET: SHEET_START + b'<row r="2"><c r="A'}),
        "cut.xlsx", "damaged or incomplete"),
    "a zip bomb": (lambda page: zip_bomb(), "bomb.xlsx", "too large once unpacked"),
    "4 million rows in 575 KB": (lambda page: xlsx_with_rows(4_000_000), "rows.xlsx",
                                 "too large once unpacked"),
    "800,000 rows": (lambda page: xlsx_with_rows(800_000), "rows.xlsx", "more than a sheet of 5,000 rows and 40 columns"),
    "20,000 rows": (lambda page: xlsx_with_rows(20_000), "rows.xlsx", "more than 5,000 rows"),
    "a CSV of 20,000 rows": (lambda page: page.csv(*[page.make_row(n, "") for n in range(20_000)]), "rows.csv",
                             "more than 5,000 rows"),
    "a sheet going on to row 1,048,576": (lambda page: xlsx_with_cells(
        (2, b'<c r="A2"><v>1</v></c>'), (1_048_576, b'<c r="A1048576"><v>1</v></c>')), "far.xlsx",
        "goes on past row 50,000"),
    "a 41st column": (lambda page: page.csv(page.make_row(1, "") + [""] * (40 - len(page.header)) + ["extra"]),
                      "wide.csv", "Row 2 has something in column AO: the most columns accepted is 40"),
    "a 41st column in a workbook": (lambda page: xlsx_with_cells((2, b'<c r="AO2"><v>1</v></c>')), "wide.xlsx",
                                    "Row 2 has something in column AO"),
    "a 200,000-character cell": (lambda page: page.csv_with("x" * 200_000), "long.csv",
                                 "has a cell longer than 131,072 characters; the most any cell may hold is 10,000"),
    "UTF-16 (Excel's Unicode Text)": (lambda page: page.csv(page.make_row(1, "Slipped"), encoding="utf-16"),
                                      "utf16.csv", "saved as UTF-16"),
    "Windows-1252 (Excel's CSV)": (lambda page: page.csv(page.make_row(1, "Couldn\u2019t start"),
                                                         encoding="cp1252"), "ansi.csv",
                                   "line 2 has a character (byte 0x92) that UTF-8 does not use"),
}


@pytest.mark.parametrize("case", FILE_CASES)
def test_a_bad_file_is_refused_with_a_reason_and_nothing_is_saved(officer_client, page, case):
    build, name, message = FILE_CASES[case]
    assert_refused(officer_client, page, build(page), name, message)


def test_a_nul_byte_past_the_first_4_kb_is_refused_by_row_and_column(officer_client, page):
    content = page.csv_with("Slipped\x00 a month", after=4096)
    assert content.index(b"\x00") > 4096
    rows = content.count(b"\n")
    assert_refused(officer_client, page, content, "nul.csv",
                   f"row {rows}, column {page.free_text}: this cell holds a hidden control character (U+0000)")


def test_other_control_characters_are_refused_too(officer_client, page):
    assert_refused(officer_client, page, page.csv_with("Slipped \x1b[31m a month"), "escape.csv",
                   "hidden control character (U+001B)")


def test_a_cell_longer_than_its_field_is_refused(officer_client, page):
    limit = {layout.COMMENTARY: 3000, "Note": 300}[page.free_text]
    assert_refused(officer_client, page, page.csv_with("a" * (limit + 1)), "long.csv",
                   f"column {page.free_text}: this cell is {limit + 1:,} characters; the most allowed is {limit:,}")


def test_a_long_cell_in_a_workbook_is_refused(officer_client, page):
    content = xlsx_bytes(page.header, [page.make_row(1, "a" * 10_001)])
    assert_refused(officer_client, page, content, "long.xlsx", "this cell is 10,001 characters")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_with_or_without_a_byte_order_mark_is_read(officer_client, page, encoding):
    content = page.csv(page.make_row(1, "Caf\u00e9 r\u00f4le \u2013 d\u00e9j\u00e0 vu"), encoding=encoding)
    assert post(officer_client, page, content, "good.csv").status_code == 302


def test_reading_stops_at_the_row_limit_without_reading_the_rest():
    rows = iter(range(10**9))

    def endless():
        for n in rows:
            yield [f"A{n}"]

    with pytest.raises(guards.SpreadsheetError, match="more than 5,000 rows"):
        guards.collect(endless())
    assert next(rows) < 5_010


def test_a_staged_upload_is_read_through_the_same_guards(officer_client, plan, make_action):
    """The confirm step reads the kept file again: a file changed on disk is refused, not saved."""
    make_action(reference="A1", status="green", commentary="On track")
    content = csv_bytes(layout.COLUMNS, [row(reference="A1", status="Amber", latest_commentary="Late", version=2)])
    response = officer_client.post(reverse("transfer:bulk", args=[plan.slug]),
                                   {"file": SimpleUploadedFile("u.csv", content)})
    assert response.status_code == 302
    path = officer_client.session[staging.SESSION_KEY]["path"]
    from django.core.files.storage import default_storage

    with default_storage.open(path, "wb") as handle:
        handle.write(content.replace(b"Late", b"La\x00te"))
    before = everything()
    response = officer_client.post(reverse("transfer:bulk_apply", args=[plan.slug]), follow=True)
    # The queued task reads it again: the job fails, saying why, and nothing is saved.
    page = response.content.decode()
    assert "This did not finish" in page and "U+0000" in page and "nothing has been saved" in page
    assert everything() == before


# --- Exports: the backstop -----------------------------------------------------------------------


@pytest.fixture
def controlled(make_action):
    """An action whose stored text holds control characters, saved through the ORM past every form."""
    return make_action(reference="A1", status="red", commentary="\x0b\x1b\x07=1+1 late",
                       description="Panel\x0c review")


@pytest.mark.parametrize("url", [
    lambda plan: reverse("transfer:export", args=[plan.slug, "xlsx"]),
    lambda plan: reverse("transfer:export", args=[plan.slug, "csv"]),
    lambda plan: reverse("review:export_xlsx") + "?status=red",
    lambda plan: reverse("review:export_csv") + "?status=red",
])
def test_stored_control_characters_never_break_an_export(officer_client, plan, controlled, url):
    with time_machine.travel(datetime.datetime(2022, 5, 16, 12, tzinfo=datetime.UTC), tick=False):
        response = officer_client.get(url(plan))
    assert response.status_code == 200
    if response["Content-Type"] == XLSX_TYPE:
        cells = [c for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True) for c in r]
    else:
        cells = response.content.decode("utf-8-sig").split(",")
    text = " ".join(str(cell) for cell in cells)
    assert "Panel review" in text and "'=1+1 late" in text  # stripped, and still neutralised
    assert not any(ch in text for ch in "\x0b\x1b\x07\x0c")
