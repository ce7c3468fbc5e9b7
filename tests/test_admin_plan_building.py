"""The admin the plan officer builds the next plan in (issue 15, item 6): the
action list, a new action's place in its aim, the aim box's search, history in
whole values with a reason, and spreadsheet updates in that history."""

import datetime

import pytest
from django.urls import reverse

from plans.models import Action, Aim, Owner, Section
from transfer import bulk

LONG = "Performance reporting to the partnership board, quarterly, including the first time entrants figures"


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def officer(client, officer_user):
    client.force_login(officer_user)
    return client


@pytest.fixture
def aim_two(plan, section):
    section.aim_label = "Aim"
    section.save()
    priorities = Section.objects.create(plan=plan, title="Priorities", order=2, aim_label="Priority")
    Aim.objects.create(section=priorities, number="3", title="Education, training and employment", order=3)
    return Aim.objects.create(section=section, number="2", title="Reduce reoffending", order=2)


def form_data(response):
    """What the browser would send back from an admin form: its initial values
    and each inline's management form."""
    form = response.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{management.prefix}-{name}"] = management.initial.get(name, 0)
        data[f"{management.prefix}-TOTAL_FORMS"] = 0 if inline.formset.prefix == "updates" else management.initial.get(
            "TOTAL_FORMS", 0
        )
    return data


def test_the_action_list_shows_reference_status_owners_target_and_overdue_and_filters_not_rated(
    officer, plan, aim, make_action, owner_user
):
    make_action(reference="A1.1", owners=[owner_user.owner], status="red", target_month=datetime.date(2022, 1, 1))
    make_action(reference="A1.2")

    response = officer.get(admin_url(Action, "changelist"))
    headers = [str(header["text"]).lower() for header in response.context["result_headers"]]
    wanted = ["reference", "rag status", "owners", "target", "overdue"]
    assert [header for header in headers if header in wanted] == wanted
    html = response.content.decode()
    assert "Olive Owner" in html and "January 2022" in html and "Not rated" in html

    def listed(query):
        return [a.reference for a in officer.get(admin_url(Action, "changelist") + query).context["cl"].result_list]

    assert listed("?status=none") == ["A1.2"]
    assert listed("?status=red") == ["A1.1"]
    assert listed(f"?aim__id__exact={aim.pk}&plan__id__exact={plan.pk}") == ["A1.1", "A1.2"]


def test_a_new_action_takes_the_next_place_in_its_aim_not_the_top(officer, plan, aim_two, make_action, owner_user):
    for number in range(1, 6):
        make_action(aim=aim_two, reference=f"A2.{number}", order=number)
    data = form_data(officer.get(admin_url(Action, "add")))
    data.update({
        "aim": aim_two.pk, "reference": "A2.6", "description": "A new action for next year",
        "owners": [owner_user.owner.pk], "order": 0,
    })

    response = officer.post(admin_url(Action, "add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(aim_two.actions.order_by("order", "pk").values_list("reference", flat=True))[-1] == "A2.6"
    assert Action.objects.get(reference="A2.6").order == 6


@pytest.mark.parametrize("term, expected", [("Aim 2", ["Aim 2: Reduce reoffending"]),
                                            ("priority 3", ["Priority 3: Education, training and employment"])])
def test_the_aim_box_finds_an_aim_by_its_printed_label(officer, aim_two, term, expected):
    response = officer.get(
        reverse("admin:autocomplete"),
        {"term": term, "app_label": "plans", "model_name": "action", "field_name": "aim"},
    )

    assert [result["text"] for result in response.json()["results"]] == expected


def test_history_shows_whole_values_and_the_reason_for_an_admin_edit(officer, aim, make_action, owner_user):
    action = make_action(reference="A1.1", description="Performance reporting", owners=[owner_user.owner])
    url = admin_url(Action, "change", action.pk)
    data = form_data(officer.get(url))
    data.update({"aim": aim.pk, "owners": [owner_user.owner.pk], "description": LONG})

    assert officer.post(url, data).status_code == 302

    html = officer.get(admin_url(Action, "history", action.pk)).content.decode()
    assert LONG in html and "chars]" not in html
    assert "Edited in the admin: Description" in html
    assert "<td>\n          None\n        </td>" not in html


def test_a_bulk_spreadsheet_update_appears_in_the_admin_history_with_owners_and_a_reason(
    officer, officer_user, make_action, owner_user
):
    action = make_action(reference="A1.1", owners=[owner_user.owner], status="amber")
    updates = bulk.Updates(changes=[bulk.Change(2, action, "green", "Back on track", "Olive Owner", action.version)])
    before = action.history.count()

    applied, conflicts = bulk.apply_updates(updates, user=officer_user)

    assert (len(applied), conflicts) == (1, [])
    record = action.history.first()
    assert action.history.count() == before + 1
    assert (record.status, record.history_user, record.history_change_reason) == ("green", officer_user, bulk.BULK_REASON)
    assert [row.owner for row in record.owners.all()] == [Owner.objects.get(user=owner_user)]
    html = officer.get(admin_url(Action, "history", action.pk)).content.decode()
    assert bulk.BULK_REASON in html
