"""The chair and the plan officer record a meeting; members read it; owners cannot."""

import pytest
from django.urls import reverse

from meetings.models import ActionArising, AgendaItem, Attendance, Meeting

from .conftest import MEETING_DAY, exception_items


def new_meeting_data(plan, period, **overrides):
    data = {
        "plan": plan.pk, "period": period.pk, "held_on_0": "28", "held_on_1": "7", "held_on_2": "2022",
        "location": "Committee Room",
    }
    return data | overrides


def test_the_chair_records_a_meeting_and_its_agenda_is_drawn_up(client, chair_user, plan, period, exceptions_plan):
    client.force_login(chair_user)
    form = client.get(reverse("meetings:create"))
    assert form.status_code == 200
    # The quarter whose meeting is nearest is chosen, with its meeting date.
    assert f'<option value="{period.pk}" selected>' in form.text
    assert 'name="held_on_0" type="text" inputmode="numeric" value="28"' in form.text
    response = client.post(reverse("meetings:create"), new_meeting_data(plan, period))
    meeting = Meeting.objects.get()
    assert response.url == meeting.get_absolute_url()
    assert (meeting.partnership, meeting.held_on, meeting.created_by) == (plan.partnership, MEETING_DAY, chair_user)
    assert len(exception_items(meeting)) == 3
    page = client.get(response.url)
    assert "3 exceptions have no decision yet." in page.text


