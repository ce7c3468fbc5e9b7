"""The loaded plan must match Appendix 3 of the Sefton Youth Justice Plan."""

import datetime
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from plans.models import Action, Aim, GlossaryTerm, Owner, ProgressUpdate, ReportingPeriod

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "002_fb250d5d28268091.txt"


def squash(text):
    """Collapse whitespace, and line breaks after a hyphen, as the PDF extraction split them."""
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text)).strip()


@pytest.fixture(scope="module")
def source():
    if not SEED.exists():
        pytest.skip(f"the source document is not beside the repository ({SEED})")
    return squash(SEED.read_text(encoding="utf-8"))


def test_the_whole_plan_is_loaded(sefton):
    assert [s.title for s in sefton.sections.all()] == [
        "Youth Justice Standards 2021/22",
        "Sefton YJS Local Priorities 2021/22",
    ]
    assert Aim.objects.filter(section__plan=sefton, section__order=1).count() == 3
    assert Aim.objects.filter(section__plan=sefton, section__order=2).count() == 8
    assert Action.objects.filter(plan=sefton).count() == 59
    assert GlossaryTerm.objects.filter(plan=sefton).count() == 34
    assert ProgressUpdate.objects.filter(action__plan=sefton).count() == 59


def test_the_rag_key_keeps_the_plans_own_wording(sefton):
    wording = {code: rag.description for code, rag in sefton.rag_wording().items()}
    assert wording["red"].startswith("No progress towards completion. Needs evidence of action being taken")
    assert wording["amber"] == "Delayed, with evidence of plan to get back on track"
    assert wording["green"] == "Progressing to time, clear evidence of progress"
    assert wording["blue"] == "Completed"


def test_aim_one_has_its_success_measures(sefton, source):
    aim = Aim.objects.get(section__plan=sefton, section__order=1, number="1")
    assert str(aim) == "Aim 1: Reduce the Number of First Time Entrants"
    assert "FTE figures will reduce" in aim.how_will_we_know
    assert "divert children away from the criminal justice system" in squash(aim.desired_outcome)


@pytest.mark.parametrize(
    "ref, owners, target_month, recurrence, status, comment",
    [
        ("A1.1", {"Team Managers", "All YJS staff"}, datetime.date(2022, 3, 1), "", "blue",
         "OOCD assessment has been agreed, final session with team completed in March 2022."),
        ("A2.3", {"Ros Stanley", "Team Managers"}, datetime.date(2022, 5, 1), "", "red",
         "yet to agree a new template"),
        ("A1.6", {"Suzie Mossman"}, None, "ongoing", "blue", "Completed"),
        ("P1.1", {"All YJS staff"}, datetime.date(2022, 2, 1), "ongoing", "green",
         "YJS currently using NRM mechanism. Data is recorded."),
        ("P8.5", {"Quality Assurance and Audit Officer", "Sefton Comms"}, datetime.date(2022, 9, 1), "", "red",
         "Outstanding-requires Comms support"),
    ],
)
def test_actions_match_the_source(sefton, source, ref, owners, target_month, recurrence, status, comment):
    action = Action.objects.get(plan=sefton, reference=ref)
    assert {o.name for o in action.owners.all()} == owners
    assert (action.target_month, action.recurrence, action.status) == (target_month, recurrence, status)
    first = action.updates.get()
    assert comment in squash(first.commentary)
    assert squash(comment) in source  # the expected text really is the plan's
    assert first.status_derived and first.author_name == "Service Development Plan, April 2022"


def test_an_action_with_owner_tbc_has_no_owner_and_no_derived_status(sefton):
    action = Action.objects.get(plan=sefton, reference="P8.4")
    assert not action.owners.exists()
    assert action.status == "" and not action.updates.get().status_derived


def test_every_comment_is_the_plans_own_text(sefton, source):
    """Each comment's opening or closing words appear verbatim in the source (cells
    were interleaved across pages, so a whole comment is rarely contiguous)."""
    missing = []
    for update in ProgressUpdate.objects.filter(action__plan=sefton).exclude(commentary=""):
        words = squash(update.commentary).split()
        opening, closing = " ".join(words[:4]), " ".join(words[-4:])
        if opening not in source and closing not in source:
            missing.append((update.action.reference, opening))
    assert missing == []


def test_people_keep_their_job_titles_and_teams_are_teams(sefton):
    assert Owner.objects.get(name="Suzie Mossman").job_title == "Business Analyst"
    assert Owner.objects.get(name="Team Managers").is_team
    assert sefton.partnership.chair.name == "Graeme Robson"


def test_reporting_periods_run_from_the_plan_start_to_today(sefton):
    periods = ReportingPeriod.objects.filter(partnership=sefton.partnership)
    assert [p.slug for p in periods] == ["2022-Q1"]  # the fixture's today is 16 May 2022
    assert periods.get().update_deadline == datetime.date(2022, 6, 12)


def test_loading_twice_changes_nothing(sefton):
    def state():
        return (
            list(Action.objects.values_list("reference", "updated_at", "version", "status")),
            Action.history.count(),
            Owner.history.count(),
            ProgressUpdate.objects.count(),
        )

    before = state()
    out = StringIO()
    call_command("load_sefton_plan", today=datetime.date(2022, 5, 16), stdout=out)
    assert state() == before
    assert "actions: 0 created, 0 updated, 59 unchanged" in out.getvalue()


def test_reloading_restores_edited_text_but_keeps_progress(sefton, owner_user):
    action = Action.objects.get(plan=sefton, reference="A2.3")
    action.record_update(status="amber", commentary="Template agreed in principle", author=owner_user)
    Action.objects.filter(pk=action.pk).update(description="Edited by mistake")
    call_command("load_sefton_plan", today=datetime.date(2022, 5, 16), stdout=StringIO())
    action.refresh_from_db()
    assert action.description.startswith("Risk Management- Template to be revised")
    assert action.status == "amber" and action.updates.count() == 2
