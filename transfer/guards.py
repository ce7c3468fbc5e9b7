"""Every uploaded spreadsheet is read here, behind one set of guards.

The plan import, the quarterly bulk update and the indicators import all read
their file through ``read_table`` (or the form field ``SpreadsheetField``), so a
file one page refuses, every page refuses, in the same words, before anything is
saved. Each limit is checked while the file is read, never after: reading stops
at the first row, column or byte past a limit, so a 575 KB workbook holding four
million rows costs no more to refuse than a proper plan costs to read.

- Size: at most MAX_UPLOAD_BYTES. XLSX is a zip, so also at most
  MAX_UNZIPPED_BYTES unpacked (a "zip bomb" is refused) and at most MAX_XML_TAGS
  tags in all its parts, the work openpyxl would do to read it.
- Shape: at most MAX_ROWS rows with something in them besides the header, and
  MAX_COLUMNS columns; blank rows are skipped, but a sheet that goes on past
  MAX_SCANNED_ROWS (formatting far below the table) is refused.
- Cells: none longer than its column's limit (from plans.text, given by the
  page) or MAX_CELL; no control characters (a NUL anywhere, not just in the
  first 4 KB). These are row-level problems, all reported at once, on
  ``Table.problems``; each page adds them to its own and saves nothing.
- Encoding: a CSV must be UTF-8, with or without a byte-order mark. Nothing is
  guessed: Windows-1252 (Excel's plain "CSV") and UTF-16 ("Unicode Text") are
  refused with how to save the file as UTF-8, because a wrong guess would store
  garbled names without anyone noticing.
- Type: .xlsx or .csv, judged by the content as well as the name; old .xls,
  password-protected and damaged workbooks are refused with a reason. Where a
  page allows it (the plan import), a Word document's table is read too (.docx,
  issue 17), behind the same size, zip and cell guards; old .doc is refused.
"""

import codecs
import csv
import io
import zipfile
from contextlib import closing
from dataclasses import dataclass

from django import forms
from openpyxl.utils import get_column_letter

from plans import text
from plans.spreadsheets import original_text

from .layout import Problem

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000  # rows with something in them, besides the header
MAX_SCANNED_ROWS = 50_000  # rows looked at, blank or not, before giving up
MAX_COLUMNS = 40
MAX_CELL = text.FOREWORD  # the longest text any field holds, so any cell that fits somewhere
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
# A full 5,000-row, 40-column workbook has about 1.2 million tags ("<") in its XML.
MAX_XML_TAGS = 2_000_000
MAX_ZIP_PARTS = 1_000
MAX_CELL_PROBLEMS = 500  # beyond these, a count: a hopeless file cannot fill the memory with messages
EXTENSIONS = (".xlsx", ".csv")
WORD_EXTENSIONS = (".xlsx", ".csv", ".docx")
MB = 1024 * 1024

EMPTY = "The file is empty: it has no rows with anything in them."
NOT_A_WORKBOOK = ("The file is named .xlsx but is not an Excel workbook. Open it in Excel, save it as an Excel "
                  "workbook (.xlsx) or as CSV UTF-8, and upload that.")
DAMAGED = ("The workbook could not be opened: it is damaged or incomplete (perhaps it was not fully saved or "
           "copied). Open it in Excel, save it again and upload the new copy.")
OLD_EXCEL = ("This is an old-style Excel file (.xls) or a password-protected workbook. Remove any password and "
             "save it as an Excel workbook (.xlsx) or as CSV UTF-8, then upload that.")
BINARY = "The file is not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file."
NOT_A_DOCUMENT = ("The file is named .docx but is not a Word document. Open it in Word, save it as a Word "
                  "document (.docx) and upload that.")
OLD_WORD = ("This is an old-style Word file (.doc) or a password-protected document. Remove any password and "
            "save it as a Word document (.docx), then upload that.")
NO_TABLES = "The Word document has no tables. The plan must be in a table, one row per action, with a header row."
NO_SUCH_TABLE = "The Word document has no table {number}: it has {count}."
UTF16 = ("The file is saved as UTF-16 (Excel calls it \u201cUnicode Text\u201d). Save it as "
         "\u201cCSV UTF-8 (Comma delimited)\u201d or as an Excel workbook (.xlsx) and upload that.")
