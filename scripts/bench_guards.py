"""Time how long the upload guards take to refuse hostile files, beside reading the largest files they accept.

    DEBUG=1 .venv/bin/python scripts/bench_guards.py

Needs no database. The point to check: nothing refused costs more than the biggest accepted file.
"""

import io
import os
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yjs.settings")

import django  # noqa: E402

django.setup()

from plans.spreadsheets import csv_bytes, xlsx_bytes  # noqa: E402
from transfer import layout  # noqa: E402
from transfer.guards import MAX_COLUMNS, MAX_ROWS, SpreadsheetError, read_table  # noqa: E402

SHEET = "xl/worksheets/sheet1.xml"
START = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
         b'spreadsheetml/2006/main"><sheetData>')


def with_sheet(rows_xml, repeat):
    """A workbook whose first sheet is ``rows_xml`` repeated, streamed into the zip."""
    buffer = io.BytesIO()
    base = xlsx_bytes(["Reference"], [])
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            with target.open(info.filename, "w") as part:
                if info.filename != SHEET:
                    part.write(source.read(info.filename))
                    continue
                part.write(START)
                for done in range(0, repeat, 10_000):
                    part.write(rows_xml * min(10_000, repeat - done))
                part.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def timed(label, content, name):
    start = time.perf_counter()
    try:
        table = read_table(content, name, cell_limit=layout.cell_limit)
        outcome = f"read {len(table) - 1:,} rows" + (f"; refused: {table.problems[0]}"[:70] if table.problems else "")
    except SpreadsheetError as exc:
        outcome = f"refused: {str(exc)[:60]}"
    print(f"{label:<44} {len(content) / 1024:9,.0f} KB {(time.perf_counter() - start) * 1000:9,.0f} ms  {outcome}")


words = "Progressing well with the partners and the panel " * 4
plan = [[f"Section {n // 500}", f"Aim {n // 50}", f"Aim {n // 50} title", words, words, f"R{n}", words,
         "Team Managers; Ros Stanley", "Quarterly - due June Board", "Green", words, "", "", 2]
        for n in range(MAX_ROWS)]
wide = [[f"{words[:60]} {n}.{c}" for c in range(MAX_COLUMNS)] for n in range(MAX_ROWS)]

print(f"{'file':<44} {'size':>12} {'time':>12}  outcome")
timed("accepted: 5,000-row plan (XLSX)", xlsx_bytes(layout.COLUMNS, plan), "plan.xlsx")
timed("accepted: 5,000-row plan (CSV)", csv_bytes(layout.COLUMNS, plan), "plan.csv")
timed("accepted: 5,000 rows x 40 columns (XLSX)", xlsx_bytes([f"C{c}" for c in range(MAX_COLUMNS)], wide), "w.xlsx")
timed("4,000,000 rows (the issue's 575 KB file)", with_sheet(b"<row><c><v>1</v></c></row>", 4_000_000), "r.xlsx")
timed("800,000 rows", with_sheet(b"<row><c><v>1</v></c></row>", 800_000), "r.xlsx")
timed("200,000 rows (under the size and tag caps)", with_sheet(b"<row><c><v>1</v></c></row>", 200_000), "r.xlsx")
timed("one row of 400,000 cells", with_sheet(b"<row>" + b"<c><v>1</v></c>" * 400_000 + b"</row>", 1), "w.xlsx")
timed("a gap to row 1,048,576", with_sheet(b'<row r="1048576"><c><v>1</v></c></row>', 1), "g.xlsx")
timed("CSV of 1,000,000 blank lines", b"\r\n" * 1_000_000, "b.csv")
timed("CSV of 400,000 rows", b"A1,x\r\n" * 400_000, "r.csv")
timed("CSV with a 200,000-character cell", b"Reference\r\n" + b"x" * 200_000 + b"\r\n", "l.csv")
timed("CSV with a NUL past 4 KB", b"Reference,Latest commentary\r\n" + b"A1,ok\r\n" * 800 + b"A2,b\x00d\r\n", "n.csv")
