"""A workbook's rows written as XML directly, the rest of it by openpyxl (issue 18).

openpyxl spends tens of microseconds on each cell it writes (a cell object, its
value checked, its style looked up, an XML element built): at 5,000 actions and
their updates, about 140,000 cells, that alone took longer than the 5 seconds an
export may take. Here openpyxl still writes everything but the cells (styles,
column widths, the frozen header, the filter, the drop-downs, the colours, the
protection), in write-only mode, and each sheet's rows are made as plain XML
text, about a microsecond a cell, and put in its ``<sheetData>`` when the file
is saved.

Cells are written as openpyxl writes them: text as an inline string (never a
formula, whatever it starts with), numbers as numbers, dates and times as
Excel serial numbers shown through a date format. An empty cell is left out:
it takes its column's style, as the rows people add do.
"""

import datetime
import io
import re
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

EMPTY_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>")


class Book:
    """A write-only openpyxl workbook whose sheets take rows of (value, style id) pairs."""

    def __init__(self):
        self.book = Workbook(write_only=True)
        self.sheets = []  # [Sheet], in the order openpyxl numbers them

    def sheet(self, title):
        sheet = Sheet(self.book.create_sheet(title))
        self.sheets.append(sheet)
        return sheet

    def save(self):
        """The workbook's bytes: openpyxl's file, with each sheet's rows put in place."""
        buffer = io.BytesIO()
        self.book.save(buffer)
        rows = {f"xl/worksheets/sheet{number}.xml": sheet.xml()
                for number, sheet in enumerate(self.sheets, start=1)}
        result = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
                zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename in rows:
                    content, found = EMPTY_SHEET_DATA.subn(
                        lambda _: b"<sheetData>" + rows[item.filename] + b"</sheetData>", content, count=1)
                    if not found:
                        raise RuntimeError(f"openpyxl wrote no empty sheetData in {item.filename}")
                target.writestr(item, content)
        return result.getvalue()


class Sheet:
    def __init__(self, worksheet):
        self.worksheet = worksheet  # openpyxl's, for widths, filter, validation, protection
        self.parts = []
        self.count = 0  # rows written

    def style(self, **attributes):
        """The id of a cell style (font=, alignment=, number_format=, protection=), made once
        and shared by every cell that uses it."""
        cell = WriteOnlyCell(self.worksheet)
        for name, value in attributes.items():
            setattr(cell, name, value)
        return cell.style_id

    def append(self, cells):
        """One row: an iterable of (value, style id)."""
        self.count += 1
        number = self.count
        parts = [f'<row r="{number}">']
        for column, (value, style) in enumerate(cells, start=1):
            if value is None or value == "":
                continue
            parts.append(cell_xml(f"{_letter(column)}{number}", value, style))
        parts.append("</row>")
        self.parts.append("".join(parts))

    def xml(self):
        return "".join(self.parts).encode("utf-8")


def cell_xml(reference, value, style):
    if isinstance(value, str):
        text = escape(ILLEGAL_CHARACTERS_RE.sub("", value))
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f'<c r="{reference}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{reference}" s="{style}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float, Decimal)):
        return f'<c r="{reference}" s="{style}" t="n"><v>{value}</v></c>'
    if isinstance(value, (datetime.datetime, datetime.date)):
        return f'<c r="{reference}" s="{style}" t="n"><v>{to_excel(value)}</v></c>'
    raise TypeError(f"cannot write a {type(value).__name__} to a sheet")


_LETTERS = {}


def _letter(column):
    letter = _LETTERS.get(column)
    if letter is None:
        letter = _LETTERS[column] = get_column_letter(column)
    return letter