NOT_UTF8 = ("The file is not saved as UTF-8: line {line} has a character (byte 0x{byte:02X}) that UTF-8 does not "
            "use. Excel\u2019s plain \u201cCSV (Comma delimited)\u201d uses the Windows character set: save it as "
            "\u201cCSV UTF-8 (Comma delimited)\u201d or as an Excel workbook (.xlsx) instead.")
TOO_BIG = "The file is {size:.1f} MB; the largest file accepted is {limit} MB. Remove unused sheets or split the file."
UNZIPPED = ("The workbook is too large once unpacked (more than {limit} MB). Delete other sheets, images and "
            "formatting outside the table, or save the table as CSV UTF-8, and upload it again.")
TOO_MUCH = ("The workbook holds too much to read: more than a sheet of {rows:,} rows and {columns} columns would. "
            "Delete other sheets and formatting outside the table, or save the table as CSV UTF-8, and upload it again.")
TOO_MANY_ROWS = ("The file has more than {limit:,} rows; the most accepted is {limit:,} (besides the header row). "
                 "Split it into smaller files.")
TOO_FAR = ("The sheet goes on past row {limit:,}. Delete the rows below the table, even if they look empty "
           "(they may hold formatting), and upload it again.")
TOO_WIDE = ("Row {row:,} has something in column {column}: the most columns accepted is {limit}. Delete the "
            "columns to the right of the table and upload it again.")
CSV_CELL_TOO_LONG = ("Row {row:,} has a cell longer than {csv_limit:,} characters; the most any cell may hold is "
                     "{limit:,}.")
CELL_TOO_LONG = "this cell is {length:,} characters; the most allowed is {limit:,}"
CONTROL = ("this cell holds a hidden control character ({code}), probably pasted in from another program: "
           "remove it (tabs and new lines are fine)")


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read; the message is for the person who uploaded it."""


class Row(list):
    """A row's cell values, knowing its row number in the spreadsheet (the header is usually 1)."""

    def __init__(self, cells, number):
        super().__init__(cells)
        self.number = number


class Table(list):
    """The rows with something in them, header first, and the problems found in their cells."""

    def __init__(self):
        super().__init__()
        self.problems = []


# --- The whole file ----------------------------------------------------------------------------


def read_table(content, filename="", *, cell_limit=None, table=0):
    """The first sheet of an XLSX or CSV file as a Table, every guard applied; for a
    Word document (.docx), its table number ``table`` (from 0).

    ``cell_limit(header)`` gives the most characters a column may hold, or None for
    MAX_CELL. XLSX cells keep their types (dates arrive as datetimes); CSV and Word
    cells are text. Raises SpreadsheetError when the file as a whole cannot be used.
    """
    check_size(len(content))
    if content.startswith(b"\xd0\xcf\x11\xe0"):  # the OLE2 container of .xls, .doc and encrypted files
        raise SpreadsheetError(OLD_WORD if filename.lower().endswith((".doc", ".docx")) else OLD_EXCEL)
    if is_word(content, filename):
        return collect_word_table(content, table, cell_limit)
    if content.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        rows = _xlsx_rows(content)
    elif filename.lower().endswith(".xlsx"):
        raise SpreadsheetError(NOT_A_WORKBOOK)
    elif filename.lower().endswith(".xls"):
        raise SpreadsheetError(OLD_EXCEL)
    else:
        rows = _csv_rows(content)
    with closing(rows):
        return collect(rows, cell_limit)


