"""Load Sefton's national performance indicators (Youth Justice Plan 2021/22,
section 7) from indicators/data/sefton_indicators.yaml.

Run after load_sefton_plan: indicators are linked to the plan's aims. Idempotent:
a second run changes nothing. Re-running resets the loaded figures to the source
file; figures for other periods or areas added in the admin or by import are
never touched.
"""

from decimal import Decimal
from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from indicators.models import Area, Indicator, IndicatorPeriod, IndicatorValue
from plans.loading import Tally, set_m2m, upsert
from plans.models import Aim, Partnership

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "sefton_indicators.yaml"


class Command(BaseCommand):
    help = "Load (or refresh) Sefton's performance indicators and YOT-family comparators."

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
        self.tally = Tally()
        with transaction.atomic():
            areas = self.load_areas(partnership, data["areas"])
            periods = self.load_periods(data["periods"])
            aims = self.aims_by_number(partnership, data["aims_section"])
            for order, row in enumerate(data["indicators"], start=1):
                self.load_indicator(partnership, order, row, areas, periods, aims, data["document"])
        for line in self.tally.lines():
            self.stdout.write(line)
        count = IndicatorValue.objects.filter(indicator__partnership=partnership).count()
        self.stdout.write(self.style.SUCCESS(f"Loaded {len(data['indicators'])} indicators, {count} values."))

    def load_areas(self, partnership, rows):
        return {
            row["name"]: upsert(
                Area,
                self.tally,
                {"partnership": partnership, "name": row["name"]},
                {"kind": row["kind"], "region": row.get("region", ""), "order": order},
            )
            for order, row in enumerate(rows, start=1)
        }

    def load_periods(self, rows):
        return {
            row["key"]: upsert(
                IndicatorPeriod, self.tally, {"start": row["start"], "end": row["end"]}, {"label": row["label"]}
            )
            for row in rows
        }

    def aims_by_number(self, partnership, section_title):
        aims = Aim.objects.filter(section__plan__partnership=partnership, section__title=section_title)
        found = {aim.number: aim for aim in aims}
        if not found:
            raise CommandError(f"No aims in section '{section_title}': run load_sefton_plan first.")
        return found

    def load_indicator(self, partnership, order, row, areas, periods, aims, document):
        indicator = upsert(
            Indicator,
            self.tally,
            {"partnership": partnership, "slug": row["slug"]},
            {
                "name": row["name"],
                "definition": row["definition"].strip(),
                "unit": row["unit"],
                "better": row["better"],
                "decimal_places": row["decimal_places"],
                "source": "; ".join(dict.fromkeys(f"{document}, {table['source']}" for table in row["tables"])),
                "order": order,
            },
        )
        try:
            set_m2m(indicator.aims, [aims[number] for number in row.get("aims", [])])
        except KeyError as exc:
            raise CommandError(f"Indicator {row['slug']} names unknown aim {exc}.") from exc
        for table in row["tables"]:
            for line in table["rows"]:
                for key, value in zip(table["periods"], line["values"], strict=True):
                    if value is None:  # "-" in the source: no figure published
                        continue
                    upsert(
                        IndicatorValue,
                        self.tally,
                        {"indicator": indicator, "period": periods[key], "area": areas[line["area"]]},
                        {
                            "value": Decimal(str(value)),
                            "source": f"{document}, {table['source']}",
                            "note": line.get("note", ""),
                        },
                    )

