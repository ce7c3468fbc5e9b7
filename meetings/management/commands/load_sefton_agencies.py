"""Load the partner agencies on Sefton's Youth Justice Partnership (Appendix 1 of
the Youth Justice Plan) from meetings/data/sefton_agencies.yaml.

Run after load_sefton_plan. Idempotent: a second run changes nothing; agencies
the plan officer adds in the admin are never touched.
"""

from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from meetings.models import Agency
from plans.loading import Tally, upsert
from plans.models import Partnership

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "sefton_agencies.yaml"


class Command(BaseCommand):
    help = "Load (or refresh) the partner agencies on Sefton's Youth Justice Partnership."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DATA_FILE)

    def handle(self, *args, **options):
        try:
            data = yaml.safe_load(options["file"].read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from exc
        partnership = Partnership.objects.filter(name=data["partnership"]).first()
        if partnership is None:
            raise CommandError(f"No partnership '{data['partnership']}': run load_sefton_plan first.")
        tally = Tally()
        with transaction.atomic():
            for order, row in enumerate(data["agencies"], start=1):
                upsert(
                    Agency,
                    tally,
                    {"partnership": partnership, "name": row["name"]},
                    {"representative": row.get("representative", ""), "order": order},
                )
        for line in tally.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Loaded {len(data['agencies'])} agencies."))
