"""Issue 14 for the indicators, meetings and cycle pages: a person reaches only
their own partnerships' rows (another's by id or slug is a 404, so ids reveal
nothing), and a role counts only in the partnership that granted it (a chair
of A who is a member of B reads B's meetings but does not record them: 403).

Built on tests/tenancy/conftest.py's ``world``: partnerships A and B, A's people
in every role, and B's names marked "BRAVO-SECRET" so a leak shows in a page."""

import datetime

import time_machine
from django.test import Client
from django.urls import reverse

from cycle.templatetags.cycle import notice
from meetings.chasing import overdue_for
from meetings.models import ActionArising, AgendaItem, Meeting
from plans.models import Membership, Role
from tests.tenancy.conftest import LONDON, MODEL_BACKEND

SECRET = "BRAVO-SECRET"


def signed_in(user):
    client = Client(raise_request_exception=False)
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def also(world, role_name, role_in_b):
    """A's person in ``role_name``, given ``role_in_b`` in partnership B too."""
    user = world["users"][role_name]
    Membership.grant(user, world["B"]["partnership"], role_in_b)
    return user


def b_exception(world):
    """An exception on B's agenda, for the decision page."""
    b = world["B"]
    return AgendaItem.objects.create(
        meeting=b["meeting"], kind=AgendaItem.Kind.EXCEPTION, order=2, title=f"{SECRET} exception",
        action=b["action"], action_reference="B1", action_description=f"{SECRET} action text", status="red",
    )


def meeting_pages(records):
    """Every page of one partnership's meeting, agenda item and action arising."""
    meeting, item, arising = records["meeting"].pk, records["item"].pk, records["arising"].pk
    return [
        reverse("meetings:detail", args=[meeting]),
        reverse("meetings:edit", args=[meeting]),
        reverse("meetings:minutes", args=[meeting]),
        reverse("meetings:attendance", args=[meeting]),
        reverse("meetings:item_add", args=[meeting]),
        reverse("meetings:arising_add", args=[meeting]),
        reverse("meetings:item_edit", args=[item]),
        reverse("meetings:item_remove", args=[item]),
        reverse("meetings:arising_edit", args=[arising]),
    ]


# Meetings


def test_a_chair_of_one_partnership_gets_404_for_another_partnerships_meeting(world, clients):
    exception = b_exception(world)
    pages = meeting_pages(world["B"]) + [reverse("meetings:decision", args=[exception.pk])]
    for url in pages:
        assert clients["chair"].get(url).status_code == 404, url
        assert clients["chair"].post(url, {"title": "Changed", "decision": "accepted"}).status_code == 404, url
    done = clients["chair"].post(reverse("meetings:arising_done", args=[world["B"]["arising"].pk]))
    assert done.status_code == 404
    assert not ActionArising.objects.get(pk=world["B"]["arising"].pk).done_on
    assert AgendaItem.objects.get(pk=world["B"]["item"].pk).title == f"{SECRET} agenda item"
    assert clients["chair"].get(meeting_pages(world["A"])[0]).status_code == 200  # their own is still there


def test_the_minutes_pdf_of_another_partnership_is_a_404(world, clients):
    for role in ("member", "chair", "officer"):
        response = clients[role].get(reverse("meetings:minutes_pdf", args=[world["B"]["meeting"].pk]))
        assert response.status_code == 404, role


def test_a_chair_who_is_a_member_of_another_partnership_reads_its_meetings_but_does_not_record_them(world):
    client = signed_in(also(world, "chair", Role.MEMBER))
    b = world["B"]
    assert client.get(reverse("meetings:detail", args=[b["meeting"].pk])).status_code == 200
    for url in meeting_pages(b)[1:2] + meeting_pages(b)[3:]:
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("meetings:arising_done", args=[b["arising"].pk]))
    assert response.status_code == 403
    assert client.get(reverse("meetings:edit", args=[world["A"]["meeting"].pk])).status_code == 200


def test_an_action_owner_here_who_is_a_member_elsewhere_does_not_read_this_partnerships_meetings(world):
    client = signed_in(also(world, "owner", Role.MEMBER))
    assert client.get(reverse("meetings:detail", args=[world["A"]["meeting"].pk])).status_code == 403
    assert client.get(reverse("meetings:minutes", args=[world["A"]["meeting"].pk])).status_code == 403
    assert client.get(reverse("meetings:detail", args=[world["B"]["meeting"].pk])).status_code == 200
    listed = client.get(reverse("meetings:index")).content.decode()
    assert reverse("meetings:detail", args=[world["B"]["meeting"].pk]) in listed
    assert reverse("meetings:detail", args=[world["A"]["meeting"].pk]) not in listed


def test_the_meetings_list_shows_only_own_partnerships_meetings(world, clients):
    body = clients["member"].get(reverse("meetings:index")).content.decode()
    assert reverse("meetings:detail", args=[world["A"]["meeting"].pk]) in body
    assert reverse("meetings:detail", args=[world["B"]["meeting"].pk]) not in body
    assert "Bravoshire" not in body


