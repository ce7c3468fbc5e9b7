"""The plan's spreadsheet layout: one row per action, in the plan's own columns.

Export, import and the bulk progress update all use these columns, so a sheet
exported from the service can always be brought back in. Headers are matched
ignoring case, spacing and a trailing "?", and every message about a cell
names the spreadsheet row (header = row 1) and column, as people see them.
"""

import datetime
import decimal
import re
from dataclasses import dataclass, field

from django.utils import timezone

from plans import rag
from plans.models import Action, Aim, Owner, ProgressUpdate, Section

SECTION = "Section"
AIM = "Aim"
AIM_TITLE = "Aim title"
HOW_WILL_WE_KNOW = "How will we know?"
DESIRED_OUTCOME = "Desired outcome"
BUDGET = "Budget"
BUDGET_SOURCE = "Funded by"
BUDGET_SPENT = "Spent to date"
REFERENCE = "Reference"
ACTION = "Action"
OWNERS = "Owners"
TARGET = "Target"
STATUS = "Status"
STAGE = "Stage"
COMMENTARY = "Latest commentary"
LAST_UPDATED = "Last updated"
UPDATED_BY = "Updated by"
VERSION = "Version"

COLUMNS = [
    SECTION, AIM, AIM_TITLE, HOW_WILL_WE_KNOW, DESIRED_OUTCOME, BUDGET, BUDGET_SOURCE, BUDGET_SPENT, REFERENCE, ACTION,
    OWNERS, TARGET, STATUS, STAGE, COMMENTARY, LAST_UPDATED, UPDATED_BY, VERSION,
]  # fmt: skip

# A few other names people give these columns in their own plans.
ALIASES = {
    "ref": REFERENCE, "action reference": REFERENCE, "action ref": REFERENCE,
    "action owner": OWNERS, "actions owner": OWNERS, "owner": OWNERS, "owners": OWNERS,
    "target date": TARGET, "timescale": TARGET, "rag": STATUS, "rag status": STATUS,
    "progress status": STATUS, "comments and progress": COMMENTARY, "commentary": COMMENTARY,
    "implementation stage": STAGE, "budget (£)": BUDGET, "budget £": BUDGET, "funding": BUDGET,
    "allocation": BUDGET, "funding source": BUDGET_SOURCE, "source of funding": BUDGET_SOURCE,
    "spend to date": BUDGET_SPENT, "spent": BUDGET_SPENT, "spend": BUDGET_SPENT, "aim number": AIM, "priority": AIM, "outcome": DESIRED_OUTCOME,
}  # fmt: skip

OWNER_SEPARATOR = re.compile(r"[;\n]")
AIM_CELL = re.compile(r"^(?:(?P<label>[^\d\s][^\d]*?)\s*)?(?P<number>\d[\w.]*)$")

STATUS_WORDS = {code: code for code in rag.Status.values}
STATUS_WORDS.update({"r": "red", "a": "amber", "g": "green", "b": "blue", "complete": "blue",
                     "completed": "blue", "not rated": "", "": ""})  # fmt: skip


def _key(header):
    return " ".join(str(header or "").lower().replace("?", " ").split())


CANONICAL = {_key(name): name for name in COLUMNS}
CANONICAL.update({_key(alias): name for alias, name in ALIASES.items()})



def _max_length(model, name):
    return model._meta.get_field(name).max_length


# Each column's limit is its model field's max_length (plans/text.py for free text),
# so an import refuses exactly what a form or the admin would.
LIMITS = {
    SECTION: _max_length(Section, "title"),
    AIM: _max_length(Aim, "number"),
    AIM_TITLE: _max_length(Aim, "title"),
    HOW_WILL_WE_KNOW: _max_length(Aim, "how_will_we_know"),
    DESIRED_OUTCOME: _max_length(Aim, "desired_outcome"),
    BUDGET_SOURCE: _max_length(Aim, "budget_source"),
    REFERENCE: _max_length(Action, "reference"),
    ACTION: _max_length(Action, "description"),
    OWNERS: _max_length(Owner, "name"),  # each owner's name
    TARGET: _max_length(Action, "target_text"),
    COMMENTARY: _max_length(ProgressUpdate, "commentary"),
    UPDATED_BY: _max_length(ProgressUpdate, "author_name"),
}
# The same limits on whole cells, checked by transfer.guards as the file is read, for the
# import and the bulk update alike. Not Aim ("Priority 3" holds more than its number) or
# Owners (several names): the importer checks the parts. Other cells have the guards' cap.
CELL_LIMITS = {column: limit for column, limit in LIMITS.items() if column not in (AIM, OWNERS)}


def cell_limit(header):
    """For transfer.guards: the limit of the plan-layout column a header names, or None."""
    return CELL_LIMITS.get(CANONICAL.get(_key(header)))


MAX_PROBLEMS_SHOWN = 200


