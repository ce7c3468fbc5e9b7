from django import forms

from indicators.importer import cell_limit
from transfer.guards import MAX_ROWS, MAX_UPLOAD_BYTES, SpreadsheetField


class ImportForm(forms.Form):
    """The figures file; cleaned_data["file"] is a transfer.guards.Upload, already read and checked."""

    file = SpreadsheetField(
        label="Upload a file",
        help_text="A CSV or Excel (.xlsx) file with the columns Indicator, Period, Area and Value "
        f"(Source and Note are optional), up to {MAX_UPLOAD_BYTES // 1024 // 1024} MB and {MAX_ROWS:,} rows. "
        "Nothing is saved unless every row is correct.",
        cell_limit=cell_limit,
    )
