"""Bounded text, cleaned at the door (issue 13): every free-text field has a limit and
refuses control characters, in forms, the admin and imports; the character count shows
the limit; long words wrap in the board pack; review notes keep their history."""

import datetime
import io
import re

import pytest
import time_machine
from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from pypdf import PdfReader

from boardpack.services import pack_pdf
from plans import text
from plans.models import Action, GlossaryTerm, Owner, Plan, ProgressUpdate, RagStatus, ReviewNote
from transfer import importer, layout

from .conftest import TODAY
from .transfer.conftest import plan_row

IN_QUARTER = datetime.datetime(2022, 5, 10, 12, tzinfo=datetime.UTC)
END_OF_QUARTER = datetime.date(2022, 6, 30)
WORD = "Unbroken" + "x" * 122  # 130 characters, as in the issue
SENTENCE = "The panel met and agreed the new resettlement policy; the team will report back next quarter. "
# Written by the code, never typed: a checksum, and a copy of a choice field.
NOT_TYPED = {("boardpack", "BoardPack", "sha256"), ("boardpack", "FrozenAction", "recurrence")}


def longest(limit, word=WORD):
    """Ordinary sentences with the long word in the middle: exactly ``limit`` characters,
    ending in a full stop (a form strips a trailing space, which would shorten it)."""
    filler = SENTENCE * (limit // len(SENTENCE) + 1)
    half = (limit - len(word) - 2) // 2
    return f"{filler[:half].rstrip()} {word} {filler}"[: limit - 1] + "."


def free_text_fields():
    for app in ("plans", "boardpack", "indicators"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for field in model._meta.get_fields():
                if isinstance(field, (models.SlugField, models.EmailField)) or getattr(field, "choices", None):
                    continue  # their own validators or choices already refuse anything odd
                if isinstance(field, (models.TextField, models.CharField)):
                    if (app, model.__name__, field.name) not in NOT_TYPED:
                        yield f"{app}.{model.__name__}.{field.name}", field


@pytest.fixture
def today():
    with time_machine.travel(datetime.datetime(2022, 5, 16, 10, tzinfo=datetime.UTC), tick=False):
        yield TODAY


# --- Models and the admin -----------------------------------------------------


def test_every_free_text_field_has_a_maximum_length_and_refuses_control_characters():
    fields = dict(free_text_fields())
    assert "plans.ReviewNote.note" in fields and "plans.ProgressUpdate.commentary" in fields
    for name, field in fields.items():
        assert text.no_control_characters in field.validators, name
        if isinstance(field, models.TextField):
            assert field.max_length, name
            assert any(isinstance(v, MaxLengthValidator) for v in field.validators), name


def test_the_real_sefton_plan_fits_within_every_limit(sefton):
    for model in (Plan, Owner, RagStatus, GlossaryTerm, Action, ProgressUpdate):
        for row in model.objects.all():
            row.clean_fields()  # raises ValidationError naming the field that does not fit


def test_a_model_refuses_text_over_its_limit_and_hidden_characters(make_action):
    action = make_action(description="x" * text.DESCRIPTION)
    action.full_clean(exclude=["plan"])
    action.description = "x" * (text.DESCRIPTION + 1)
    with pytest.raises(Exception, match="at most 1000 characters"):
        action.full_clean(exclude=["plan"])
    action.description = "Review the panel\x1b[31m"
    with pytest.raises(Exception, match="U\\+001B"):
        action.full_clean(exclude=["plan"])


# --- The owner's forms --------------------------------------------------------


@pytest.fixture
def owner_client(client, owner_user):
    client.force_login(owner_user)
    return client


@pytest.fixture
def owned(make_action, owner_user, period, today):
    return make_action(owners=[owner_user.owner], status="green", commentary="On track", recorded_at=IN_QUARTER)


def post_update(client, action, **data):
    return client.post(reverse("action_update", args=[action.pk]), {"version": action.version, **data})


def error_summary(html):
    return re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S).group(0)


def test_an_over_long_commentary_is_refused_with_the_limit_and_what_was_typed_is_kept(owner_client, owned):
    typed = longest(text.COMMENTARY + 1)
    response = post_update(owner_client, owned, status="amber", commentary=typed)

    assert response.status_code == 200
    html = response.content.decode()
    message = "Progress commentary must be 3,000 characters or less"
    assert message in error_summary(html)
    assert f'<p id="id_commentary-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {message}</p>' in html
    assert response.context["form"]["commentary"].value() == typed
    assert typed[-200:] in html  # back in the textarea, escaped
    assert owned.updates.count() == 1


def test_commentary_of_exactly_the_limit_is_saved_counting_each_new_line_once(owner_client, owned):
    # Browsers send new lines as CR LF; the character count counts them once, so must we.
    typed = "\r\n".join(["y" * 99] * 30)  # 30 lines: 2,999 characters with LF, 3,028 with CR LF
    response = post_update(owner_client, owned, status="amber", commentary=typed + "z")

    assert response.status_code == 302
    saved = owned.updates.first().commentary
    assert len(saved) == text.COMMENTARY and "\r" not in saved


@pytest.mark.parametrize("character, code", [("\x0b", "U+000B"), ("\x1b", "U+001B"), ("\x07", "U+0007"), ("\x00", "U+0000")])
def test_commentary_holding_a_control_character_is_refused_with_one_clear_message(owner_client, owned, character, code):
    response = post_update(owner_client, owned, status="amber", commentary=f"Delayed{character} by staffing")

    assert response.status_code == 200
    errors = response.context["form"].errors["commentary"]
    assert errors == [text.NoControlCharacters.message.format(code=code)]
    assert owned.updates.count() == 1


def test_an_over_long_reason_for_revising_the_target_is_refused(owner_client, owned):
    response = post_update(owner_client, owned, status="green", revised_target_month_0="11",
                           revised_target_month_1="2022", revised_target_reason="r" * (text.REASON + 1))
    assert response.context["form"].errors["revised_target_reason"] == [
        "Reason for revising the target must be 500 characters or less"
    ]


def test_an_over_long_no_change_note_is_refused_and_kept(owner_client, owned):
    typed = "n" * (text.COMMENTARY + 1)
    response = owner_client.post(reverse("action_no_change", args=[owned.pk]),
                                 {"no_change-version": owned.version, "no_change-note": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Note must be 3,000 characters or less" in html
    assert typed in html
    assert owned.updates.count() == 1


def test_the_update_form_shows_a_character_count_for_each_long_text(owner_client, owned):
    html = owner_client.get(reverse("action_update", args=[owned.pk])).content.decode()
    for name, limit in (("commentary", "3000"), ("revised_target_reason", "500")):
        assert f'govuk-character-count" data-module="govuk-character-count" data-maxlength="{limit}"' in html
        textarea = re.search(rf'<textarea[^>]*id="id_{name}"[^>]*>', html).group(0)
        assert "govuk-js-character-count" in textarea
        assert f'aria-describedby="id_{name}-info id_{name}-hint' in textarea or f'aria-describedby="id_{name}-info"' in textarea
        assert "maxlength" not in textarea  # a browser's limit would cut a paste short without saying so
    assert '<div id="id_commentary-info" class="govuk-hint govuk-character-count__message">You can enter up to 3,000 characters</div>' in html
    detail = owner_client.get(owned.get_absolute_url()).content.decode()
    assert 'id="id_no_change-note-info"' in detail


# --- Review notes -------------------------------------------------------------


@pytest.fixture
def chair_client(client, chair_user):
    client.force_login(chair_user)
    return client


def test_an_over_long_review_note_is_refused_with_a_character_count_and_kept(chair_client, owned):
    url = reverse("review:add_note", args=[owned.pk])
    assert 'data-module="govuk-character-count" data-maxlength="3000"' in chair_client.get(url).content.decode()
    typed = longest(text.NOTE + 1)
    response = chair_client.post(url, {"outcome": "challenge", "note": typed})

    assert response.status_code == 200
    assert "Note must be 3,000 characters or less" in error_summary(response.content.decode())
    assert response.context["form"]["note"].value() == typed
    assert not ReviewNote.objects.exists()


def test_a_review_note_with_a_terminal_escape_is_refused(chair_client, owned):
    response = chair_client.post(reverse("review:add_note", args=[owned.pk]),
                                 {"outcome": "challenge", "note": "Why\x1b[2J is this red?"})
    assert "U+001B" in error_summary(response.content.decode())
    assert not ReviewNote.objects.exists()


def test_editing_or_deleting_a_review_note_in_the_admin_leaves_who_and_what(client, officer_user, chair_user, owned):
    note = ReviewNote.objects.create(action=owned, author=chair_user, outcome="challenge", note="Why is this red?")
    client.force_login(officer_user)
    change = reverse("admin:plans_reviewnote_change", args=[note.pk])
    data = {"action": owned.pk, "period": "", "author": chair_user.pk, "outcome": "noted",
            "note": "Seen.", "created_at_0": "2022-05-16", "created_at_1": "10:00:00"}

    refused = client.post(change, {**data, "note": "Seen.\x07"})
    assert refused.status_code == 200 and "U+0007" in refused.content.decode()
    assert client.post(change, data).status_code == 302
    history_page = client.get(reverse("admin:plans_reviewnote_history", args=[note.pk])).content.decode()
    assert officer_user.username in history_page
    assert client.post(reverse("admin:plans_reviewnote_delete", args=[note.pk]), {"post": "yes"}).status_code == 302

    history = list(ReviewNote.history.filter(id=note.pk).order_by("history_date", "history_id"))
    assert [(h.history_type, h.note, h.history_user) for h in history] == [
        ("+", "Why is this red?", None),
        ("~", "Seen.", officer_user),
        ("-", "Seen.", officer_user),
    ]


# --- Imports ------------------------------------------------------------------


def test_the_plan_import_refuses_cells_over_the_models_limits(partnership):
    table = [layout.COLUMNS, plan_row(action="a" * (text.DESCRIPTION + 1), latest_commentary="c" * (text.COMMENTARY + 1),
                                      desired_outcome="d" * (text.AIM_TEXT + 1))]
    description = importer.describe(table, partnership=partnership, plan_start=datetime.date(2022, 4, 1))
    problems = {(p.column, p.message) for p in description.problems}
    assert ("Action", "this is 1,001 characters; the most allowed is 1,000") in problems
    assert ("Latest commentary", "this is 3,001 characters; the most allowed is 3,000") in problems
    assert ("Desired outcome", "this is 2,001 characters; the most allowed is 2,000") in problems
    assert importer.LIMITS["Reference"] == Action._meta.get_field("reference").max_length


# --- The board pack -----------------------------------------------------------


def pages_and_lines(pdf):
    reader = PdfReader(io.BytesIO(bytes(pdf)))
    return len(reader.pages), [line for page in reader.pages for line in page.extract_text().splitlines()]


def test_a_long_word_wraps_inside_its_cell_in_the_board_pack(plan, period, make_action):
    make_action(status="red", description=f"Review {WORD} the panel", commentary=f"Delayed {WORD} again",
                recorded_at=IN_QUARTER)
    pdf, _ = pack_pdf(plan, period, END_OF_QUARTER)
    _, lines = pages_and_lines(pdf)

    assert WORD in "".join("".join(lines).split())  # all of it is there, in order
    longest_run = max(len(run) for line in lines for run in re.findall("x+", line))
    assert longest_run < 100  # broken over lines, not drawn across the next columns or off the page


def test_the_longest_commentaries_are_shortened_in_the_pack_and_point_to_the_whole_update(
    plan, period, make_action
):
    actions = [make_action(status="red", commentary="Delayed by staffing", recorded_at=IN_QUARTER) for _ in range(12)]
    before, _ = pages_and_lines(pack_pdf(plan, period, END_OF_QUARTER)[0])
    for action in actions:
        action.record_update(status="red", commentary=longest(text.COMMENTARY), author_name="Test",
                             recorded_at=IN_QUARTER + datetime.timedelta(hours=1))
    after, lines = pages_and_lines(pack_pdf(plan, period, END_OF_QUARTER)[0])

    flowing = " ".join(" ".join(lines).split())
    # Printed twice (the exceptions, the plan in full), each time shortened and saying where the rest is.
    assert flowing.count("shortened for the pack") >= 2 * len(actions)
    assert flowing.count("3,000 characters, is on the action's page") >= 2 * len(actions)
    # Measured: 12 actions at the limit added 14 pages (printed in full, 3 of them had added 12).
    # A 2.4 MB commentary once made 2,519 pages.
    assert after <= before + 1.5 * len(actions), (before, after)
