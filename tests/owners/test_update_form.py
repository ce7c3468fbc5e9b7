import datetime

import pytest
from django.urls import reverse

from plans.forms import STALE_MESSAGE
from plans.models import Action
from plans.templatetags.govuk import error_anchor

D = datetime.date


def post_update(client, action, **data):
    data.setdefault("version", action.version)
    return client.post(reverse("action_update", args=[action.pk]), data)


@pytest.fixture
def owner_client(client, owner_user):
    client.force_login(owner_user)
    return client


def test_the_status_radios_use_the_plans_own_wording_as_hints(owner_client, owned_action):
    html = owner_client.get(reverse("action_update", args=[owned_action.pk])).content.decode()
    for hint in ("No progress", "Delayed, with a plan", "Progressing to time", "Completed"):
        assert f'class="govuk-hint govuk-radios__hint">{hint}</div>' in html
    assert 'value="green" checked' in html  # the current status is preselected


def test_saving_appends_an_update_and_the_action_follows_it(owner_client, owned_action, owner_user):
    response = post_update(owner_client, owned_action, status="amber", commentary="Trainer off sick")
    assert response.status_code == 302 and response.url == owned_action.get_absolute_url()
    owned_action.refresh_from_db()
    assert owned_action.status == "amber"
    latest = owned_action.updates.first()
    assert (latest.commentary, latest.author, latest.author_name) == ("Trainer off sick", owner_user, "Olive Owner")
    assert owned_action.updates.count() == 2  # the baseline is still there


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"commentary": "x"}, "status", "Select the action's status"),
        ({"status": "red"}, "commentary", "Enter commentary explaining why the action is Red"),
        ({"status": "amber"}, "commentary", "Enter commentary explaining why the action is Amber"),
        ({"status": "blue", "completed_on_0": "1", "completed_on_1": "5", "completed_on_2": "2022"},
         "commentary", "Enter commentary explaining why the status has changed from Green to Blue"),
        ({"status": "green", "revised_target_month_0": "11", "revised_target_month_1": "2022"},
         "revised_target_reason", "Enter the reason for revising the target"),
        ({"status": "green", "revised_target_reason": "Staff shortage"},
         "revised_target_month", "Enter the revised target month, or delete the reason"),
        ({"status": "green", "revised_target_month_0": "13", "revised_target_month_1": "2022", "revised_target_reason": "x"},
         "revised_target_month", "Revised target must be a real month and year, for example 3 2027"),
        ({"status": "green", "revised_target_month_0": "4", "revised_target_month_1": "2022", "revised_target_reason": "x"},
         "revised_target_month", "Revised target must be this month or later"),
        ({"status": "blue", "commentary": "Done", "completed_on_0": "", "completed_on_1": "", "completed_on_2": ""},
         "completed_on", "Enter the date the action was completed"),
        ({"status": "blue", "commentary": "Done", "completed_on_0": "31", "completed_on_1": "2", "completed_on_2": "2022"},
         "completed_on", "Completion date must be a real date"),
        ({"status": "blue", "commentary": "Done", "completed_on_0": "17", "completed_on_1": "5", "completed_on_2": "2022"},
         "completed_on", "Completion date must be today or in the past"),
    ],
)
def test_each_mistake_gets_its_message_in_the_summary_and_beside_the_field(
    owner_client, owned_action, data, field, message
):
    response = post_update(owner_client, owned_action, **data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field] == [message]
    html = response.content.decode().replace("&#x27;", "'")
    assert 'class="govuk-error-summary"' in html
    assert f'href="#{error_anchor(form[field])}">{message}</a>' in html  # summary links to the field
    assert f'id="{error_anchor(form[field])}"' in html
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}</p>' in html
    assert "<title>Error: " in html
    assert owned_action.updates.count() == 1


def test_commentary_is_optional_when_a_green_action_stays_green(owner_client, owned_action):
    assert post_update(owner_client, owned_action, status="green").status_code == 302
    assert Action.objects.get(pk=owned_action.pk).version == owned_action.version + 1