class ProblemList:
    """For results with a ``problems`` list: a page shows the first 200 and says
    how many more there are, so a hopeless file cannot make a huge page."""

    @property
    def problems_shown(self):
        # In row order: the guards' problems with cells come first, the page's own after.
        return sorted(self.problems, key=lambda problem: problem.row or 0)[:MAX_PROBLEMS_SHOWN]

    @property
    def problems_hidden(self):
        return max(0, len(self.problems) - MAX_PROBLEMS_SHOWN)


@dataclass
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self):
        where = []
        if self.row:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class Sheet:
    """Rows of a table as {column name: value}, with their spreadsheet row numbers."""

    columns: list
    rows: list = field(default_factory=list)  # [(row number, {column: value})]


def read_header(table, required, problems, allowed=COLUMNS):
    """Map the table to our columns; missing required or unknown columns are problems.

    The problems the guards found in cells (``table.problems``) are added first, so a
    page reports every problem at once and saves nothing while any remain."""
    problems.extend(getattr(table, "problems", []))
    if not table:
        problems.append(Problem(None, None, "The file is empty: it has no header row."))
        return None
    header_row = getattr(table[0], "number", 1)
    positions, missing = {}, []
    for index, header in enumerate(table[0]):
        if header in (None, ""):
            continue
        name = CANONICAL.get(_key(header))
        if name is None or name not in allowed:
            missing.append(Problem(header_row, str(header), f"'{header}' is not a column of the plan layout "
                                   f"(expected: {', '.join(allowed)})"))
        elif name in positions:
            missing.append(Problem(header_row, str(header), f"the column {name} appears twice"))
        else:
            positions[name] = index
    for name in required:
        if name not in positions:
            missing.append(Problem(header_row, name, f"the column {name} is missing"))
    if missing:
        problems.extend(missing)
        return None
    sheet = Sheet(columns=list(positions))
    for offset, row in enumerate(table[1:], start=header_row + 1):
        # Rows from transfer.guards know their number in the sheet (blank rows are skipped).
        values = {name: (row[index] if index < len(row) else None) for name, index in positions.items()}
        sheet.rows.append((getattr(row, "number", offset), values))
    return sheet


def text(value):
    """A cell as tidy text: numbers like 1.0 (Excel's "1") become "1"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_status(value, wording=None):
    """A status code from a cell: Red/Amber/Green/Blue, R/A/G/B, the plan's own
    words for them, "Not rated" or blank. Raises ValueError with a message."""
    word = " ".join(text(value).lower().split())
    if word in STATUS_WORDS:
        return STATUS_WORDS[word]
    for code, label in (wording or {}).items():
        if word == label.lower():
            return code
    raise ValueError(f"'{text(value)}' is not a status (Red, Amber, Green, Blue, or blank for not rated)")


MONEY = re.compile(r"^£?\s*(?P<amount>\d[\d,]*(?:\.\d{1,2})?)\s*(?P<thousands>k)?$", re.I)


def read_money(value):
    """A budget cell as Decimal pounds, or None if blank: 2000, "£2,000", "£2,000.50", "£15k".
    Raises ValueError with a message."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        amount = decimal.Decimal(str(value))
    else:
        match = MONEY.match(text(value).replace(" ", ""))
        if not match:
            raise ValueError(f"'{text(value)}' is not an amount in pounds such as 2000 or £2,000.50")
        amount = decimal.Decimal(match["amount"].replace(",", "")) * (1000 if match["thousands"] else 1)
    if amount < 0 or amount >= 10**10:
        raise ValueError(f"'{text(value)}' is not an amount between £0 and £9,999,999,999")
    return amount.quantize(decimal.Decimal("0.01"))


def money_cell(amount):
    """How a budget is written to a sheet: a number (Excel formats it), blank for none."""
    return None if amount is None else float(amount)


# Owner cells that name nobody yet: kept as written (Action.owner_text), never made an owner called "TBC".
NO_OWNER_YET = {"tbc", "tba", "tbd", "to be confirmed", "to be agreed", "n/a", "na", "none", "-", "\u2013", "?"}


def read_owner_names(value):
    names = [name.strip() for name in OWNER_SEPARATOR.split(text(value)) if name.strip()]
    return [name for name in names if name.lower().rstrip(".") not in NO_OWNER_YET]


def read_aim(value):
    """'Priority 3' -> ('Priority', '3'); '3' -> ('', '3'). Raises ValueError."""
    match = AIM_CELL.match(" ".join(text(value).split()))
    if not match:
        raise ValueError(f"'{text(value)}' is not an aim number such as 'Aim 1' or '1'")
    return (match["label"] or "").strip(), match["number"]


def read_timestamp(value):
    """A 'Last updated' cell as an aware datetime, or None if blank. Raises ValueError."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time(12))
    else:
        moment = _parse_timestamp_text(text(value))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _parse_timestamp_text(value):
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        pass
    for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y", "%d %b %Y %H:%M", "%d %b %Y"):
        try:
            return datetime.datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise ValueError(f"'{value}' is not a date such as 31/03/2022 or 31/03/2022 17:00")


def timestamp_cell(moment):
    """How 'Last updated' is written: local time, to the minute, as a real date
    in XLSX (naive, as Excel has no time zones) and readable text in CSV."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, second=0, microsecond=0)
