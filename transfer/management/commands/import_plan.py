"""Bring a new plan in from a spreadsheet in the plan layout (see docs/spreadsheets.md).

    python manage.py import_plan plan.xlsx --partnership "Sefton Youth Justice Partnership" \
        --title "Youth Justice Plan 2023/24" --start 2023-04-01

Nothing is saved if any row has a problem; --dry-run checks the file and saves nothing.
"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from plans.models import Partnership
from transfer import importer, layout
from transfer.guards import SpreadsheetError, check_size, read_table


def year_later(day):
    return day.replace(year=day.year + 1) - datetime.timedelta(days=1)


class Command(BaseCommand):
    help = "Create a new draft plan from an XLSX or CSV file in the plan layout."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--partnership", required=True, help="The partnership's name or slug.")
        parser.add_argument("--title", required=True)
        parser.add_argument("--start", required=True, type=datetime.date.fromisoformat,
                            help="First day of the plan, e.g. 2022-04-01.")
        parser.add_argument("--end", type=datetime.date.fromisoformat,
                            help="Last day of the plan (default: a year after the start).")
        parser.add_argument("--published", default="", help='As printed on the plan, e.g. "April 2022".')
        parser.add_argument("--dry-run", action="store_true", help="Check the file and save nothing.")

    def handle(self, *args, **options):
        name = options["partnership"]
        partnership = Partnership.objects.filter(Q(name__iexact=name) | Q(slug=name)).first()
        if partnership is None:
            raise CommandError(f"No partnership is called '{name}'. Create it in the admin first.")
        start = options["start"]
        end = options["end"] or year_later(start)
        if end <= start:
            raise CommandError("--end must be after --start.")
        try:
            check_size(options["file"].stat().st_size)  # before reading it into memory
            table = read_table(options["file"].read_bytes(), options["file"].name, cell_limit=layout.cell_limit)
        except OSError as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from exc
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from exc
        description = importer.describe(table, partnership=partnership, plan_start=start)
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
        plan = importer.create_plan(
            description, partnership=partnership, title=options["title"], period_start=start,
            period_end=end, published=options["published"],
        )
        self.stdout.write(self.style.SUCCESS(f"Created draft plan '{plan}' ({plan.slug}): {summary}."))