def test_the_record_a_meeting_form_offers_only_own_partnerships_plans_and_quarters(world, clients):
    a, b = world["A"], world["B"]
    page = clients["chair"].get(reverse("meetings:create"))
    assert page.status_code == 200
    body = page.content.decode()
    assert a["plan"].title in body and "Bravoshire" not in body
    assert f'value="{b["period"].pk}"' not in body
    before = Meeting.objects.count()
    response = clients["chair"].post(
        reverse("meetings:create"),
        {"plan": b["plan"].pk, "period": b["period"].pk, "held_on_0": "1", "held_on_1": "8", "held_on_2": "2022"},
    )
    assert response.status_code == 200  # the form again, with an error: another's plan is not a choice
    assert "govuk-error-summary" in response.content.decode()
    assert Meeting.objects.count() == before


def test_an_officer_who_is_only_a_member_elsewhere_records_meetings_only_for_their_own_partnership(world):
    client = signed_in(also(world, "officer", Role.MEMBER))
    body = client.get(reverse("meetings:create")).content.decode()
    assert world["A"]["plan"].title in body
    assert world["B"]["plan"].title not in body


def test_the_action_arising_owner_choices_are_own_partnerships_people(world, clients):
    a, b = world["A"], world["B"]
    url = reverse("meetings:arising_add", args=[a["meeting"].pk])
    body = clients["chair"].get(url).content.decode()
    assert "Alpha Owner" in body
    assert f"{SECRET} Owner" not in body
    response = clients["chair"].post(
        url, {"description": "Report back", "owner": b["owner"].pk, "due_on_0": "1", "due_on_1": "9", "due_on_2": "2022"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ActionArising.objects.filter(description="Report back").exists()


def test_the_attendance_page_lists_only_own_partnerships_agencies(world, clients):
    response = clients["chair"].get(reverse("meetings:attendance_in", args=[2022]) + "?partnership=bravoshire")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Alpha agency" in body
    assert SECRET not in body and "Bravoshire" not in body


def test_an_owner_is_chased_only_for_actions_arising_at_their_own_partnerships_meetings(world):
    a, b = world["A"], world["B"]
    ActionArising.objects.create(  # a stray row (say, a bad import) giving A's owner B's action
        meeting=b["meeting"], description=f"{SECRET} stray", owner=a["owner"], due_on=datetime.date(2022, 9, 1)
    )
    assert list(overdue_for(a["owner"], datetime.date(2022, 10, 1))) == [a["arising"]]


# Indicators


def test_another_partnerships_indicators_are_a_404(world, clients):
    for url in ["/indicators/bravoshire/", "/indicators/bravoshire/fte/", "/indicators/bravoshire/import/"]:
        assert clients["officer"].get(url).status_code == 404, url
    assert clients["officer"].get("/indicators/alphashire/fte/").status_code == 200


def test_the_indicators_index_leads_only_to_own_partnerships(world, clients):
    response = clients["member"].get("/indicators/")
    assert response.status_code == 302  # one partnership of their own: straight to it
    assert response["Location"] == "/indicators/alphashire/"


def test_an_officer_who_is_a_member_elsewhere_cannot_import_its_figures(world):
    client = signed_in(also(world, "officer", Role.MEMBER))
    assert client.get("/indicators/bravoshire/import/").status_code == 403
    assert "/indicators/bravoshire/import/" not in client.get("/indicators/bravoshire/").content.decode()
    assert "/indicators/alphashire/import/" in client.get("/indicators/alphashire/").content.decode()


# The plan cycle

FINAL_QUARTER = datetime.datetime(2023, 2, 15, 10, tzinfo=LONDON)


def test_an_officer_cannot_start_the_next_plan_of_another_partnership(world):
    with time_machine.travel(FINAL_QUARTER, tick=False):  # signed in then, so the session is fresh
        client = signed_in(world["users"]["officer"])
        for step in ["next-plan/", "next-plan/actions/", "next-plan/started/"]:
            assert client.get(f"/plans/bravoshire-plan/{step}").status_code == 404, step
        assert client.post("/plans/bravoshire-plan/next-plan/", {"title": "X"}).status_code == 404
        assert client.get("/plans/alphashire-plan/next-plan/").status_code == 200


def test_an_officer_who_is_a_member_of_another_partnership_cannot_start_its_next_plan(world):
    with time_machine.travel(FINAL_QUARTER, tick=False):
        client = signed_in(also(world, "officer", Role.MEMBER))
        for step in ["next-plan/", "next-plan/actions/", "next-plan/started/"]:
            assert client.get(f"/plans/bravoshire-plan/{step}").status_code == 403, step


def test_another_partnerships_progress_report_is_a_404(world, clients):
    for suffix in ["progress-report/", "progress-report.pdf"]:
        assert clients["member"].get(f"/plans/bravoshire-plan/{suffix}").status_code == 404, suffix


def test_the_plan_ended_notice_offers_the_next_plan_only_to_that_partnerships_officer(world):
    officer = also(world, "officer", Role.MEMBER)
    ended = datetime.date(2023, 4, 10)
    assert notice(world["A"]["plan"], ended, officer)["can_start"]
    assert not notice(world["B"]["plan"], ended, officer)["can_start"]
    stranger = world["users"]["chair"]  # no role in B at all
    assert notice(world["B"]["plan"], ended, stranger) is None

