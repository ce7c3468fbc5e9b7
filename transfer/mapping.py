"""Reading a partnership's own layout: their headings, their status words (issue 17).

A file's headings are matched to the plan's fields: by what the partnership chose
last time, then by name and common synonyms. The officer confirms or changes the
match on a page; columns left unused are named and ignored. ``apply`` then turns
the file into the plan layout that ``importer.describe`` reads, so every kind of
file (CSV, XLSX, a Word table) is checked by the same rules:

- A "Theme" column gives the aims (numbered in the order they first appear, in
  one section called "Themes" unless a Section column is mapped too). An Aim
  column without an Aim title column may hold both ("Aim 1: Reduce ...", as
  Sefton's Word table does). Without a Section column there is one section.
- Without a Reference column, references are made up as "<aim>.<n>", with the
  section's number in front when the plan has more than one section.
"""

import re
from dataclasses import dataclass

from plans.models import Stage
from plans.rag import Status

from . import layout
from .guards import Row, Table

THEME = "Theme"
NOT_USED = ""
THEMES_SECTION = "Themes"
ONE_SECTION = "Plan"
# "Aim 1: Reduce first time entrants", "1. Reducing the harm", "Priority 3 - Education"
AIM_WITH_TITLE = re.compile(r"^(?P<aim>(?:[^\d\s][^\d]*?\s*)?\d+(?:\.\d+)*)\s*[:.\-\u2013)]\s*(?P<title>\S.*)$", re.S)

# The fields a column can fill, in the order the page offers them.
FIELDS = [
    layout.SECTION, layout.AIM, layout.AIM_TITLE, THEME, layout.HOW_WILL_WE_KNOW, layout.DESIRED_OUTCOME,
    layout.BUDGET, layout.BUDGET_SOURCE, layout.BUDGET_SPENT, layout.REFERENCE, layout.ACTION, layout.OWNERS, layout.TARGET, layout.STATUS, layout.STAGE,
    layout.COMMENTARY, layout.LAST_UPDATED, layout.UPDATED_BY,
]  # fmt: skip
HINTS = {
    THEME: "sections and aims from one column",
    layout.STATUS: "the RAG rating",
    layout.STAGE: "not started, in progress, completed, ongoing",
    layout.AIM: "a number, such as 1 or Priority 3",
    layout.BUDGET: "the aim's or priority's budget in pounds",
}

SYNONYMS = {
    "theme": THEME, "themes": THEME, "area": THEME, "workstream": THEME, "objective": THEME, "strategic aim": THEME,
    "strategic priority": THEME, "action": layout.ACTION, "actions": layout.ACTION, "task": layout.ACTION,
    "what we will do": layout.ACTION, "activity": layout.ACTION, "progress": layout.STAGE, "stage": layout.STAGE,
    "implementation stage": layout.STAGE, "state": layout.STAGE, "comment": layout.COMMENTARY,
    "comments": layout.COMMENTARY, "update": layout.COMMENTARY, "progress update": layout.COMMENTARY,
    "notes": layout.COMMENTARY, "lead": layout.OWNERS, "leads": layout.OWNERS, "lead officer": layout.OWNERS,
    "responsible": layout.OWNERS, "who": layout.OWNERS, "deadline": layout.TARGET, "due": layout.TARGET,
    "due date": layout.TARGET, "by when": layout.TARGET, "when": layout.TARGET,
    "target completion": layout.TARGET, "target completion date": layout.TARGET, "rag rating": layout.STATUS,
    "status": layout.STATUS, "no": layout.REFERENCE, "no.": layout.REFERENCE, "number": layout.REFERENCE,
    "id": layout.REFERENCE, "measure": layout.HOW_WILL_WE_KNOW, "measures": layout.HOW_WILL_WE_KNOW,
    "success measure": layout.HOW_WILL_WE_KNOW, "outcomes": layout.DESIRED_OUTCOME,
}  # fmt: skip

