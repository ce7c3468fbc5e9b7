"""An archived plan is read-only everywhere (issue 13): no update, no-change,
bulk update or review note, from an owner or the plan officer, however the
request is made; its pages say it is archived and offer no update buttons."""

import pytest
from django.urls import reverse

from plans import permissions
from plans.models import Action, Plan, ReviewNote
from tests.transfer.test_bulk import exported, sheet
from transfer import bulk


def archive(plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.State.ARCHIVED)
    plan.refresh_from_db()


def unchanged(action):
    """The action's state as a tuple, to compare before and after."""
    action.refresh_from_db()
    return action.status, action.version, action.updates.count()


@pytest.fixture
def archived_action(owned_action, plan):
    archive(plan)
    return Action.objects.get(pk=owned_action.pk)


def test_an_archived_plan_accepts_no_updates_and_its_actions_are_not_updatable(plan, owned_action):
    assert plan.accepts_updates and list(Action.objects.updatable()) == [owned_action]
    archive(plan)
    assert not plan.accepts_updates and not Action.objects.updatable().exists()


def test_neither_the_owner_nor_the_plan_officer_may_update_an_action_in_an_archived_plan(
    archived_action, owner_user, officer_user
):
    assert not permissions.can_update_action(owner_user, archived_action)
    assert not permissions.can_update_action(officer_user, archived_action)


def test_the_action_page_says_the_plan_is_archived_and_offers_no_update_buttons(
    signed_in, owner_user, archived_action
):
    html = signed_in(owner_user).get(archived_action.get_absolute_url()).content.decode()
    assert "This plan is archived" in html
    assert "Update progress" not in html and "No change since last update" not in html
    assert reverse("action_no_change", args=[archived_action.pk]) not in html


@pytest.mark.parametrize("user", ["owner_user", "officer_user"])
def test_the_update_form_opened_by_url_is_refused_with_a_clear_page(request, signed_in, archived_action, user):
    response = signed_in(request.getfixturevalue(user)).get(reverse("action_update", args=[archived_action.pk]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "This plan is archived" in html and "Nothing has been saved" in html
    assert 'name="commentary"' not in html


@pytest.mark.parametrize("user", ["owner_user", "officer_user"])
def test_an_update_posted_by_url_is_refused_and_nothing_is_saved(request, signed_in, archived_action, user):
    before = unchanged(archived_action)
    client = signed_in(request.getfixturevalue(user))
    response = client.post(
        reverse("action_update", args=[archived_action.pk]),
        {"status": "red", "commentary": "Crafted", "version": archived_action.version},
    )
    assert response.status_code == 403
    assert unchanged(archived_action) == before


def test_a_no_change_posted_by_url_is_refused_and_nothing_is_saved(signed_in, owner_user, archived_action):
    before = unchanged(archived_action)
    response = signed_in(owner_user).post(
        reverse("action_no_change", args=[archived_action.pk]), {"version": archived_action.version}
    )
    assert response.status_code == 403
    assert unchanged(archived_action) == before


def test_a_form_opened_before_the_plan_was_archived_saves_nothing(signed_in, owner_user, owned_action, plan):
    client = signed_in(owner_user)
    assert client.get(reverse("action_update", args=[owned_action.pk])).status_code == 200
    archive(plan)
    before = unchanged(owned_action)
    response = client.post(
        reverse("action_update", args=[owned_action.pk]),
        {"status": "amber", "commentary": "Sent from an old tab", "version": owned_action.version},
    )
    assert response.status_code == 403 and unchanged(owned_action) == before


def test_my_actions_leaves_out_the_archived_plans_actions(signed_in, owner_user, archived_action):
    response = signed_in(owner_user).get(reverse("my_actions"))
    assert archived_action not in response.context["actions"]


def test_a_bulk_update_sheet_for_an_archived_plan_is_refused_before_anything_is_saved(plan, owned_action):
    rows = exported(plan)
    rows[0].update({"Status": "Red", "Latest commentary": "Crafted sheet"})
    archive(plan)
    updates = bulk.describe_updates(sheet(rows), plan=plan)
    assert [str(problem) for problem in updates.problems] == [
        f"{plan.title} is archived, so its actions can no longer be updated"
    ]
    assert updates.changes == []


def test_a_plan_archived_between_the_bulk_preview_and_saving_saves_nothing(plan, owned_action, officer_user):
    rows = exported(plan)
    rows[0].update({"Status": "Red", "Latest commentary": "Checked yesterday"})
    updates = bulk.describe_updates(sheet(rows), plan=plan)
    assert len(updates.changes) == 1
    archive(plan)
    before = unchanged(owned_action)
    applied, conflicts = bulk.apply_updates(updates, user=officer_user)
    assert applied == [] and "archived plan" in conflicts[0].message
    assert unchanged(owned_action) == before


def test_review_notes_on_an_archived_plan_are_refused(signed_in, chair_user, archived_action, period):
    client = signed_in(chair_user)
    url = reverse("review:add_note", args=[archived_action.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"outcome": "challenge", "note": "Why is this still open?"})
    assert response.status_code == 403 and "This plan is archived" in response.content.decode()
    assert not ReviewNote.objects.filter(action=archived_action).exists()


def test_the_admin_offers_no_new_progress_update_on_an_archived_plans_action(signed_in, officer_user, archived_action):
    url = reverse("admin:plans_action_change", args=[archived_action.pk])
    response = signed_in(officer_user).get(url)
    assert response.status_code == 200
    assert "Add a progress update" not in response.content.decode()
