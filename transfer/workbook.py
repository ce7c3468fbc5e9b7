"""The lossless workbook (issue 17, item 5): the whole plan in named sheets.

The first sheet, "Plan", is the plan layout (one row per action), so the
workbook still re-imports anywhere and still comes back as a quarterly update.
The other sheets carry what a row per action cannot: "Details" (title, dates,
foreword), "RAG key" (the plan's own wording), "Glossary" and "Updates" (every
progress update, oldest first, with its author and whether the status was read
from the commentary). The import reads them back (``read_extras``) through the
same guards, so an exported plan re-imports to an identical plan.

Pleasant in Excel: column widths, a filter, a frozen header, a drop-down list
and a colour beside the word for Status and Stage, dates as dates, and the
Version column locked (the sheet is protected without a password; every other
cell stays editable), since a changed Version would hide someone's newer update.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from plans import rag
from plans.models import GlossaryTerm, ProgressUpdate, RagStatus, Stage
from plans.spreadsheets import safe_cell

from . import layout, sheetxml
from .guards import SpreadsheetError, read_sheet

DETAILS, RAG_KEY, GLOSSARY, UPDATES = "Details", "RAG key", "Glossary", "Updates"
DETAILS_COLUMNS = ["Field", "Value"]
RAG_COLUMNS = ["Code", "Label", "Meaning"]
GLOSSARY_COLUMNS = ["Term", "Definition"]
UPDATE_COLUMNS = ["Reference", "Recorded at", "Status", "Commentary", "Author", "Read from commentary", "No change",
                  "Completed on", "Revised target month", "Revised target reason"]
WIDTHS = {layout.SECTION: 24, layout.AIM: 10, layout.AIM_TITLE: 30, layout.HOW_WILL_WE_KNOW: 40,
          layout.DESIRED_OUTCOME: 40, layout.BUDGET: 12, layout.BUDGET_SOURCE: 20, layout.BUDGET_SPENT: 12,
          layout.REFERENCE: 10, layout.ACTION: 50, layout.OWNERS: 26, layout.TARGET: 16, layout.STATUS: 11,
          layout.STAGE: 13, layout.COMMENTARY: 50, layout.LAST_UPDATED: 17, layout.UPDATED_BY: 18, layout.VERSION: 8}
# GOV.UK's tag colours, light, so the word stays readable beside them.
FILLS = {"Red": "F4CDC6", "Amber": "FFF7BF", "Green": "CCE2D8", "Blue": "BBD4EA"}
WRAP = Alignment(wrap_text=True, vertical="top")
BOLD = Font(bold=True)


def plan_workbook(plan, rows):
    """The workbook's bytes: ``rows`` are export.plan_rows(plan).

    The cells are written by ``sheetxml``, everything else by openpyxl: 5,000
    actions and their updates take a second or two, where openpyxl writing each
    cell took over ten (issue 18)."""
    book = sheetxml.Book()
    sheet = book.sheet("Plan")
    version = layout.COLUMNS.index(layout.VERSION) + 1
    _table(sheet, layout.COLUMNS, rows, widths=WIDTHS, locked_column=version)
    _status_lists(sheet.worksheet, sheet.count)
    _protect(sheet.worksheet)
    _table(book.sheet(DETAILS), DETAILS_COLUMNS, _details(plan), widths={"Field": 18, "Value": 90})
    _table(book.sheet(RAG_KEY), RAG_COLUMNS,
           ([r.code, r.label, r.description] for r in RagStatus.objects.filter(plan=plan).order_by("pk")),
           widths={"Code": 8, "Label": 16, "Meaning": 80})
    _table(book.sheet(GLOSSARY), GLOSSARY_COLUMNS,
           ([t.term, t.definition] for t in GlossaryTerm.objects.filter(plan=plan).order_by("term")),
           widths={"Term": 30, "Definition": 90})
    _table(book.sheet(UPDATES), UPDATE_COLUMNS, _updates(plan),
           widths={"Reference": 10, "Recorded at": 17, "Commentary": 60, "Author": 24, "Revised target reason": 30})
    return book.save()


def _details(plan):
    return [["Title", plan.title], ["Partnership", plan.partnership.name], ["Published", plan.published],
            ["Period start", plan.period_start], ["Period end", plan.period_end], ["Foreword", plan.foreword]]


def _updates(plan):
    updates = (ProgressUpdate.objects.filter(action__plan=plan)
               .order_by("action__aim__section__order", "action__aim__order", "action__order", "recorded_at", "pk")
               .values_list("action__reference", "recorded_at", "status", "commentary", "author_name",
                            "status_derived", "no_change", "completed_on", "revised_target_month",
                            "revised_target_reason"))
    for (reference, recorded_at, status, commentary, author_name, derived, no_change, completed_on, revised_month,
         revised_reason) in updates.iterator(chunk_size=2000):
        yield [reference, layout.timestamp_cell(recorded_at), rag.label(status), commentary, author_name,
               "Yes" if derived else "", "Yes" if no_change else "", completed_on, revised_month, revised_reason]


def _styles(sheet, protection):
    """{(kind, locked): style id}: each kind of cell's style made once, as ``_kind`` names them."""
    made = {}
    for locked in (False, True):
        lock = {"protection": Protection(locked=locked)} if protection else {}
        made["header", locked] = sheet.style(font=BOLD, **lock)
        made["text", locked] = sheet.style(alignment=WRAP, **lock)
        made["datetime", locked] = sheet.style(number_format="dd/mm/yyyy hh:mm", **lock)
        made["date", locked] = sheet.style(number_format="dd/mm/yyyy", **lock)
        made["other", locked] = sheet.style(**lock)
    return made