# Words any plan may use, read without asking: {word: (status, stage)}.
KNOWN_WORDS = {
    "red": (Status.RED, ""), "r": (Status.RED, ""), "amber": (Status.AMBER, ""), "a": (Status.AMBER, ""),
    "green": (Status.GREEN, ""), "g": (Status.GREEN, ""), "blue": (Status.BLUE, ""), "b": (Status.BLUE, ""),
    "not rated": ("", ""), "complete": (Status.BLUE, Stage.COMPLETED), "completed": (Status.BLUE, Stage.COMPLETED),
    "not started": ("", Stage.NOT_STARTED), "yet to start": ("", Stage.NOT_STARTED),
    "in progress": ("", Stage.IN_PROGRESS), "started": ("", Stage.IN_PROGRESS), "ongoing": ("", Stage.ONGOING),
    "complete (and ongoing)": (Status.BLUE, Stage.ONGOING), "completed and ongoing": (Status.BLUE, Stage.ONGOING),
}  # fmt: skip


def key(value):
    """A heading or word as matched: lower case, single spaces, no trailing "?" or ":"."""
    return " ".join(layout.text(value).lower().split()).rstrip("?:").strip()


def suggest(headings, remembered=None):
    """A field (or NOT_USED) for each heading: the partnership's last choice, then the
    plan layout's own names, then synonyms; a field is suggested once, for its first heading."""
    remembered = remembered or {}
    suggestions, taken = [], set()
    for heading in headings:
        name = key(heading)
        field = remembered.get(name)
        if field is None:
            field = layout.CANONICAL.get(layout._key(heading)) or SYNONYMS.get(name) or NOT_USED
        if field not in FIELDS or field in taken:
            field = NOT_USED
        taken.add(field)
        suggestions.append(field)
    return suggestions


def is_plan_layout(table, required):
    """The headings are the plan layout's own (an export, say): no mapping step needed."""
    names = [layout.CANONICAL.get(layout._key(heading)) for heading in table[0] if layout.text(heading)]
    return None not in names and len(set(names)) == len(names) and set(required) <= set(names)


def problems_with(columns):
    """What makes a chosen mapping unusable, as sentences for an error summary."""
    chosen = [field for field in columns if field]
    problems = [f"{field} is chosen for more than one column: choose it once"
                for field in FIELDS if chosen.count(field) > 1]
    if layout.ACTION not in chosen:
        problems.append("Choose the column that holds the actions")
    if THEME not in chosen and layout.AIM not in chosen:
        problems.append("Choose the column that holds the themes or the aims")
    return problems


def words_in(table, columns):
    """The distinct words in the Status and Stage columns, in the order they appear."""
    positions = [index for index, field in enumerate(columns) if field in (layout.STATUS, layout.STAGE)]
    words = {}
    for row in table[1:]:
        for index in positions:
            word = key(row[index]) if index < len(row) else ""
            if word:
                words.setdefault(word, layout.text(row[index]))
    return words  # {word as matched: as first written}


def suggest_words(words, remembered=None):
    """{word: (status, stage)} for each word: remembered, known or (blank, blank)."""
    remembered = remembered or {}
    suggestions = {}
    for word in words:
        if word in remembered:
            suggestions[word] = (remembered[word].get("status", ""), remembered[word].get("stage", ""))
        else:
            suggestions[word] = KNOWN_WORDS.get(word, ("", ""))
    return suggestions


def meaning(choice):
    """What a word was taken to mean, in words: "Blue, Ongoing", "Not rated"."""
    status = Status(choice["status"]).label if choice.get("status") else "Not rated"
    return f"{status}, {Stage(choice['stage']).label}" if choice.get("stage") else status


def needs_words_page(words):
    return any(word not in KNOWN_WORDS for word in words)


@dataclass
class Vocabulary:
    """The officer's reading of the file's words: {word: {"status": ..., "stage": ...}}."""

    words: dict
    wording: dict = None  # the plan's own labels for its statuses {code: label}

    def status(self, value):
        return self._read(value, "status", lambda cell: layout.read_status(cell, self.wording))

    def stage(self, value):
        return self._read(value, "stage", read_stage)

    def within(self, value, part):
        """The status or stage a word also gives ("Completed": Blue, Completed), or blank; never an error."""
        word = key(value)
        if word in self.words:
            return self.words[word].get(part, "")
        return KNOWN_WORDS.get(word, ("", ""))[0 if part == "status" else 1]

    def _read(self, value, part, fallback):
        word = key(value)
        if word in self.words:
            return self.words[word].get(part, "")
        if word in KNOWN_WORDS:
            return KNOWN_WORDS[word][0 if part == "status" else 1]
        return fallback(value)


