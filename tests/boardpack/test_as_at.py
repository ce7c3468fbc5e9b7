"""A pack for a past quarter shows that quarter (issue 15, item 2): every field
as it stood at the quarter's end, from the history kept, whether or not the
quarter was closed."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import transaction

from boardpack.freeze import close_period
from boardpack.pack import pack_context
from plans.models import Action, Owner, ReviewNote

LONDON = zoneinfo.ZoneInfo("Europe/London")
FIELDS = [
    "reference", "description", "owner_names", "target_text", "target_month", "revised_target_month",
    "revised_target_reason", "recurrence", "status", "status_before", "direction", "commentary",
    "latest_update_at", "updated_this_period", "overdue", "due_soon", "completed_on", "review_notes",
]


def at(year, month, day, hour=10):
    return time_machine.travel(datetime.datetime(year, month, day, hour, tzinfo=LONDON), tick=False)


def described(context):
    """The pack as the board reads it: every action's fields, the counts and lists."""
    summary = context["summary"]
    return {
        "actions": {a.reference: {name: getattr(a, name) for name in FIELDS} for a in context["actions"]},
        "by_status": summary.by_status,
        "directions": summary.directions,
        "overdue": [a.reference for a in context["overdue"]],
        "completed": [a.reference for a in context["completed"]],
        "exceptions": [[a.reference for a in group["actions"]] for group in context["exceptions"]],
        "updated": len(summary.updated),
    }


class Rollback(Exception):
    pass


@pytest.fixture
def quarter_one(plan, aim, period, make_action, partnership, chair_user, officer_user):
    """Quarter 1 2022/23 as the partnership lived it, each step on its own date."""
    priya = Owner.objects.create(partnership=partnership, name="Priya Policy")
    sam = Owner.objects.create(partnership=partnership, name="Sam Social")
    with at(2022, 4, 5):
        slipping = make_action(
            reference="A1.1", owners=[priya], target_month=datetime.date(2022, 9, 1), status="green",
            recorded_at=datetime.datetime(2022, 4, 5, 10, tzinfo=LONDON),
        )
        first_rated = make_action(reference="A1.3", owners=[sam], target_month=datetime.date(2023, 1, 1))
        finished = make_action(
            reference="A1.4", owners=[priya, sam], target_month=datetime.date(2022, 5, 1), status="amber",
            recorded_at=datetime.datetime(2022, 4, 5, 10, tzinfo=LONDON),
        )
    with at(2022, 5, 10):
        slipping.record_update(
            status="amber", commentary="Staffing gap", author_name="Priya",
            revised_target_month=datetime.date(2022, 12, 1), revised_target_reason="Recruitment",
        )
        first_rated.record_update(status="amber", commentary="Rated at last", author_name="Sam")
        finished.record_update(status="blue", commentary="Done", author_name="Priya")
        ReviewNote.objects.create(action=slipping, period=period, author=chair_user, outcome="escalate", note="Risk")
    return {"slipping": slipping, "first_rated": first_rated, "finished": finished, "priya": priya, "sam": sam}


def later_changes(plan, aim, period, actions, chair_user):
    """What happened after the quarter: none of it belongs in its pack."""
    slipping, first_rated, finished = actions["slipping"], actions["first_rated"], actions["finished"]
    with at(2022, 7, 20):
        slipping.record_update(status="red", commentary="Stalled", author_name="Priya")
        ReviewNote.objects.create(action=slipping, period=period, author=chair_user, outcome="noted", note="Late note")
        Action.objects.create(plan=plan, aim=aim, reference="A1.9", description="Added in Q2")
    with at(2026, 3, 1):
        first_rated.record_update(
            status="amber", commentary="Still going", author_name="Sam",
            revised_target_month=datetime.date(2027, 2, 1), revised_target_reason="New commissioning",
        )
        slipping.refresh_from_db()
        slipping.description = "Agree the resettlement policy (reworded)"
        slipping.target_month = datetime.date(2023, 6, 1)
        slipping.save()
        slipping.owners.set([actions["sam"]])
        finished.record_update(status="green", commentary="Reopened", author_name="Priya")


def test_a_past_open_quarter_packs_field_for_field_as_if_closed_on_its_last_day(
    plan, aim, period, quarter_one, chair_user, officer_user
):
    with at(2022, 6, 30, hour=23):
        try:
            with transaction.atomic():
                close_period(period, officer_user, datetime.datetime.now(datetime.UTC))
                closed = described(pack_context(plan, period, datetime.date(2022, 6, 30)))
                raise Rollback
        except Rollback:
            pass
    later_changes(plan, aim, period, quarter_one, chair_user)

    with at(2026, 11, 29):
        period.refresh_from_db()
        assert not period.is_closed
        reopened = described(pack_context(plan, period, datetime.date(2026, 11, 29)))

    assert reopened == closed
    # And what the board read then, spelled out.
    a11 = reopened["actions"]["A1.1"]
    assert (a11["status"], a11["commentary"], a11["owner_names"]) == ("amber", "Staffing gap", ["Priya Policy"])
    assert (a11["target_month"], a11["revised_target_month"]) == (datetime.date(2022, 9, 1), datetime.date(2022, 12, 1))
    assert [note["note"] for note in a11["review_notes"]] == ["Risk"]
    assert reopened["actions"]["A1.3"]["revised_target_month"] is None
    assert reopened["actions"]["A1.4"]["status"] == "blue" and reopened["actions"]["A1.4"]["completed_on"]
    assert "A1.9" not in reopened["actions"]


def test_a_past_open_quarters_cover_dates_its_figures_to_the_quarters_end_not_today(plan, period, quarter_one):
    with at(2026, 11, 29):
        context = pack_context(plan, period, datetime.date(2026, 11, 29))
    assert context["data_as_at"].astimezone(LONDON).date() == datetime.date(2022, 6, 30)
    assert context["quarter_is_over"] and not context["is_frozen"]