def _kind(value):
    if isinstance(value, str):
        return "text"
    return "datetime" if hasattr(value, "hour") else "date" if hasattr(value, "day") else "other"


def _table(sheet, header, rows, widths=None, locked_column=None):
    """A header and rows on a ``sheetxml.Sheet``, with widths, a frozen header and a filter.
    With ``locked_column``, every cell carries its protection: locked in that column only,
    and the other columns' own style is unlocked, so rows people add stay editable."""
    worksheet = sheet.worksheet
    for index, name in enumerate(header, start=1):
        dimension = worksheet.column_dimensions[get_column_letter(index)]
        dimension.width = (widths or {}).get(name, 14)
        if locked_column and index != locked_column:
            dimension.protection = Protection(locked=False)
    worksheet.freeze_panes = "A2"
    styles = _styles(sheet, protection=locked_column is not None)
    sheet.append((safe_cell(name), styles["header", index == locked_column])
                 for index, name in enumerate(header, start=1))
    for row in rows:
        values = [safe_cell(value) for value in row]
        sheet.append((value, styles[_kind(value), index == locked_column])
                     for index, value in enumerate(values, start=1))
    worksheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(sheet.count, 2)}"


def _status_lists(sheet, last_row):
    """A drop-down for Status and Stage, and a colour beside (behind) each status word."""
    last_row = max(last_row, 2) + 500  # room for rows people add
    for name, words in ((layout.STATUS, [*FILLS, rag.NOT_RATED_LABEL]), (layout.STAGE, Stage.labels)):
        letter = get_column_letter(layout.COLUMNS.index(name) + 1)
        check = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=True,
                               showErrorMessage=False)  # the plan's own words are allowed too
        check.add(f"{letter}2:{letter}{last_row}")
        sheet.data_validations.append(check)
    letter = get_column_letter(layout.COLUMNS.index(layout.STATUS) + 1)
    for word, colour in FILLS.items():
        sheet.conditional_formatting.add(
            f"{letter}2:{letter}{last_row}",
            FormulaRule(formula=[f'EXACT(LOWER({letter}2),"{word.lower()}")'],
                        fill=PatternFill(start_color=colour, end_color=colour, fill_type="solid")))


def _protect(sheet):
    """Protect the sheet without a password: ``_table`` left every cell and column
    unlocked except the Version column."""
    protection = sheet.protection
    protection.sheet = True
    protection.autoFilter = protection.sort = protection.formatColumns = protection.formatRows = False
    protection.insertRows = protection.deleteRows = False


# --- Reading it back -----------------------------------------------------------------------------


@dataclass
class Extras:
    """What the named sheets hold, read through the guards; empty for any other file."""

    details: dict = field(default_factory=dict)
    rag_key: list = field(default_factory=list)  # [(code, label, meaning)]
    glossary: list = field(default_factory=list)  # [(term, definition)]
    updates: dict = field(default_factory=dict)  # reference (lower case) -> [row dict, oldest first]
    problems: list = field(default_factory=list)

    @property
    def found(self):
        return bool(self.details or self.rag_key or self.glossary or self.updates)


