import datetime

from plans.models import Action, ReviewNote

D = datetime.date


def at(day, hour=12):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)


def text(response):
    return " ".join(response.content.decode().replace("&#x27;", "'").split())


def test_the_action_page_gives_the_aims_context_owners_and_targets(client, member_user, owned_action, team):
    owned_action.owners.add(team)
    owned_action.record_update(
        status="amber", commentary="Delayed", revised_target_month=D(2022, 12, 1), revised_target_reason="Trainer left"
    )
    client.force_login(member_user)
    page = text(client.get(owned_action.get_absolute_url()))
    assert "<h1" in page and page.count("<h1") == 1
    assert "FTE figures will reduce" in page  # How will we know?
    assert "Children are diverted from the justice system" in page  # desired outcome
    assert "Olive Owner (Team Manager)" in page and "Team Managers (team)" in page
    assert "September 2022" in page  # original target stays visible
    assert "December 2022" in page and "Reason: Trainer left" in page


def test_the_history_is_newest_first_with_status_changes_marked(client, member_user, make_action, period):
    action = make_action(status="red", commentary="Yet to commence", recorded_at=at(D(2022, 1, 10)))
    action.record_update(status="red", commentary="Still waiting", recorded_at=at(D(2022, 2, 10)))
    action.record_update(status="amber", commentary="Plan agreed", recorded_at=at(D(2022, 3, 10)))
    action.record_update(status="green", commentary="Under way", recorded_at=at(D(2022, 4, 10)))
    client.force_login(member_user)
    page = text(client.get(action.get_absolute_url()))
    order = [page.index(words) for words in ("Under way", "Plan agreed", "Still waiting", "Yet to commence")]
    assert order == sorted(order)
    assert "Status changed from Amber to Green" in page
    assert "Status changed from Red to Amber" in page
    assert page.count("Status changed from") == 2  # red -> red is not a change; the first update has nothing before it


def test_progress_history_marks_changes_on_the_model(make_action):
    action = make_action(status="red", recorded_at=at(D(2022, 1, 10)))
    action.record_update(status="amber", commentary="Better", recorded_at=at(D(2022, 2, 10)))
    action.record_update(status="amber", commentary="Same", recorded_at=at(D(2022, 3, 10)))
    history = action.progress_history()
    assert [(u.commentary, u.status_changed, u.previous_status_label) for u in history] == [
        ("Same", False, ""), ("Better", True, "Red"), ("Baseline", False, ""),
    ]


def test_no_change_updates_are_marked_in_the_history(client, owner_user, owned_action):
    client.force_login(owner_user)
    client.post(f"/actions/{owned_action.pk}/no-change/", {"no_change-version": owned_action.version})
    assert "No change since last update</strong>" in text(client.get(owned_action.get_absolute_url()))


def test_review_notes_are_shown_to_the_owner_with_who_wrote_them(client, owner_user, chair_user, owned_action, period):
    ReviewNote.objects.create(
        action=owned_action, period=period, author=chair_user, outcome="challenge",
        note="Is September still realistic?", created_at=at(D(2022, 5, 12)),
    )
    client.force_login(owner_user)
    page = text(client.get(owned_action.get_absolute_url()))
    assert "Review notes" in page and "Challenge" in page and "Is September still realistic?" in page
    assert "Challenge</strong> by Chair Person" in page


def test_a_request_for_an_update_shows_until_the_owner_answers_it(client, owner_user, chair_user, owned_action, period):
    ReviewNote.objects.create(
        action=owned_action, period=period, author=chair_user, outcome="request_update",
        note="Please update before the board", created_at=at(D(2022, 5, 12)),
    )
    client.force_login(owner_user)
    assert ">Update requested</strong>" in text(client.get(owned_action.get_absolute_url()))
    owned_action.record_update(status="green", commentary="Done as asked", recorded_at=at(D(2022, 5, 13)))
    assert ">Update requested</strong>" not in text(client.get(owned_action.get_absolute_url()))


def test_update_requested_only_counts_requests_newer_than_the_latest_update(make_action, period):
    answered = make_action(status="green", recorded_at=at(D(2022, 5, 13)))
    waiting = make_action(status="green", recorded_at=at(D(2022, 5, 1)))
    never_updated = make_action()
    merely_noted = make_action(status="green", recorded_at=at(D(2022, 5, 1)))
    for action in (answered, waiting, never_updated):
        ReviewNote.objects.create(action=action, outcome="request_update", note="Update?", created_at=at(D(2022, 5, 12)))
    ReviewNote.objects.create(action=merely_noted, outcome="noted", note="Fine", created_at=at(D(2022, 5, 12)))
    assert set(Action.objects.update_requested()) == {waiting, never_updated}
    flags = dict(Action.objects.with_update_requested().values_list("pk", "update_requested"))
    assert flags == {answered.pk: False, waiting.pk: True, never_updated.pk: True, merely_noted.pk: False}


def test_needing_update_is_open_actions_not_updated_this_quarter_or_with_a_request(make_action, period):
    stale = make_action(status="green")  # baseline is 31 March: last quarter
    fresh = make_action(status="green", recorded_at=at(D(2022, 5, 1)))
    done = make_action(status="blue")
    asked = make_action(status="amber", recorded_at=at(D(2022, 5, 1)))
    ReviewNote.objects.create(action=asked, outcome="request_update", note="More detail", created_at=at(D(2022, 5, 2)))
    assert set(Action.objects.needing_update(period)) == {stale, asked}
    assert fresh not in Action.objects.needing_update(period) and done not in Action.objects.needing_update(period)
