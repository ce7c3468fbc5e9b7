import datetime

from django import forms

from plans import text
from plans.models import Partnership, Stage
from plans.rag import Status

from . import layout, mapping
from .guards import MAX_ROWS, MAX_UPLOAD_BYTES, WORD_EXTENSIONS, SpreadsheetField

FILE_HINT = (f"An XLSX or CSV file in the plan layout, up to {MAX_UPLOAD_BYTES // 1024 // 1024} MB "
             f"and {MAX_ROWS:,} rows. Only the first sheet is read.")
IMPORT_FILE_HINT = (f"An XLSX or CSV file, or a Word document (.docx) with the plan in a table, up to "
                    f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB and {MAX_ROWS:,} rows. Only a workbook's first sheet "
                    f"is read. Your own column headings are fine: you choose what each column holds next.")
NEW_PARTNERSHIP = "new"


class UploadForm(forms.Form):
    """The file alone (the bulk update); cleaned_data["file"] is a guards.Upload."""

    file = SpreadsheetField(label="Spreadsheet", help_text=FILE_HINT, cell_limit=layout.cell_limit)


class ImportForm(forms.Form):
    """A new plan's details and its file. The partnership is one the officer is
    plan officer of (``partnerships``, issue 14: never another board's), or a new
    one (issue 17), created only when the officer confirms the import."""

    partnership = forms.ChoiceField(
        label="Partnership", error_messages={"required": "Select the partnership the plan belongs to"},
    )
    new_partnership = forms.CharField(
        max_length=200, required=False, label="Name of the new partnership",
        help_text="Only if you chose \u201cA new partnership\u201d.",
    )
    title = forms.CharField(max_length=200, label="Plan title",
                            error_messages={"required": "Enter the plan's title"})
    start_year = forms.IntegerField(
        label="Year the plan starts", min_value=1990, max_value=2100,
        help_text="The financial year it starts, as a year: 2022 for 2022/23. Targets written without a year, "
                  "such as \u201cdue June Board\u201d, are read as the next such month in the plan.",
        error_messages={"required": "Enter the year the plan starts, for example 2022",
                        "invalid": "Enter the year the plan starts as a number, for example 2022",
                        "min_value": "Enter a year from 1990", "max_value": "Enter a year up to 2100"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    years = forms.TypedChoiceField(label="Years the plan covers", coerce=int,
                                   choices=[(n, f"{n} year{'s' if n > 1 else ''}") for n in range(1, 6)])
    published = forms.CharField(max_length=50, required=False, label="Published (optional)",
                                help_text="As printed on the plan, for example \u201cApril 2022\u201d.")
    foreword = forms.CharField(
        label="Foreword or vision (optional)", required=False, max_length=text.FOREWORD, widget=forms.Textarea,
        validators=text.text_validators(text.FOREWORD),
        help_text="The plan\u2019s opening words or vision, if your file does not carry them. An exported workbook "
                  "brings its own foreword.",
    )
    file = SpreadsheetField(label="Plan file", help_text=IMPORT_FILE_HINT, cell_limit=layout.cell_limit,
                            extensions=WORD_EXTENSIONS)
    field_order = ["partnership", "new_partnership", "title", "start_year", "years", "published", "foreword", "file"]

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_names = {name.lower() for name in partnerships.values_list("name", flat=True)}
        self.fields["partnership"].choices = [
            *((str(pk), name) for pk, name in partnerships.order_by("name").values_list("pk", "name")),
            (NEW_PARTNERSHIP, "A new partnership"),
        ]

    def clean(self):
        cleaned = super().clean()
        name = " ".join(cleaned.get("new_partnership", "").split())
        if cleaned.get("partnership") == NEW_PARTNERSHIP:
            if not name:
                self.add_error("new_partnership", "Enter the name of the new partnership")
            elif Partnership.objects.filter(name__iexact=name).exists():
                # Names are unique across the service; only one's own partnership is in the list to pick.
                hint = "select it from the list" if name.lower() in self.own_names else "choose another name"
                self.add_error("new_partnership", f"There is already a partnership called \u201c{name}\u201d: {hint}")
        cleaned["new_partnership"] = name
        return cleaned

    @property
    def period(self):
        start = datetime.date(self.cleaned_data["start_year"], 4, 1)
        return start, datetime.date(start.year + self.cleaned_data["years"], 3, 31)

    def details(self):
        start, end = self.period
        chosen = self.cleaned_data["partnership"]
        return {"partnership": None if chosen == NEW_PARTNERSHIP else int(chosen),
                "new_partnership": self.cleaned_data["new_partnership"] if chosen == NEW_PARTNERSHIP else "",
                "title": self.cleaned_data["title"], "start": start.isoformat(), "end": end.isoformat(),
                "published": self.cleaned_data["published"], "foreword": self.cleaned_data["foreword"].strip()}


class TableForm(forms.Form):
    """Which of a Word document's tables holds the plan."""

    table = forms.TypedChoiceField(label="Which table holds the plan?", coerce=int, widget=forms.RadioSelect,
                                   error_messages={"required": "Select the table that holds the plan"})

    def __init__(self, *args, tables, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].choices = [
            (summary["number"], _table_label(summary)) for summary in tables if not summary["error"]
        ]


def _table_label(summary):
    headings = ", ".join(summary["headings"][:8]) or "no headings"
    rows = summary["rows"]
    return f"Table {summary['number'] + 1}: {rows:,} row{'' if rows == 1 else 's'} under the headings {headings}"


FIELD_CHOICES = [(mapping.NOT_USED, "Not used (ignored)"),
                 *((name, f"{name} ({mapping.HINTS[name]})" if name in mapping.HINTS else name)
                   for name in mapping.FIELDS)]


class ColumnsForm(forms.Form):
    """One choice per heading of the file: which of the plan's fields it fills."""

    def __init__(self, *args, headings, initial_columns, **kwargs):
        super().__init__(*args, **kwargs)
        self.headings = headings
        for index, heading in enumerate(headings):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=f"What \u201c{self.heading(index)}\u201d holds", choices=FIELD_CHOICES,
                initial=initial_columns[index], required=False,
            )

    def heading(self, index):
        return layout.text(self.headings[index]) or f"Column {index + 1} (no heading)"

    def rows(self, samples):
        """(heading, field, first values) for each column, for the page's table."""
        return [(self.heading(index), self[f"column_{index}"], samples[index]) for index in range(len(self.headings))]

    def clean(self):
        cleaned = super().clean()
        for problem in mapping.problems_with(self.columns()):
            self.add_error(None, problem)
        return cleaned

    def columns(self):
        return [self.cleaned_data.get(f"column_{index}", "") for index in range(len(self.headings))]


STATUS_CHOICES = [("", "Not rated"), *Status.choices]
STAGE_CHOICES = [("", "Not recorded"), *Stage.choices]


class WordsForm(forms.Form):
    """For each word in the file's Status and Stage columns: the status and stage it means."""

    def __init__(self, *args, words, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        self.words = words
        for index, (word, written) in enumerate(words.items()):
            status, stage = suggestions[word]
            self.fields[f"status_{index}"] = forms.ChoiceField(
                label=f"Status for \u201c{written}\u201d", choices=STATUS_CHOICES, initial=status, required=False)
            self.fields[f"stage_{index}"] = forms.ChoiceField(
                label=f"Stage for \u201c{written}\u201d", choices=STAGE_CHOICES, initial=stage, required=False)

    def rows(self):
        """(written word, status field, stage field) for the page's table."""
        return [(written, self[f"status_{index}"], self[f"stage_{index}"])
                for index, written in enumerate(self.words.values())]

    def vocabulary(self):
        return {word: {"status": self.cleaned_data[f"status_{index}"], "stage": self.cleaned_data[f"stage_{index}"]}
                for index, word in enumerate(self.words)}
