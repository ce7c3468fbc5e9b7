"""Write a plan to XLSX or CSV in the plan layout, the same file the site offers."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.models import Plan
from transfer import export


class Command(BaseCommand):
    help = "Export a plan (by slug) as XLSX or CSV in the plan layout."

    def add_arguments(self, parser):
        parser.add_argument("plan", help="The plan's slug (see the admin or the plan's address).")
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
        parser.add_argument("--output", type=Path, help="File to write (default: named after the plan).")

    def handle(self, *args, **options):
        plan = Plan.objects.filter(slug=options["plan"]).first()
        if plan is None:
            raise CommandError(f"No plan has the slug '{options['plan']}'.")
        kind = options["format"]
        content = export.plan_xlsx(plan) if kind == "xlsx" else export.plan_csv(plan)
        output = options["output"] or Path(export.filename(plan, kind))
        output.write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(content):,} bytes)."))
