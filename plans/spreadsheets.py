"""Writing spreadsheets people can open safely.

A cell that starts with =, +, -, @ (or a tab or carriage return) is run as a
formula by Excel and LibreOffice. Such text is prefixed with a single quote so
it is shown as text, never executed (OWASP's advice on CSV injection). Used by every CSV and XLSX export in the service.
"""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    # A byte-order mark makes Excel read the file as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(header, rows, title="Sheet1"):
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([safe_cell(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
        # Strings are always stored as text, never as formulas.
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename, header, rows):
    return download(csv_bytes(header, rows), filename, "text/csv; charset=utf-8")


def xlsx_response(filename, header, rows, title="Sheet1"):
    return download(xlsx_bytes(header, rows, title), filename, XLSX_TYPE)


# --- Reading spreadsheets back -------------------------------------------------
#
# Uploads come from people, so every limit is checked before the file is trusted:
# size in bytes, rows, and (for XLSX, which is a zip) the unpacked size, so a
# small "zip bomb" cannot exhaust memory.

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 40
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024


class SpreadsheetError(ValueError):
    """The file cannot be read as a spreadsheet; the message is for the user."""


def original_text(value):
    """Undo ``safe_cell``: "'=SUM(A1)" read back is "=SUM(A1)"."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def read_table(content, filename=""):
    """The rows of a CSV or XLSX file as lists of cell values (first sheet only).

    XLSX cells keep their types (dates arrive as datetimes); CSV cells are text.
    Raises SpreadsheetError with a message fit to show the person who uploaded it.
    """
    if len(content) > MAX_UPLOAD_BYTES:
        raise SpreadsheetError(
            f"The file is {len(content) / 1024 / 1024:.1f} MB; the largest file accepted is "
            f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB. Split the plan or remove unused sheets."
        )
    name = filename.lower()
    if name.endswith(".xls") or content.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetError("This is an old-style Excel file (.xls). Save it as .xlsx or CSV and upload that.")
    if content.startswith(b"PK\x03\x04"):
        rows = _read_xlsx(content)
    elif name.endswith(".xlsx"):
        raise SpreadsheetError("The file is not a spreadsheet: it is named .xlsx but is not an Excel workbook.")
    else:
        rows = _read_csv(content)
    return [[original_text(cell) for cell in row] for row in rows]


def _check_rows(count):
    if count > MAX_ROWS + 1:  # +1 for the header
        raise SpreadsheetError(f"The file has more than {MAX_ROWS:,} rows; the most accepted is {MAX_ROWS:,}.")


def _read_xlsx(content):
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise SpreadsheetError("The file is not a spreadsheet: it could not be opened as XLSX.") from exc
    if unzipped > MAX_UNZIPPED_BYTES:
        raise SpreadsheetError("The workbook is too large once unpacked. Remove unused sheets or images.")
    try:
        # data_only: read the values formulas last showed, never the formulas.
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            rows.append(list(row))
            _check_rows(len(rows))
        book.close()
    except SpreadsheetError:
        raise
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise SpreadsheetError("The file is not a spreadsheet: it could not be opened as XLSX.") from exc
    # Excel often reports formatted but empty rows and columns; drop them.
    width = max((_width(row) for row in rows), default=0)
    return [row[:width] for row in rows if _width(row)]


def _width(row):
    """Cells up to the last one with a value."""
    return max((index + 1 for index, cell in enumerate(row) if cell not in (None, "")), default=0)


def _read_csv(content):
    if b"\x00" in content[:4096]:
        raise SpreadsheetError("The file is not a spreadsheet: upload an XLSX or CSV file.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the Windows code page, not UTF-8.
        text = content.decode("cp1252", errors="replace")
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        rows = []
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row[:MAX_COLUMNS])
            _check_rows(len(rows))
    except csv.Error as exc:
        raise SpreadsheetError(f"The file is not a readable CSV file: {exc}.") from exc
    return rows
