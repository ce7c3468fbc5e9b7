import pytest
from django.urls import reverse

from plans.models import ReviewNote


@pytest.fixture
def action(make_action, owner_user):
    return make_action(reference="A1", owners=[owner_user.owner], status="red")


def note_url(action):
    return reverse("review:add_note", args=[action.pk])


@pytest.mark.parametrize("who", ["chair_user", "member_user", "officer_user"])
def test_the_chair_members_and_the_plan_officer_record_a_note(request, signed_in, action, period, who):
    user = request.getfixturevalue(who)
    client = signed_in(user)

    assert client.get(note_url(action)).status_code == 200
    response = client.post(note_url(action), {"outcome": "challenge", "note": "Why is this still red?"})

    assert response.status_code == 302
    note = ReviewNote.objects.get()
    assert (note.action, note.period, note.author, note.outcome) == (action, period, user, "challenge")
    assert note.note == "Why is this still red?"


@pytest.mark.parametrize("who", ["owner_user", "team_member_user", "other_owner_user"])
def test_action_owners_cannot_write_review_notes(request, signed_in, action, who):
    client = signed_in(request.getfixturevalue(who))

    assert client.get(note_url(action)).status_code == 403
    assert client.post(note_url(action), {"outcome": "noted", "note": "Fine"}).status_code == 403
    assert not ReviewNote.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, action):
    response = client.post(note_url(action), {"outcome": "noted", "note": "Fine"})

    assert response.status_code == 302
    assert not ReviewNote.objects.exists()


def test_request_update_is_recorded_for_the_owner_to_see(signed_in, chair_user, action, period):
    signed_in(chair_user).post(note_url(action), {"outcome": "request_update", "note": "Update before the meeting"})

    assert ReviewNote.objects.get().outcome == ReviewNote.Outcome.REQUEST_UPDATE


def test_a_note_without_an_outcome_or_text_is_refused_with_errors(signed_in, chair_user, action):
    response = signed_in(chair_user).post(note_url(action), {"outcome": "", "note": "   "})

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Select the outcome of the review" in html
    assert "Enter a note for the action owner" in html
    assert not ReviewNote.objects.exists()


def test_after_saving_the_chair_returns_to_the_filtered_list(signed_in, chair_user, action):
    back = reverse("review:action_list") + "?status=red&sort=target"

    response = signed_in(chair_user).post(note_url(action), {"outcome": "noted", "note": "Seen", "next": back})

    assert response.url == back


def test_the_return_address_cannot_leave_the_site(signed_in, chair_user, action):
    response = signed_in(chair_user).post(
        note_url(action), {"outcome": "noted", "note": "Seen", "next": "https://evil.example/"}
    )

    assert response.url == reverse("review:action_list")


def test_earlier_notes_are_shown_escaped(signed_in, chair_user, action, period):
    ReviewNote.objects.create(action=action, period=period, author=chair_user, outcome="escalate", note="<b>risk</b>")

    html = signed_in(chair_user).get(note_url(action)).content.decode()

    assert "&lt;b&gt;risk&lt;/b&gt;" in html
    assert "Escalate" in html


def test_the_list_counts_this_quarters_notes(signed_in, chair_user, action, period):
    ReviewNote.objects.create(action=action, period=period, author=chair_user, outcome="noted", note="Seen")

    html = signed_in(chair_user).get(reverse("review:action_list")).content.decode()

    assert "1 note this quarter" in html


def test_earlier_notes_say_who_wrote_them_and_the_outcome(signed_in, chair_user, member_user, action, period, note):
    note(action, chair_user, "challenge", "Bring a recovery plan", period=period)
    note(action, member_user, "noted", "Seen", period=period)

    html = signed_in(chair_user).get(note_url(action)).content.decode()

    assert '<th scope="col" class="govuk-table__header">By</th>' in html
    assert "<td class=\"govuk-table__cell\">Chair Person</td>" in html  # the chair's owner name
    assert "<td class=\"govuk-table__cell\">member</td>" in html  # no owner record or full name: the username
    assert "Challenge" in html