def check_size(size):
    if size > MAX_UPLOAD_BYTES:
        raise SpreadsheetError(TOO_BIG.format(size=size / MB, limit=MAX_UPLOAD_BYTES // MB))


def collect(rows, cell_limit=None):
    """Keep the rows with something in them, checking shape and cells as they stream past."""
    table = Table()
    checker = _CellChecker(cell_limit)
    width = 0
    for number, cells in enumerate(rows, start=1):
        if number > MAX_SCANNED_ROWS:
            raise SpreadsheetError(TOO_FAR.format(limit=MAX_SCANNED_ROWS))
        used = _width(cells)
        if not used:
            continue
        if used > MAX_COLUMNS:
            raise SpreadsheetError(TOO_WIDE.format(row=number, column=get_column_letter(MAX_COLUMNS + 1),
                                                   limit=MAX_COLUMNS))
        if len(table) > MAX_ROWS:  # the header and MAX_ROWS rows are already in
            raise SpreadsheetError(TOO_MANY_ROWS.format(limit=MAX_ROWS))
        row = Row(cells, number)
        checker.check(row, header=table[0] if table else None)
        table.append(row)
        width = max(width, used)
    if not table:
        raise SpreadsheetError(EMPTY)
    # No row wider than the widest: columns that are formatted but empty are dropped.
    for row in table:
        row[:] = [original_text(cell) for cell in row[:width]]
    table.problems.extend(checker.finish())
    return table


def _blank(cell):
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _width(cells):
    """Cells up to the last one with something in it."""
    for index in range(len(cells) - 1, -1, -1):
        if not _blank(cells[index]):
            return index + 1
    return 0


class _CellChecker:
    """Row-level problems in cells: too long for the column, or holding a control character.

    A bad cell is reported and then tidied (cut to its limit, control characters
    removed), so the page's own messages never echo 100,000 characters or a NUL.
    """

    def __init__(self, cell_limit):
        self.cell_limit = cell_limit or (lambda header: None)
        self.problems, self.more = [], 0
        self.clean = set()  # strings already found free of control characters (a shared string repeats)

    def check(self, row, header):
        for index, value in enumerate(row):
            if not isinstance(value, str):
                continue
            name = header[index] if header is not None and index < len(header) else None
            limit = min(self.cell_limit(name) or MAX_CELL, MAX_CELL) if name else MAX_CELL
            column = str(name).strip()[:60] if name and str(name).strip() else get_column_letter(index + 1)
            if len(value) > limit:
                self.report(row.number, column, CELL_TOO_LONG.format(length=len(value), limit=limit))
                row[index] = value = text.strip_control_characters(value[:limit])
            if value in self.clean:
                continue
            code = text.find_control_character(value)
            if code:
                self.report(row.number, column, CONTROL.format(code=code))
                row[index] = text.strip_control_characters(value)
            else:
                self.clean.add(value)

    def report(self, row, column, message):
        if len(self.problems) < MAX_CELL_PROBLEMS:
            self.problems.append(Problem(row, column, message))
        else:
            self.more += 1

    def finish(self):
        if self.more:
            return [*self.problems, Problem(None, None, f"{self.more:,} more cells have problems like these.")]
        return self.problems


# --- CSV --------------------------------------------------------------------------------------------


def _csv_rows(content):
    decoded = _decode(content)
    reader = csv.reader(io.StringIO(decoded, newline=""))
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield cells
    except csv.Error as exc:
        if "field larger than field limit" not in str(exc):
            raise SpreadsheetError(f"Row {number + 1:,} cannot be read as CSV ({exc}).") from exc
        raise SpreadsheetError(CSV_CELL_TOO_LONG.format(
            row=number + 1, csv_limit=csv.field_size_limit(), limit=MAX_CELL)) from exc


def _decode(content):
    head = content[:4096]
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_like_utf16(head):
        raise SpreadsheetError(UTF16)
    if content.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise SpreadsheetError(BINARY)
    try:
        # Text with a stray NUL is still text: the NUL is reported by row and column.
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if b"\x00" in head:
            raise SpreadsheetError(BINARY) from None
        line = content.count(b"\n", 0, exc.start) + 1
        raise SpreadsheetError(NOT_UTF8.format(line=line, byte=content[exc.start])) from None


def _looks_like_utf16(head):
    """UTF-16 without a byte-order mark: every other byte of plain text is NUL."""
    return len(head) >= 8 and min(head[0::2].count(0), head[1::2].count(0)) == 0 and (
        max(head[0::2].count(0), head[1::2].count(0)) >= len(head) // 4)


# --- XLSX ------------------------------------------------------------------------------------------


def read_sheet(content, name, *, cell_limit=None):
    """A workbook's sheet by name (the lossless workbook's extra sheets), every guard applied; None if absent."""
    check_size(len(content))
    if not content.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return None
    rows = _xlsx_rows(content, name)
    with closing(rows):
        try:
            return collect(rows, cell_limit)
        except _NoSuchSheet:
            return None


class _NoSuchSheet(SpreadsheetError):
    pass


def _xlsx_rows(content, sheet_name=None):
    from openpyxl import load_workbook  # only when a workbook arrives: it is slow to import

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _check_package(archive)
    except SpreadsheetError:
        raise
    except Exception as exc:  # zipfile and zlib raise many types for a damaged file
        raise SpreadsheetError(DAMAGED) from exc
    try:
        # data_only: read the values formulas last showed, never the formulas.
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise SpreadsheetError(NOT_A_WORKBOOK if "xl/workbook.xml" not in _names(content) else DAMAGED) from exc
    try:
        if not book.worksheets:
            raise SpreadsheetError(EMPTY)
        if sheet_name is not None and sheet_name not in book.sheetnames:
            raise _NoSuchSheet(sheet_name)
        sheet = book[sheet_name] if sheet_name is not None else book.worksheets[0]
        sheet.reset_dimensions()  # the sheet's own claim of its size is not trusted
        # One column more than accepted, to notice anything in it; openpyxl parses a row at a time.
        for cells in sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True):
            yield list(cells)
    except SpreadsheetError:
        raise
    except Exception as exc:  # a damaged sheet fails part-way through (ParseError, zlib.error, ...)
        raise SpreadsheetError(DAMAGED) from exc
    finally:
        book.close()


def _check_package(archive):
    """Refuse a zip bomb before openpyxl opens it: the unpacked size and the XML tags in every
    part, counted as the parts stream past (zipfile stops at each part's stated size)."""
    parts = archive.infolist()
    if len(parts) > MAX_ZIP_PARTS:
        raise SpreadsheetError(TOO_MUCH.format(rows=MAX_ROWS, columns=MAX_COLUMNS))
    if sum(part.file_size for part in parts) > MAX_UNZIPPED_BYTES:
        raise SpreadsheetError(UNZIPPED.format(limit=MAX_UNZIPPED_BYTES // MB))
    tags = 0
    for part in parts:
        with archive.open(part) as stream:
            while chunk := stream.read(MB):
                tags += chunk.count(b"<")
                if tags > MAX_XML_TAGS:
                    raise SpreadsheetError(TOO_MUCH.format(rows=MAX_ROWS, columns=MAX_COLUMNS))


def _names(content):
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return set(archive.namelist())
    except zipfile.BadZipFile:
        return set()


# --- Word (the functions are in transfer.word) ------------------------------------------------


def is_word(content, filename=""):
    """A .docx by its content (a zip holding word/document.xml), or by its name."""
    if content.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "word/document.xml" in _names(content)
    return filename.lower().endswith(".docx")


def collect_word_table(content, number, cell_limit=None):
    from .word import read_word_table

    return read_word_table(content, number, cell_limit)


def describe_word_tables(content):
    from .word import describe_tables

    return describe_tables(content)


# --- Forms --------------------------------------------------------------------------------------


@dataclass
class Upload:
    """A checked upload: its name, its bytes (to keep for the confirm step) and its table."""

    name: str
    content: bytes
    table: Table


class SpreadsheetField(forms.FileField):
    """A file input that reads the upload through every guard; cleans to an Upload.

    The file's name and size are checked before it is read into memory.
    """

    widget = forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)})
    default_error_messages = {
        "required": "Select a spreadsheet to upload",
        "empty": "The selected file is empty",
        "invalid": "The selected file could not be read: select it again",
        "missing": "Select a spreadsheet to upload",
    }

    def __init__(self, *, cell_limit=None, extensions=EXTENSIONS, **kwargs):
        self.cell_limit = cell_limit
        self.extensions = extensions
        super().__init__(max_length=255, **kwargs)
        self.widget.attrs["accept"] = ",".join(extensions)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return upload
        name = upload.name.lower()
        if name.endswith(".xls"):
            raise forms.ValidationError(OLD_EXCEL)
        if name.endswith(".doc") and ".docx" in self.extensions:
            raise forms.ValidationError(OLD_WORD)
        if not name.endswith(self.extensions):
            if ".docx" in self.extensions:
                raise forms.ValidationError("The selected file must be an Excel workbook (.xlsx) or a CSV file, "
                                            "or a Word document (.docx) with the plan in a table")
            raise forms.ValidationError("The selected file must be an Excel workbook (.xlsx) or a CSV file")
        try:
            check_size(upload.size)
            content = upload.read()
            if ".docx" not in self.extensions and is_word(content, upload.name):
                raise SpreadsheetError(NOT_A_WORKBOOK)
            if is_word(content, upload.name):
                describe_word_tables(content)  # every table readable, or the reason now
                table = None  # chosen on the next page
            else:
                table = read_table(content, upload.name, cell_limit=self.cell_limit)
        except SpreadsheetError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return Upload(upload.name, content, table)
