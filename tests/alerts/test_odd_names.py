"""send_alerts against odd names and unsendable messages (issue 13): a line break
in a partnership's name stopped every digest; one bad address must stop only
its own; and --dry-run must fail exactly where a real run would."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from alerts.emails import header_safe
from plans.models import Owner, Partnership, Plan
from plans.rag import Status

APRIL = datetime.date(2022, 4, 1)
BAD_ADDRESS = "stranger@example.org\nBcc: everyone@example.org"


@pytest.fixture
def two_overdue(make_action, periods, olive, other_owner_user):
    """Stan's action first, so his digest is built before Olive's."""
    stan = make_action(owners=[other_owner_user.owner], target_month=APRIL, status=Status.RED)
    mine = make_action(owners=[olive], target_month=APRIL, status=Status.AMBER)
    return stan, mine


@pytest.mark.parametrize("text, safe", [
    ("Testshire\r\nYouth Justice\nPartnership", "Testshire Youth Justice Partnership"),
    ("Tab\there\u2028and\x0bthere\x00", "Tab here and there"),
    ("  plain  ", "plain"),
])
def test_a_header_is_always_one_clean_line(text, safe):
    assert header_safe(text) == safe


def test_a_line_break_in_the_partnership_plan_and_owner_names_still_sends_every_digest(
    two_overdue, partnership, plan, olive, chair_user, run, mailoutbox, sent
):
    Partnership.objects.filter(pk=partnership.pk).update(name="Testshire\r\nYouth Justice\nPartnership")
    Plan.objects.filter(pk=plan.pk).update(title="Testshire\nPlan")
    Owner.objects.filter(pk=olive.pk).update(name="Olive\r\nOwner")
    out = run("2022-05-02")
    assert sorted(message.to[0] for message in mailoutbox) == ["owner@example.org", "stranger@example.org"]
    assert {message.subject for message in mailoutbox} == {
        "1 action needs your attention – Testshire Youth Justice Partnership"
    }
    assert "sent 2 email(s); 0 failed" in out
    assert len(sent()) == 2


def test_one_unsendable_digest_is_reported_and_the_rest_are_still_sent(two_overdue, run, mailoutbox, sent):
    get_user_model().objects.filter(username="stranger").update(email=BAD_ADDRESS)
    with pytest.raises(CommandError, match="1 email") as failure:
        run("2022-05-02")
    assert "stranger@example.org" in str(failure.value)
    assert [message.to for message in mailoutbox] == [["owner@example.org"]]
    assert [row[0] for row in sent()] == ["owner@example.org"]  # the bad one is tried again next run


def test_dry_run_fails_on_the_same_message_as_a_real_run_and_sends_nothing(
    two_overdue, run, capsys, mailoutbox, sent
):
    get_user_model().objects.filter(username="stranger").update(email=BAD_ADDRESS)
    with pytest.raises(CommandError) as dry:
        run("2022-05-02", dry_run=True)
    dry_out = capsys.readouterr().out
    assert mailoutbox == [] and sent() == []
    with pytest.raises(CommandError) as real:
        run("2022-05-02")
    assert "could not be built" in str(dry.value) and "could not be sent" in str(real.value)
    failed_lines = [str(error.value).split(":", 1)[1] for error in (dry, real)]
    assert failed_lines[0] == failed_lines[1]  # the same address, the same reason
    assert "Would send to Olive Owner <owner@example.org>" in dry_out
    assert "would send 1 email(s); 1 failed" in dry_out
    assert [message.to for message in mailoutbox] == [["owner@example.org"]]
