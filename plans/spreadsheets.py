"""Writing spreadsheets people can open safely.

A cell that starts with =, +, -, @ (or a tab or carriage return) is run as a
formula by Excel and LibreOffice. Such text is prefixed with a single quote so
it is shown as text, never executed (OWASP's advice on CSV injection). Control
characters are dropped first, as a backstop: one stored by any route would make
openpyxl refuse the whole workbook, and dropping it could uncover a formula.
Used by every CSV and XLSX export in the service.
"""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from plans.text import strip_control_characters

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    if value is None:
        return ""
    value = strip_control_characters(value)
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
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=2):
        values = [safe_cell(cell) for cell in row]
        sheet.append(values)
        # Strings are always stored as text, never as formulas. (Cells are found by number:
        # sheet.max_row looks at every cell, so asking it for each row took minutes.)
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):
                cell = sheet.cell(row=number, column=column)
                cell.data_type = "s"
                cell.alignment = wrap
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
# Uploads are read in transfer/guards.py, behind every limit; this is the one
# piece of reading that belongs beside writing, because it undoes safe_cell.


def original_text(value):
    """Undo ``safe_cell``: "'=SUM(A1)" read back is "=SUM(A1)"."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