def read_extras(content, filename):
    """The named sheets of an exported workbook, or an empty Extras for any other file."""
    extras = Extras()
    if not filename.lower().endswith(".xlsx"):
        return extras
    tables = {}
    for name in (DETAILS, RAG_KEY, GLOSSARY, UPDATES):
        try:
            table = read_sheet(content, name)
        except SpreadsheetError:
            continue
        if table is not None:
            extras.problems.extend(layout.Problem(None, f"{name} sheet: {p.column}", p.message) for p in table.problems)
            tables[name] = [dict(zip(table[0], row)) for row in table[1:]]
    for row in tables.get(DETAILS, []):
        extras.details[layout.text(row.get("Field"))] = row.get("Value")
    extras.rag_key = [(layout.text(r.get("Code")).lower(), layout.text(r.get("Label")), layout.text(r.get("Meaning")))
                      for r in tables.get(RAG_KEY, []) if layout.text(r.get("Code")).lower() in rag.Status.values]
    extras.glossary = [(layout.text(r.get("Term")), layout.text(r.get("Definition")))
                       for r in tables.get(GLOSSARY, []) if layout.text(r.get("Term"))]
    for row in tables.get(UPDATES, []):
        extras.updates.setdefault(layout.text(row.get("Reference")).lower(), []).append(row)
    return extras


def attach(description, extras):
    """Put the named sheets' contents on a Description: the RAG key, glossary, foreword and
    each action's full history. A cell that cannot be read is a problem, as on the Plan sheet."""
    description.problems.extend(extras.problems)
    if not extras.found:
        return description
    problems = description.problems
    description.rag_key, description.glossary = extras.rag_key, extras.glossary
    description.foreword = layout.text(extras.details.get("Foreword"))
    _check_rows(problems, RAG_KEY, extras.rag_key, [None, LIMITS["rag label"], LIMITS["definition"]])
    _check_rows(problems, GLOSSARY, extras.glossary, [LIMITS["term"], LIMITS["definition"]])
    for action in description.actions:
        for row in extras.updates.get(action.reference.lower(), []):
            try:
                action.history.append(_update(row))
            except ValueError as exc:
                problems.append(layout.Problem(None, f"{UPDATES} sheet, {action.reference}", str(exc)))
    return description


LIMITS = {"rag label": RagStatus._meta.get_field("label").max_length,
          "definition": GlossaryTerm._meta.get_field("definition").max_length,
          "term": GlossaryTerm._meta.get_field("term").max_length,
          "commentary": ProgressUpdate._meta.get_field("commentary").max_length,
          "author": ProgressUpdate._meta.get_field("author_name").max_length,
          "reason": ProgressUpdate._meta.get_field("revised_target_reason").max_length}


def _check_rows(problems, sheet, rows, limits):
    """Each cell within its field's limit, and no row's first cell (a code, a term) twice."""
    seen = set()
    for row in rows:
        if row[0].lower() in seen:
            problems.append(layout.Problem(None, f"{sheet} sheet", f"'{row[0][:100]}' appears twice"))
        seen.add(row[0].lower())
        for value, limit in zip(row, limits):
            if limit and len(value) > limit:
                problems.append(layout.Problem(None, f"{sheet} sheet, {row[0][:100]}",
                                               f"this is {len(value):,} characters; the most allowed is {limit:,}"))


def _update(row):
    status = layout.read_status(row.get("Status"))
    recorded_at = layout.read_timestamp(row.get("Recorded at"))
    if recorded_at is None:
        raise ValueError("an update has no Recorded at date")
    for column, limit in (("Commentary", "commentary"), ("Author", "author"), ("Revised target reason", "reason")):
        if len(layout.text(row.get(column))) > LIMITS[limit]:
            raise ValueError(f"an update's {column} is longer than {LIMITS[limit]:,} characters")
    return {
        "status": status, "commentary": layout.text(row.get("Commentary")), "recorded_at": recorded_at,
        "author_name": layout.text(row.get("Author"))[:200], "status_derived": _yes(row.get("Read from commentary")),
        "no_change": _yes(row.get("No change")), "completed_on": _date(row.get("Completed on")),
        "revised_target_month": _date(row.get("Revised target month")),
        "revised_target_reason": layout.text(row.get("Revised target reason")),
    }


def _yes(value):
    return layout.text(value).lower() in ("yes", "y", "true", "1")


def _date(value):
    moment = layout.read_timestamp(value)
    return timezone.localtime(moment).date() if moment else None