def test_a_meeting_without_a_date_shows_an_error_and_keeps_what_was_typed(client, chair_user, plan, period):
    client.force_login(chair_user)
    response = client.post(
        reverse("meetings:create"), new_meeting_data(plan, period, held_on_0="", held_on_1="", held_on_2="")
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert '<a href="#id_held_on_0">Enter the date of the meeting</a>' in response.text
    assert 'value="Committee Room"' in response.text
    assert not Meeting.objects.exists()


def test_a_second_meeting_on_the_same_day_is_refused(client, chair_user, meeting, plan, period):
    client.force_login(chair_user)
    response = client.post(reverse("meetings:create"), new_meeting_data(plan, period))
    assert "There is already a meeting on 28 July 2022" in response.text
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize("url_name", ["meetings:create"])
def test_members_and_owners_cannot_record_a_meeting(client, member_user, owner_user, url_name):
    for user in (member_user, owner_user):
        client.force_login(user)
        assert client.get(reverse(url_name)).status_code == 403


def test_members_read_a_meeting_but_cannot_change_it(client, member_user, meeting):
    client.force_login(member_user)
    page = client.get(meeting.get_absolute_url())
    assert page.status_code == 200
    assert "Record decision" not in page.text
    item = exception_items(meeting)[0]
    for url in [
        reverse("meetings:edit", args=[meeting.pk]),
        reverse("meetings:attendance", args=[meeting.pk]),
        reverse("meetings:decision", args=[item.pk]),
        reverse("meetings:arising_add", args=[meeting.pk]),
        reverse("meetings:item_add", args=[meeting.pk]),
    ]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url


def test_action_owners_cannot_see_meetings(client, owner_user, meeting):
    client.force_login(owner_user)
    assert client.get(reverse("meetings:index")).status_code == 403
    assert client.get(meeting.get_absolute_url()).status_code == 403
    assert client.get(reverse("meetings:minutes_pdf", args=[meeting.pk])).status_code == 403


def test_the_plan_officer_records_attendance_for_every_agency(client, officer_user, meeting, agencies):
    police, probation, social_care = agencies
    client.force_login(officer_user)
    url = reverse("meetings:attendance", args=[meeting.pk])
    form = client.get(url)
    assert 'value="Head of Probation"' in form.text  # each agency's usual representative, to confirm
    response = client.post(url, {
        f"agency-{police.pk}-representative": "Chair", f"agency-{police.pk}-status": "present",
        f"agency-{probation.pk}-representative": "Head of Probation", f"agency-{probation.pk}-status": "apologies",
        f"agency-{probation.pk}-deputy": "Senior Probation Officer",
        f"agency-{social_care.pk}-representative": "", f"agency-{social_care.pk}-status": "absent",
    })
    assert response.status_code == 302
    rows = {row.agency: row for row in meeting.attendance.all()}
    assert rows[police].represented and rows[probation].represented and not rows[social_care].represented
    assert rows[probation].deputy == "Senior Probation Officer"


def test_attendance_errors_name_the_agency_and_nothing_typed_is_lost(client, chair_user, meeting, agencies):
    police, probation, social_care = agencies
    client.force_login(chair_user)
    response = client.post(reverse("meetings:attendance", args=[meeting.pk]), {
        f"agency-{police.pk}-status": "present", f"agency-{police.pk}-deputy": "Inspector on the day",
        f"agency-{probation.pk}-status": "apologies", f"agency-{probation.pk}-deputy": "Senior Probation Officer",
        f"agency-{social_care.pk}-representative": "Head of Children's Social Care",
    })
    assert response.status_code == 200
    text = response.text
    assert "Merseyside Police: Leave the deputy blank: the representative was present" in text
    assert (
        f'<a href="#id_agency-{social_care.pk}-status">Sefton Council: Children&#x27;s Social Care: '
        "Select whether the agency was present, sent apologies or was absent</a>"
    ) in text
    assert 'value="Senior Probation Officer"' in text
    assert not Attendance.objects.exists()  # all or nothing


def test_a_decision_is_recorded_and_the_chair_goes_on_to_the_next_exception(client, chair_user, meeting):
    first, second, third = exception_items(meeting)
    client.force_login(chair_user)
    response = client.post(reverse("meetings:decision", args=[first.pk]), {"decision": "accepted"})
    assert response.url == reverse("meetings:decision", args=[second.pk])
    client.post(reverse("meetings:decision", args=[second.pk]), {"decision": "escalated", "decision_note": "Risk register"})
    response = client.post(reverse("meetings:decision", args=[third.pk]), {"decision": "accepted"})
    assert response.url == f"{meeting.get_absolute_url()}#agenda"
    first.refresh_from_db()
    assert (first.decision, first.decided_by) == ("accepted", chair_user)
    assert AgendaItem.objects.get(pk=second.pk).decision_note == "Risk register"


@pytest.mark.parametrize(
    "data, error",
    [
        ({}, "Select what the board decided"),
        ({"decision": "challenged", "decision_note": "  "}, "Enter a note saying why the board challenged the action"),
        ({"decision": "escalated"}, "Enter a note saying why the board escalated the action"),
        ({"decision": "accepted", "decision_note": "x" * 3001}, "at most 3000 characters"),
        ({"decision": "accepted", "decision_note": "Bad \x1b[31m paste"}, "Remove the hidden control character (U+001B)"),
    ],
)
def test_a_decision_that_cannot_be_saved_says_why(client, chair_user, meeting, data, error):
    item = exception_items(meeting)[0]
    client.force_login(chair_user)
    response = client.post(reverse("meetings:decision", args=[item.pk]), data)
    assert response.status_code == 200
    assert error in response.text
    item.refresh_from_db()
    assert item.decision == ""


def test_standing_items_can_be_changed_added_and_removed_but_exceptions_have_decisions(client, chair_user, meeting):
    client.force_login(chair_user)
    apologies = meeting.items.get(title="Apologies")
    client.post(reverse("meetings:item_edit", args=[apologies.pk]), {"title": "Apologies", "notes": "None received."})
    apologies.refresh_from_db()
    assert apologies.notes == "None received."
    client.post(reverse("meetings:item_add", args=[meeting.pk]), {"title": "Budget 2023/24", "notes": ""})
    assert [item.title for _, item in meeting.numbered_items()][-2:] == ["Budget 2023/24", "Any other business"]
    client.post(reverse("meetings:item_remove", args=[apologies.pk]))
    assert not meeting.items.filter(title="Apologies").exists()
    exception = exception_items(meeting)[0]
    assert client.get(reverse("meetings:item_edit", args=[exception.pk])).status_code == 404


def test_an_action_arising_is_added_for_an_owner_with_a_due_date(client, chair_user, meeting, owner_user):
    client.force_login(chair_user)
    item = exception_items(meeting)[0]
    response = client.post(reverse("meetings:arising_add", args=[meeting.pk]), {
        "description": "Bring a recovery plan to the next meeting", "owner": owner_user.owner.pk,
        "due_on_0": "27", "due_on_1": "10", "due_on_2": "2022", "item": item.pk,
    })
    assert response.status_code == 302
    action = ActionArising.objects.get()
    assert (action.owner, action.item, str(action.due_on)) == (owner_user.owner, item, "2022-10-27")


def test_an_action_arising_due_before_the_meeting_is_refused(client, chair_user, meeting, owner_user):
    client.force_login(chair_user)
    response = client.post(reverse("meetings:arising_add", args=[meeting.pk]), {
        "description": "Too late", "owner": owner_user.owner.pk, "due_on_0": "1", "due_on_1": "7", "due_on_2": "2022",
    })
    assert "Due date must be on or after the meeting (28 July 2022)" in response.text
    assert 'Too late</textarea>' in response.text
    assert not ActionArising.objects.exists()


def test_the_owner_sees_an_action_arising_on_my_actions_and_marks_it_done(client, meeting, owner_user):
    action = ActionArising.objects.create(
        meeting=meeting, description="Share the audit with probation", owner=owner_user.owner,
        due_on=MEETING_DAY.replace(day=30),
    )
    client.force_login(owner_user)
    page = client.get(reverse("my_actions"))
    assert "Actions arising from partnership meetings" in page.text
    assert "Share the audit with probation" in page.text
    assert "Overdue" in page.text  # due 30 July, today is 1 August
    response = client.post(reverse("meetings:arising_done", args=[action.pk]), {"done": "1", "next": "/my-actions/"})
    assert response.url == "/my-actions/"
    action.refresh_from_db()
    assert (action.done_on.isoformat(), action.done_by) == ("2022-08-01", owner_user)
    assert "Mark as open again" in client.get(reverse("my_actions")).text


def test_a_team_member_may_close_the_teams_action_arising_but_a_stranger_may_not(
    client, meeting, team, team_member_user, other_owner_user
):
    action = ActionArising.objects.create(meeting=meeting, description="Team task", owner=team, due_on=MEETING_DAY)
    client.force_login(other_owner_user)
    assert client.post(reverse("meetings:arising_done", args=[action.pk]), {"done": "1"}).status_code == 403
    client.force_login(team_member_user)
    client.post(reverse("meetings:arising_done", args=[action.pk]), {"done": "1", "next": "https://evil.example/"})
    action.refresh_from_db()
    assert action.is_done


def test_user_text_is_escaped_on_the_meeting_page_and_in_the_minutes(client, chair_user, meeting, owner_user):
    meeting.location = "<script>alert(1)</script>"
    meeting.save()
    ActionArising.objects.create(
        meeting=meeting, description="<b>bold</b> claim", owner=owner_user.owner, due_on=MEETING_DAY
    )
    client.force_login(chair_user)
    for url in (meeting.get_absolute_url(), reverse("meetings:minutes", args=[meeting.pk])):
        text = client.get(url).text
        assert "<script>alert(1)</script>" not in text and "<b>bold</b>" not in text
        assert "&lt;b&gt;bold&lt;/b&gt; claim" in text


def test_the_chair_changes_the_meetings_date_and_location_but_not_onto_another_meeting(
    client, chair_user, meeting, partnership, plan, period
):
    other = Meeting.objects.create(partnership=partnership, plan=plan, period=period, held_on=MEETING_DAY.replace(day=29))
    client.force_login(chair_user)
    url = reverse("meetings:edit", args=[meeting.pk])
    response = client.post(url, {"held_on_0": "29", "held_on_1": "7", "held_on_2": "2022", "location": "Online"})
    assert "There is already a meeting on 29 July 2022" in response.text
    client.post(url, {"held_on_0": "27", "held_on_1": "7", "held_on_2": "2022", "location": "Online"})
    meeting.refresh_from_db()
    assert (meeting.held_on.day, meeting.location) == (27, "Online")
    assert other.held_on.day == 29


def test_the_navigation_offers_meetings_to_members_but_not_to_action_owners(client, member_user, owner_user):
    client.force_login(member_user)
    assert 'href="/meetings/"' in client.get(reverse("home")).text
    client.force_login(owner_user)
    assert 'href="/meetings/"' not in client.get(reverse("my_actions")).text
