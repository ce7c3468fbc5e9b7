import datetime
import re

import pytest

from boardpack import as_at
from boardpack.freeze import PeriodAlreadyClosed, close_period
from boardpack.models import FrozenAction
from boardpack.services import build_pack, pack_pdf
from plans.models import Action, RagStatus

from .conftest import pdf_text, squash

CLOSED_AT = datetime.datetime(2022, 7, 20, 9, tzinfo=datetime.UTC)
LATER = datetime.date(2022, 8, 15)
NOW = datetime.datetime(2022, 8, 15, 12, tzinfo=datetime.UTC)  # never the real clock


def edit_everything(pack_plan):
    """What a plan officer might do after the meeting."""
    red = Action.objects.get(pk=pack_plan["red"].pk)
    red.record_update(
        status="green",
        commentary="Rewritten after the meeting",
        author_name="Officer",
        recorded_at=datetime.datetime(2022, 6, 29, 12, tzinfo=datetime.UTC),  # back-dated into Q1
    )
    red.description = "A different description"
    red.save()
    RagStatus.objects.filter(plan=pack_plan["plan"], code="red").update(description="Changed key wording")
    pack_plan["owner"].name = "Renamed Owner"
    pack_plan["owner"].save()


def test_closing_freezes_status_commentary_target_and_owners(pack_plan, period, officer_user):
    close_period(period, officer_user, CLOSED_AT)
    frozen = FrozenAction.objects.get(action=pack_plan["red"])
    assert frozen.status == "red"
    assert frozen.commentary == "Policy still with legal services"
    assert frozen.target_text == "April 2022"
    assert frozen.owner_names == ["Priya Policy"]
    period.refresh_from_db()
    assert period.closed_at == CLOSED_AT and period.closed_by == officer_user


def test_a_closed_periods_pack_stays_the_same_after_an_edit(pack_plan, period, officer_user):
    plan = pack_plan["plan"]
    close_period(period, officer_user, CLOSED_AT)
    before, _ = pack_pdf(plan, period, LATER, NOW)
    edit_everything(pack_plan)
    after, context = pack_pdf(plan, period, LATER, NOW)
    assert squash(pdf_text(after)) == squash(pdf_text(before))
    text = squash(pdf_text(after))
    assert "Rewritten after the meeting" not in text
    assert "Renamed Owner" not in text
    assert "Changed key wording" not in text
    # Closed on 20 July, after the quarter ended: the figures are each action as it
    # stood at the quarter's end, and the cover says so.
    assert context["is_frozen"] and context["data_as_at"] == as_at.moment_of(period)


def test_an_open_periods_pack_follows_the_edits(pack_plan, period):
    edit_everything(pack_plan)
    pdf, _ = pack_pdf(pack_plan["plan"], period, LATER, NOW)
    assert "Rewritten after the meeting" in squash(pdf_text(pdf))


def test_closing_does_not_change_the_pack(pack_plan, period, officer_user, review_note):
    before, _ = pack_pdf(pack_plan["plan"], period, LATER, NOW)
    close_period(period, officer_user, CLOSED_AT)
    after, _ = pack_pdf(pack_plan["plan"], period, LATER, NOW)
    # Only the cover's "data as at" and its open/closed note may differ.
    strip = lambda pdf: re.sub(r"Data as at .*? Chair ", "", squash(pdf_text(pdf)))  # noqa: E731
    assert "Data as at" not in strip(after)
    assert strip(after) == strip(before)


def test_a_period_cannot_be_closed_twice(pack_plan, period, officer_user):
    close_period(period, officer_user, CLOSED_AT)
    with pytest.raises(PeriodAlreadyClosed):
        close_period(period, officer_user, CLOSED_AT + datetime.timedelta(hours=1))
    assert FrozenAction.objects.count() == 4


def test_a_kept_pack_records_who_when_and_its_checksum(pack_plan, period, chair_user):
    import hashlib

    now = datetime.datetime(2022, 7, 21, 10, tzinfo=datetime.UTC)
    pack = build_pack(pack_plan["plan"], period, LATER, chair_user, now=now)
    pack.refresh_from_db()
    assert pack.created_by == chair_user and pack.created_by_name == "Chair Person"
    assert pack.created_at == now
    assert pack.sha256 == hashlib.sha256(bytes(pack.pdf)).hexdigest()
    assert bytes(pack.pdf).startswith(b"%PDF-")