def read_stage(value):
    word = key(value)
    for stage in Stage:
        if word in (stage.value.replace("_", " "), stage.label.lower()):
            return stage.value
    if not word:
        return ""
    raise ValueError(f"'{layout.text(value)}' is not a stage (Not started, In progress, Completed, Ongoing)")


def apply(table, columns):
    """The table in the plan layout: mapped columns renamed, unused ones dropped,
    a Theme column turned into sections and aims, references made up if missing.
    Row numbers and the guards' problems are kept, so messages point at the file."""
    header = table[0]
    used = [(index, field) for index, field in enumerate(columns) if field and index < len(header)]
    fields = [field for _, field in used]
    out_fields = [field for field in fields if field != THEME]
    theme = THEME in fields and layout.AIM not in fields
    split_aims = not theme and layout.AIM in fields and layout.AIM_TITLE not in fields
    if theme or split_aims:
        out_fields = [f for f in out_fields if f not in (layout.AIM, layout.AIM_TITLE)] + [layout.AIM, layout.AIM_TITLE]
    if layout.SECTION not in out_fields:
        out_fields.append(layout.SECTION)
    make_refs = layout.REFERENCE not in fields
    if make_refs:
        out_fields.append(layout.REFERENCE)
    result = Table()
    result.problems = list(getattr(table, "problems", []))
    result.append(Row(out_fields, getattr(header, "number", 1)))
    numbering = _Numbering()
    for row in table[1:]:
        values = {field: (row[index] if index < len(row) else None) for index, field in used}
        if layout.SECTION not in fields:
            values[layout.SECTION] = THEMES_SECTION if theme else ONE_SECTION
        if theme:
            values[layout.AIM], values[layout.AIM_TITLE] = numbering.theme(values.get(layout.SECTION), values.get(THEME))
        elif split_aims:
            values[layout.AIM], values[layout.AIM_TITLE] = split_aim(values.get(layout.AIM))
        if make_refs:
            values[layout.REFERENCE] = numbering.reference(values.get(layout.SECTION), values.get(layout.AIM))
        result.append(Row([values.get(field) for field in out_fields], getattr(row, "number", None)))
    if make_refs and len(numbering.sections) > 1:
        # Aim numbers repeat across sections: the section's number goes first.
        position = out_fields.index(layout.REFERENCE)
        for row, section in zip(result[1:], numbering.row_sections):
            row[position] = f"{numbering.sections.index(section) + 1}.{row[position]}"
    return result


def split_aim(value):
    """An aim cell that holds its title too: ("Aim 1", "Reduce ..."); a bare number has no title."""
    cell = layout.text(value)
    match = AIM_WITH_TITLE.match(cell)
    if match:
        return match["aim"], " ".join(match["title"].split())
    return cell, ""


class _Numbering:
    """Aim numbers for themes and made-up references, following blank cells that
    continue the row above (merged cells), as importer.describe reads them."""

    def __init__(self):
        self.section, self.theme_text, self.aim = "", "", ""
        self.aims = {}  # section -> {theme: number}
        self.sections, self.row_sections = [], []
        self.counts = {}

    def theme(self, section, theme):
        self.section = layout.text(section) or self.section
        self.theme_text = layout.text(theme) or self.theme_text
        if not self.theme_text:
            return None, None
        numbers = self.aims.setdefault(self.section, {})
        number = numbers.setdefault(self.theme_text.lower(), str(len(numbers) + 1))
        return f"Theme {number}", self.theme_text

    def reference(self, section, aim):
        self.section = layout.text(section) or self.section
        if self.section not in self.sections:
            self.sections.append(self.section)
        self.row_sections.append(self.section)
        if layout.text(aim):
            try:
                self.aim = layout.read_aim(aim)[1]
            except ValueError:
                self.aim = layout.text(aim)
        count = self.counts[(self.section, self.aim)] = self.counts.get((self.section, self.aim), 0) + 1
        return f"{self.aim or 0}.{count}"