def test_date_errors_link_to_the_first_part_of_the_date(owner_client, owned_action):
    response = post_update(owner_client, owned_action, status="blue", commentary="Done")
    assert 'href="#id_completed_on_0">Enter the date the action was completed</a>' in response.content.decode()


def test_a_revised_target_keeps_the_original_and_records_the_reason(owner_client, owned_action):
    post_update(
        owner_client, owned_action, status="amber", commentary="Delayed",
        revised_target_month_0="12", revised_target_month_1="2022", revised_target_reason="Trainer left",
    )
    owned_action.refresh_from_db()
    assert owned_action.target_month == D(2022, 9, 1)
    assert (owned_action.revised_target_month, owned_action.revised_target_reason) == (D(2022, 12, 1), "Trainer left")
    page = owner_client.get(owned_action.get_absolute_url()).content.decode()
    assert "September 2022" in page and "December 2022" in page and "Trainer left" in page


def test_completing_records_the_completion_date_given(owner_client, owned_action):
    post_update(
        owner_client, owned_action, status="blue", commentary="All staff trained",
        completed_on_0="3", completed_on_1="5", completed_on_2="2022",
    )
    owned_action.refresh_from_db()
    assert (owned_action.status, owned_action.completed_on) == ("blue", D(2022, 5, 3))


def test_a_stale_form_is_refused_showing_the_other_update_and_keeping_the_typed_text(
    owner_client, owned_action, officer_user
):
    opened_at = owned_action.version
    owned_action.record_update(status="red", commentary="Officer: funding withdrawn", author=officer_user)
    response = post_update(
        owner_client, owned_action, version=opened_at, status="green", commentary="My long careful update",
    )
    assert response.status_code == 409
    html = response.content.decode().replace("&#x27;", "'")
    assert STALE_MESSAGE in html
    assert "Officer: funding withdrawn" in html  # their update is shown
    assert "My long careful update</textarea>" in html  # my text is kept
    assert 'value="green" checked' in html
    assert Action.objects.get(pk=owned_action.pk).status == "red"
    # Having read their update, saving again works: the form moved on to the current version.
    assert response.context["form"]["version"].value() == owned_action.version
    again = post_update(owner_client, owned_action, version=opened_at + 1, status="green", commentary="My update")
    assert again.status_code == 302


def test_no_change_is_one_click_and_keeps_status_and_target(owner_client, owned_action):
    response = owner_client.post(
        reverse("action_no_change", args=[owned_action.pk]), {"no_change-version": owned_action.version}
    )
    assert response.status_code == 302
    latest = owned_action.updates.first()
    assert (latest.no_change, latest.status, latest.commentary) == (True, "green", "")
    assert Action.objects.get(pk=owned_action.pk).version == owned_action.version + 1


def test_no_change_can_carry_a_note(owner_client, owned_action):
    owner_client.post(
        reverse("action_no_change", args=[owned_action.pk]),
        {"no_change-version": owned_action.version, "no_change-note": "Waiting for the board"},
    )
    assert owned_action.updates.first().commentary == "Waiting for the board"


def test_a_stale_no_change_is_refused_and_keeps_the_note(owner_client, owned_action, officer_user):
    opened_at = owned_action.version
    owned_action.record_update(status="amber", commentary="Officer: delayed", author=officer_user)
    response = owner_client.post(
        reverse("action_no_change", args=[owned_action.pk]),
        {"no_change-version": opened_at, "no_change-note": "Still waiting"},
    )
    assert response.status_code == 409
    html = response.content.decode().replace("&#x27;", "'")
    assert STALE_MESSAGE in html and "Officer: delayed" in html and "Still waiting</textarea>" in html
    assert owned_action.updates.count() == 2


def test_a_team_member_updates_the_teams_action_under_their_own_name(client, team_member_user, team_action):
    client.force_login(team_member_user)
    post_update(client, team_action, status="green", commentary="Database live")
    latest = team_action.updates.first()
    assert (latest.status, latest.author_name) == ("green", "Tam Teammate")


def test_user_text_is_escaped(owner_client, owned_action):
    post_update(owner_client, owned_action, status="amber", commentary="<script>alert(1)</script>")
    html = owner_client.get(owned_action.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
