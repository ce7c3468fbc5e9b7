"""Load Sefton's Service Development Plan (April 2022) from the project's data file.

Idempotent: a second run changes nothing. Re-running after the plan officer has
edited the plan's text in the admin resets that text to the source file, but
progress updates added since are never touched.
"""

import datetime
from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from plans.loading import Tally, set_m2m, upsert
from plans.models import Action, Aim, GlossaryTerm, Owner, Partnership, Plan, RagStatus, Section
from plans.periods import Quarter
from plans.reporting import ensure_periods

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "sefton_plan.yaml"
# The comments in the plan describe progress at the end of 2021/22.
BASELINE = datetime.datetime(2022, 3, 31, 17, 0, tzinfo=datetime.UTC)
BASELINE_AUTHOR = "Service Development Plan, April 2022"


def month(value):
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    year, month_number = str(value).split("-")[:2]
    return datetime.date(int(year), int(month_number), 1)


class Command(BaseCommand):
    help = "Load (or refresh) the Sefton Service Development Plan, April 2022, and its reporting periods."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DATA_FILE)
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="Create reporting periods up to the quarter containing this date (default: today).",
        )

    def handle(self, *args, **options):
        try:
            data = yaml.safe_load(options["file"].read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from exc
        self.tally = Tally()
        today = options["today"] or timezone.localdate()
        with transaction.atomic():
            partnership = self.load_partnership(data["partnership"])
            owners = self.load_owners(partnership, data["owners"])
            self.load_chair(partnership, data["partnership"].get("chair"))
            plan = self.load_plan(partnership, data["plan"])
            self.load_rag_key(plan, data["rag_key"])
            for order, section in enumerate(data["sections"], start=1):
                self.load_section(plan, order, section, owners)
            self.load_glossary(plan, data.get("glossary", []))
            periods = ensure_periods(partnership, Quarter.containing(plan.period_start), Quarter.containing(today))
        for line in self.tally.lines():
            self.stdout.write(line)
        self.stdout.write(f"Reporting periods: {periods} created")
        actions = Action.objects.filter(plan=plan).count()
        aims = Aim.objects.filter(section__plan=plan).count()
        self.stdout.write(self.style.SUCCESS(f"Loaded '{plan}': {aims} aims, {actions} actions."))

    def load_partnership(self, data):
        return upsert(Partnership, self.tally, {"name": data["name"]}, {"slug": slugify(data["name"])})

    def load_owners(self, partnership, rows):
        owners = {}
        for row in rows:
            owners[row["key"]] = upsert(
                Owner,
                self.tally,
                {"partnership": partnership, "name": row["name"]},
                {
                    "kind": row.get("kind", "person"),
                    "job_title": row.get("job_title") or "",
                    "organisation": row.get("organisation") or "",
                },
            )
        return owners

    def load_chair(self, partnership, chair):
        """Link the chair; an owner record of the same name (the plan lists the
        chair as an owner too) is linked as it is, not overwritten."""
        if not chair:
            return
        person = Owner.objects.filter(partnership=partnership, name=chair["name"]).first()
        if person is None:
            person = upsert(
                Owner,
                self.tally,
                {"partnership": partnership, "name": chair["name"]},
                {"kind": "person", "job_title": chair.get("job_title", ""),
                 "organisation": chair.get("organisation", "")},
            )
        if partnership.chair_id != person.pk:
            partnership.chair = person
            partnership.save()

    def load_plan(self, partnership, data):
        return upsert(
            Plan,
            self.tally,
            {"slug": slugify(f"{data['title']} {data.get('published', '')}")},
            {
                "partnership": partnership,
                "title": data["title"],
                "published": data.get("published", ""),
                "period_start": data["period_start"],
                "period_end": data["period_end"],
                "status": Plan.State.ACTIVE,
                "foreword": (data.get("foreword") or "").strip(),
            },
        )

    def load_rag_key(self, plan, rows):
        for row in rows:
            upsert(
                RagStatus,
                self.tally,
                {"plan": plan, "code": row["code"]},
                {"label": row["label"], "description": row["description"].strip()},
            )

    def load_section(self, plan, order, data, owners):
        section = upsert(
            Section,
            self.tally,
            {"plan": plan, "title": data["title"]},
            {"order": order, "aim_label": data.get("aim_label", "Aim")},
        )
        for aim_order, aim_data in enumerate(data["aims"], start=1):
            aim = upsert(
                Aim,
                self.tally,
                {"section": section, "number": str(aim_data["number"])},
                {
                    "title": aim_data["title"].strip(),
                    "how_will_we_know": (aim_data.get("how_will_we_know") or "").strip(),
                    "desired_outcome": (aim_data.get("desired_outcome") or "").strip(),
                    "order": aim_order,
                },
            )
            for action_order, row in enumerate(aim_data.get("actions", []), start=1):
                self.load_action(plan, aim, action_order, row, owners)

    def load_action(self, plan, aim, order, row, owners):
        try:
            action_owners = [owners[key] for key in row.get("owners") or []]
        except KeyError as exc:
            raise CommandError(f"Action {row['ref']} names unknown owner {exc}.") from exc
        action = upsert(
            Action,
            self.tally,
            {"plan": plan, "reference": str(row["ref"])},
            {
                "aim": aim,
                "description": row["description"].strip(),
                "target_month": month(row.get("target_month")),
                "recurrence": row.get("recurrence") or "",
                "target_text": (row.get("target_text") or "").strip()[:200],
                # The owner cell as the plan wrote it, "TBC" included (issue 17).
                "owner_text": " ".join((row.get("owner_text") or "").split())[:500],
                "order": order,
                # In the plan since it was written, not since this database was loaded:
                # direction of travel calls an action "new" only if it was added later.
                "created_at": BASELINE,
            },
        )
        set_m2m(action.owners, action_owners)
        # The plan's "Comments and progress" is the action's first update, once.
        if not action.updates.exists():
            action.record_update(
                status=row.get("status") or "",
                commentary=(row.get("comment") or "").strip(),
                author_name=BASELINE_AUTHOR,
                recorded_at=BASELINE,
                status_derived=bool(row.get("status")),
                completed_on=BASELINE.date() if row.get("status") == "blue" else None,
            )

    def load_glossary(self, plan, rows):
        for row in rows:
            upsert(
                GlossaryTerm,
                self.tally,
                {"plan": plan, "term": row["term"].strip()},
                {"definition": row["definition"].strip()},
            )
