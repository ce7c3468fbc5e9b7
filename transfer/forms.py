import datetime

from django import forms
from django.utils import timezone

from plans.models import Partnership

from . import layout
from .guards import MAX_ROWS, MAX_UPLOAD_BYTES, SpreadsheetField

FILE_HINT = (f"An XLSX or CSV file in the plan layout, up to {MAX_UPLOAD_BYTES // 1024 // 1024} MB "
             f"and {MAX_ROWS:,} rows. Only the first sheet is read.")


class UploadForm(forms.Form):
    """The file alone (the bulk update); cleaned_data["file"] is a guards.Upload."""

    file = SpreadsheetField(label="Spreadsheet", help_text=FILE_HINT, cell_limit=layout.cell_limit)


def financial_years():
    this_year = timezone.localdate().year
    return [(str(year), f"{year}/{(year + 1) % 100:02d}") for year in range(this_year - 4, this_year + 3)]


class ImportForm(UploadForm):
    partnership = forms.ModelChoiceField(
        queryset=Partnership.objects.all(), empty_label=None,
        error_messages={"required": "Select the partnership the plan belongs to"},
    )
    title = forms.CharField(max_length=200, label="Plan title",
                            error_messages={"required": "Enter the plan's title"})
    start_year = forms.TypedChoiceField(
        label="Financial year the plan starts", coerce=int, choices=financial_years,
        help_text="Targets written without a year, such as \u201cdue June Board\u201d, are read as the next such month in the plan.",
    )
    years = forms.TypedChoiceField(label="Years the plan covers", coerce=int,
                                   choices=[(1, "1 year"), (2, "2 years"), (3, "3 years")])
    published = forms.CharField(max_length=50, required=False, label="Published (optional)",
                                help_text="As printed on the plan, for example \u201cApril 2022\u201d.")
    field_order = ["partnership", "title", "start_year", "years", "published", "file"]

    @property
    def period(self):
        start = datetime.date(self.cleaned_data["start_year"], 4, 1)
        return start, datetime.date(start.year + self.cleaned_data["years"], 3, 31)

    def details(self):
        start, end = self.period
        return {"partnership": self.cleaned_data["partnership"].pk, "title": self.cleaned_data["title"],
                "start": start.isoformat(), "end": end.isoformat(), "published": self.cleaned_data["published"]}
