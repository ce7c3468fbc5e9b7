"""The plan officer edits everything in the admin: every list and form must open."""

import datetime

import pytest
import time_machine
from django.contrib import admin
from django.urls import reverse

from plans.models import Action, ReviewNote, Role
from plans.permissions import PRODUCT_APPS

from .conftest import make_user


@pytest.fixture
def officer(sefton):
    user = make_user("planofficer", role=Role.OFFICER)
    ReviewNote.objects.create(
        action=Action.objects.get(plan=sefton, reference="A2.3"),
        period=sefton.partnership.reporting_periods.first(),
        author=user, outcome="challenge", note="Why is this still red?",
    )
    return user


def product_model_admins():
    return [(model, model_admin) for model, model_admin in admin.site._registry.items()
            if model._meta.app_label in PRODUCT_APPS]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_changelist_add_and_change_form_opens_for_the_plan_officer(client, officer):
    client.force_login(officer)
    opened = []
    for model, model_admin in product_model_admins():
        assert client.get(admin_url(model, "changelist")).status_code == 200, model
        if model_admin.has_add_permission(_request(officer)):
            assert client.get(admin_url(model, "add")).status_code == 200, model
        obj = model.objects.first()
        if obj is not None:
            assert client.get(admin_url(model, "change", obj.pk)).status_code == 200, model
            assert client.get(admin_url(model, "history", obj.pk)).status_code == 200, model
        opened.append(model._meta.model_name)
    assert {"plan", "section", "aim", "action", "owner", "progressupdate", "reportingperiod", "glossaryterm"} <= set(opened)


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.parametrize(
    "query, expected",
    [
        ("status=red", {"A2.3", "A3.3", "P1.2"}),
        ("q=Comms", {"P8.5"}),
        ("overdue=yes&status=red", {"A2.3", "A3.3", "P1.2"}),
    ],
)
def test_the_action_list_filters_and_searches(client, officer, query, expected):
    client.force_login(officer)
    response = client.get(admin_url(Action, "changelist") + "?" + query)
    refs = {action.reference for action in response.context["cl"].result_list}
    assert expected <= refs
    assert all(a.status == "red" for a in response.context["cl"].result_list) or "status" not in query


def test_the_action_list_shows_status_as_a_word_in_a_coloured_tag(client, officer):
    client.force_login(officer)
    html = client.get(admin_url(Action, "changelist") + "?status=red").content.decode()
    assert 'class="app-admin-rag app-admin-rag--red">Red</strong>' in html


def test_filtering_by_owner_lists_that_owners_actions(client, officer, sefton):
    client.force_login(officer)
    owner = sefton.partnership.owners.get(name="Sefton Comms")
    response = client.get(admin_url(Action, "changelist") + f"?owners__id__exact={owner.pk}")
    assert [a.reference for a in response.context["cl"].result_list] == ["P8.5"]


def test_adding_a_progress_update_in_the_admin_moves_the_status_and_keeps_history(client, officer, sefton):
    client.force_login(officer)
    action = Action.objects.get(plan=sefton, reference="A2.3")
    url = admin_url(Action, "change", action.pk)
    form = client.get(url).context["adminform"].form
    data = {name: form.initial.get(name, "") for name in ("aim", "reference", "description", "order", "target_text",
                                                             "recurrence", "revised_target_reason")}
    data.update({
        "owners": [o.pk for o in action.owners.all()],
        "target_month": "2022-05-01",
        "updates-TOTAL_FORMS": "1", "updates-INITIAL_FORMS": "0",
        "updates-0-status": "amber", "updates-0-commentary": "New template drafted; sign-off in June",
        "updates-2-TOTAL_FORMS": "0", "updates-2-INITIAL_FORMS": "1",
    })
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    action.refresh_from_db()
    assert action.status == "amber"
    assert action.updates.count() == 2
    assert action.updates.first().author == officer


def test_edits_are_recorded_with_who_and_when(client, officer, sefton):
    action = Action.objects.get(plan=sefton, reference="A2.3")
    client.force_login(officer)
    action.description = "Risk Management- Template revised"
    action._history_user = officer
    action.save()
    record = action.history.first()
    assert record.history_user == officer and record.history_type == "~"
    html = client.get(admin_url(Action, "history", action.pk)).content.decode()
    assert "planofficer" in html


def test_action_owners_cannot_use_the_admin(client, owner_user):
    client.force_login(owner_user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_the_overdue_filter_uses_today(client, officer, sefton, make_action):
    client.force_login(officer)

    def not_overdue_on(day):
        with time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False):
            response = client.get(admin_url(Action, "changelist") + "?overdue=no")
        return {a.reference for a in response.context["cl"].result_list}

    # A2.3's target was May 2022: not overdue in April 2022, overdue once May has ended.
    assert "A2.3" in not_overdue_on(datetime.date(2022, 4, 15))
    assert "A2.3" not in not_overdue_on(datetime.date(2022, 6, 15))
    # Recurring actions ("Ongoing") are never overdue.
    assert "A1.6" in not_overdue_on(datetime.date(2026, 11, 29))


def unchanged_post_data(response):
    """What the browser would send back from an admin change page, every field as shown."""

    def add(form):
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                data[field.html_name] = [str(item) for item in value]
            elif hasattr(value, "isoformat"):
                data[field.html_name] = value.isoformat()
            else:
                data[field.html_name] = str(value) if value is not True else "on"

    data = {}
    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def test_an_action_with_no_owner_yet_saves_unchanged_in_the_admin(client, officer, sefton):
    """P8.4's owner is "TBC" in the plan: the officer must be able to save it as it is."""
    client.force_login(officer)
    action = Action.objects.get(plan=sefton, reference="P8.4")
    assert not action.owners.exists()
    updates = action.updates.count()
    url = admin_url(Action, "change", action.pk)
    response = client.post(url, unchanged_post_data(client.get(url)))
    errors = response.context["adminform"].form.errors if response.context else {}
    assert response.status_code == 302, errors
    action.refresh_from_db()
    assert not action.owners.exists() and action.updates.count() == updates


def test_the_action_changelist_makes_as_many_queries_for_a_big_plan_as_for_a_small_one(client, officer_user, aim, make_action):
    """Its aim filter named each aim with a query of its own: 1,115 queries for a
    5,900-action plan (issue 18)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plans.models import Aim

    client.force_login(officer_user)
    url = admin_url(Action, "changelist")

    def queries_with(aim_count):
        for number in range(Aim.objects.count(), aim_count):
            extra = Aim.objects.create(section=aim.section, number=str(number + 10), title=f"Aim {number}", order=number)
            make_action(aim=extra)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert queries_with(3) == queries_with(30)
