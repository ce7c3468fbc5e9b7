"""A plan kept in a Word table (issue 17): most plans, like Sefton's, are.

The officer uploads the document, picks the table that holds the plan and maps
its columns as for a spreadsheet (transfer.mapping). The document goes through
the same guards as a workbook: size, the zip checks (it is a zip too), the
shape and the cells (guards.collect), so a document one page refuses, every
page refuses. python-docx reads it; merged cells come out as in a spreadsheet.
"""

import io
import zipfile

from .guards import (DAMAGED, NO_SUCH_TABLE, NO_TABLES, NOT_A_DOCUMENT, SpreadsheetError, _check_package, _names,
                     collect)


def word_tables(content):
    """The tables of a Word document (python-docx objects), after the zip guards."""
    import docx  # only when a document arrives

    if not content.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        raise SpreadsheetError(NOT_A_DOCUMENT)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _check_package(archive)
        document = docx.Document(io.BytesIO(content))
        tables = list(document.tables)
    except SpreadsheetError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx raise many types for a damaged file
        raise SpreadsheetError(NOT_A_DOCUMENT if "word/document.xml" not in _names(content) else DAMAGED) from exc
    if not tables:
        raise SpreadsheetError(NO_TABLES)
    return tables


def _word_rows(table):
    """Each row's cell texts. A cell merged across columns is given once, at its left,
    as a spreadsheet gives a merged cell; one merged down the rows repeats its text."""
    try:
        for row in table.rows:
            cells, texts = row.cells, []
            for index, cell in enumerate(cells):
                merged = index and cell._tc is cells[index - 1]._tc
                texts.append(None if merged else cell.text)
            yield texts
    except SpreadsheetError:
        raise
    except Exception as exc:  # a malformed table (python-docx raises on impossible spans)
        raise SpreadsheetError(DAMAGED) from exc


def read_word_table(content, number, cell_limit=None):
    tables = word_tables(content)
    if not 0 <= number < len(tables):
        raise SpreadsheetError(NO_SUCH_TABLE.format(number=number + 1, count=len(tables)))
    return collect(_word_rows(tables[number]), cell_limit)


def describe_tables(content):
    """For choosing a table: each table's number (from 0), its first row and its size,
    read through the guards (a table that cannot be read says why)."""
    summaries = []
    for number, word_table in enumerate(word_tables(content)):
        try:
            table = collect(_word_rows(word_table))
        except SpreadsheetError as exc:
            summaries.append({"number": number, "headings": [], "rows": 0, "error": str(exc)})
            continue
        headings = [heading for heading in (str(cell or "").strip() for cell in table[0]) if heading]
        summaries.append({"number": number, "headings": headings, "rows": len(table) - 1, "error": ""})
    return summaries


