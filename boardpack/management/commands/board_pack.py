"""python manage.py board_pack --plan sefton-... --period 2022-Q1 --output pack.pdf"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from plans.models import Plan, ReportingPeriod
from plans.periods import Quarter

from ...services import build_pack, pack_pdf


class Command(BaseCommand):
    help = "Build the board pack PDF for a plan and a quarter, and keep it like the web button does."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="The plan's id or slug.")
        parser.add_argument("--period", required=True, help="The quarter, e.g. 2022-Q1.")
        parser.add_argument("--output", required=True, help="Where to write the PDF.")
        parser.add_argument(
            "--no-keep", action="store_true", help="Do not keep a copy in the tracker (drafts, tests)."
        )

    def handle(self, *args, plan, period, output, no_keep, **options):
        lookup = Q(slug=plan) | (Q(pk=int(plan)) if plan.isdigit() else Q())
        found = Plan.objects.filter(lookup).select_related("partnership").first()
        if found is None:
            raise CommandError(f"No plan with id or slug '{plan}'.")
        try:
            quarter = Quarter.from_slug(period)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        reporting_period = ReportingPeriod.objects.filter(
            partnership=found.partnership, year=quarter.year, quarter=quarter.number
        ).first()
        if reporting_period is None:
            raise CommandError(f"{quarter} has not been set up for {found.partnership}.")
        today = timezone.localdate()
        if no_keep:
            pdf, _ = pack_pdf(found, reporting_period, today)
            checksum = ""
        else:
            pack = build_pack(found, reporting_period, today, None)
            pdf, checksum = bytes(pack.pdf), f" (kept, sha256 {pack.sha256})"
        Path(output).write_bytes(pdf)
        self.stdout.write(f"Wrote {output}: {len(pdf):,} bytes{checksum}.")
