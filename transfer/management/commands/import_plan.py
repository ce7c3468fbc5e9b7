"""Bring a new plan in from a spreadsheet or a Word table (see docs/spreadsheets.md).

    python manage.py import_plan plan.xlsx --partnership "Sefton Youth Justice Partnership" \\
        --title "Youth Justice Plan 2023/24" --start 2023-04-01

A file in the plan layout is read as it is. Any other layout is read as the site
reads it (issue 17): headings matched by the partnership's last choices, then by
name and synonyms; --column "Heading=Field" changes a match ("Progress=Stage",
"Notes=" for not used); --word "Word=status[/stage]" says what a status word
means ("Complete (and ongoing)=blue/ongoing"). --table picks a Word document's
table (from 1). Nothing is saved if any row has a problem; --dry-run checks the
file and saves nothing.
"""

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from plans import text
from plans.models import Partnership, Plan, Stage
from plans.rag import Status
from transfer import importer, layout, mapping, workbook
from transfer.guards import SpreadsheetError, check_size, read_table
from transfer.models import ImportSettings


def year_later(day):
    return day.replace(year=day.year + 1) - datetime.timedelta(days=1)


def column_option(value):
    heading, separator, field = value.partition("=")
    if not separator or field.strip() not in (*mapping.FIELDS, mapping.NOT_USED):
        raise ValueError(value)
    return mapping.key(heading), field.strip()


def word_option(value):
    word, separator, meaning = value.rpartition("=")
    status, _, stage = meaning.strip().lower().partition("/")
    status = "" if status in ("", "not rated", "none") else status
    if not separator or status not in ("", *Status.values) or stage not in ("", *Stage.values):
        raise ValueError(value)
    return mapping.key(word), {"status": status, "stage": stage}


class Command(BaseCommand):
    help = "Create a new draft plan from an XLSX or CSV file, or a Word document's table, in any layout."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--partnership", required=True, help="The partnership's name or slug.")
        parser.add_argument("--create-partnership", action="store_true",
                            help="Create the partnership if there is none of that name.")
        parser.add_argument("--title", required=True)
        parser.add_argument("--start", required=True, type=datetime.date.fromisoformat,
                            help="First day of the plan, e.g. 2022-04-01.")
        parser.add_argument("--end", type=datetime.date.fromisoformat,
                            help="Last day of the plan (default: a year after the start).")
        parser.add_argument("--published", default="", help='As printed on the plan, e.g. "April 2022".')
        parser.add_argument("--foreword", default="", help="The plan's foreword or vision, if the file has none.")
        parser.add_argument("--table", type=int, default=1, help="A Word document's table holding the plan (from 1).")
        parser.add_argument("--column", action="append", default=[], type=column_option, metavar="HEADING=FIELD",
                            help=f"What a column holds: one of {', '.join(mapping.FIELDS)}, or nothing for not used.")
        parser.add_argument("--word", action="append", default=[], type=word_option, metavar="WORD=STATUS[/STAGE]",
                            help="What a status word means, e.g. 'On track=green' or 'Complete (and ongoing)=blue/ongoing'.")
        parser.add_argument("--copy", action="store_true",
                            help="Create the plan even if the partnership has one of that title and start.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and save nothing.")

    def handle(self, *args, **options):
        name = options["partnership"]
        partnership = Partnership.objects.filter(Q(name__iexact=name) | Q(slug=name)).first()
        if partnership is None and not options["create_partnership"]:
            raise CommandError(f"No partnership is called '{name}'. Add --create-partnership to create it.")
        start = options["start"]
        end = options["end"] or year_later(start)
        if end <= start:
            raise CommandError("--end must be after --start.")
        try:
            check_size(options["file"].stat().st_size)  # before reading it into memory
            table = read_table(options["file"].read_bytes(), options["file"].name, cell_limit=layout.cell_limit,
                               table=options["table"] - 1)
        except OSError as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from exc
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from exc
        remembered = (ImportSettings.objects.filter(partnership=partnership).first() if partnership else None) or \
            ImportSettings(columns={}, words={})
        columns, words = self.read_as(table, options, remembered)
        description = importer.describe(
            mapping.apply(table, columns) if columns is not None else table, partnership=partnership,
            plan_start=start, vocabulary=mapping.Vocabulary(words),
        )
        # An exported workbook's other sheets: RAG key, glossary, foreword and the full history.
        workbook.attach(description, workbook.read_extras(options["file"].read_bytes(), options["file"].name))
        description.foreword = description.foreword or self.checked_foreword(options["foreword"])
        if partnership and Plan.objects.filter(partnership=partnership, title__iexact=options["title"],
                                               period_start=start).exists() and not options["copy"]:
            raise CommandError(f"{partnership} already has a plan called '{options['title']}' starting {start}. "
                               "To bring in progress, upload the file as an update; add --copy for a second plan. "
                               "Nothing was saved.")
        if description.problems:
            for problem in description.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(description.problems)} problem(s) in {options['file']}; nothing was saved.")
        for note in description.notes:
            self.stdout.write(f"Note: {note}")
        for owner_name, email in description.new_owners.values():
            self.stdout.write(f"New owner: {owner_name}{f' <{email}>' if email else ''}")
        summary = (f"{len(description.sections)} sections, {len(description.aims)} aims, "
                   f"{len(description.actions)} actions, {len(description.new_owners)} new owners")
        if options["dry_run"]:
            self.stdout.write(self.style.SUCCESS(f"The file is ready to import: {summary}. Nothing was saved."))
            return
        with transaction.atomic():
            if partnership is None:
                partnership = importer.create_partnership(name)
                self.stdout.write(f"New partnership: {partnership.name}")
            plan = importer.create_plan(
                description, partnership=partnership, title=options["title"], period_start=start,
                period_end=end, published=options["published"], status_words=words,
            )
            if columns is not None:
                settings, _ = ImportSettings.objects.get_or_create(partnership=partnership)
                settings.columns.update({mapping.key(heading): field for heading, field in zip(table[0], columns)
                                         if mapping.key(heading)})
                settings.words.update(words)
                settings.save()
        self.stdout.write(self.style.SUCCESS(f"Created draft plan '{plan}' ({plan.slug}): {summary}."))

    def read_as(self, table, options, remembered):
        """(columns, words): columns None for a file in the plan layout, read as it is."""
        overrides = dict(options["column"])
        words = {**remembered.words, **dict(options["word"])}
        if mapping.is_plan_layout(table, importer.REQUIRED) and not overrides:
            return None, words
        known = {**remembered.columns, **overrides}
        columns = mapping.suggest(table[0], known)
        for heading, field in zip(table[0], columns):
            shown = layout.text(heading) or "(no heading)"
            self.stdout.write(f"Column {shown}: {f'read as {field}' if field else 'not used'}")
        problems = mapping.problems_with(columns)
        if problems:
            raise CommandError("; ".join(problems) + ". Say what a column holds with --column \"Heading=Field\"; "
                               "nothing was saved.")
        unknown = [word for word in mapping.words_in(table, columns) if word not in {**mapping.KNOWN_WORDS, **words}]
        if unknown:
            raise CommandError("Say what these status words mean with --word \"Word=status[/stage]\": "
                               + ", ".join(f"'{word}'" for word in unknown) + ". Nothing was saved.")
        return columns, words

    @staticmethod
    def checked_foreword(value):
        """The --foreword text, held to the same limits as the form's (length, no control characters)."""
        value = value.strip()
        try:
            for validator in text.text_validators(text.FOREWORD):
                validator(value)
        except ValidationError as exc:
            raise CommandError(f"--foreword: {' '.join(exc.messages)}") from exc
        return value
