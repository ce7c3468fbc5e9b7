"""Issue 14 for the plans, review, alerts, board pack and spreadsheet pages: a
person reaches only their own partnerships' rows (another's plan, action, pack
or quarter by id or slug is a 404, so ids reveal nothing), every list, filter
choice and export holds only their partnerships, and a role counts only in the
partnership that granted it (an officer of A who is a member of B does not
close B's quarter or upload B's updates: 403).

Built on tests/tenancy/conftest.py's ``world``: partnerships A and B, A's people
in every role, and B's names marked "BRAVO-SECRET" so a leak shows in a page."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from alerts.attention import attention_for
from alerts.digests import action_digests
from plans.models import Membership, Plan, Role
from tests.tenancy.conftest import MODEL_BACKEND
from tests.conftest import work_the_queue

SECRET = "BRAVO-SECRET"
VIEWERS = ["owner", "member", "chair", "officer"]
TRACKER = b"Theme,Action\r\nEducation,Run a school exclusions panel\r\n"  # a plan file in the officer's own layout


def signed_in(user):
    client = Client(raise_request_exception=False)
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def also(world, role_name, role_in_b):
    """A's person in ``role_name``, given ``role_in_b`` in partnership B too."""
    user = world["users"][role_name]
    Membership.grant(user, world["B"]["partnership"], role_in_b)
    return user


def pages_taking_ids(records):
    """Every page of this scope that names one partnership's row in its address."""
    plan, action, period, pack = records["plan"], records["action"], records["period"], records["pack"]
    return [
        reverse("plan_detail", args=[plan.slug]),
        reverse("action_detail", args=[action.pk]),
        reverse("action_update", args=[action.pk]),
        reverse("review:add_note", args=[action.pk]),
        reverse("review:dashboard") + f"?plan={plan.slug}",
        reverse("boardpack:period", args=[plan.slug, period.slug]),
        reverse("boardpack:preview", args=[plan.slug, period.slug]),
        reverse("boardpack:download", args=[pack.pk]),
        reverse("boardpack:close", args=[period.pk]),
        reverse("transfer:export", args=[plan.slug, "csv"]),
        reverse("transfer:export", args=[plan.slug, "xlsx"]),
        reverse("transfer:bulk", args=[plan.slug]),
        reverse("transfer:bulk_check", args=[plan.slug]),
    ]


# Objects by id or slug


def test_an_officer_of_one_partnership_gets_404_for_every_page_of_another_partnerships_rows(world, clients):
    for url in pages_taking_ids(world["B"]):
        response = clients["officer"].get(url)
        assert response.status_code == 404, url
        assert SECRET not in response.content.decode(), url


def test_a_member_of_one_partnership_gets_404_for_another_partnerships_plan_and_action(world, clients):
    b = world["B"]
    for url in pages_taking_ids(b)[:4]:
        assert clients["member"].get(url).status_code == 404, url
    response = clients["member"].post(reverse("action_no_change", args=[b["action"].pk]), {"no_change-version": 1})
    assert response.status_code == 404 and b["action"].updates.count() == 1


def test_the_same_pages_open_for_the_officer_of_the_partnership_that_owns_them(world, clients):
    for url in pages_taking_ids(world["A"]):
        assert clients["officer"].get(url).status_code in (200, 302), url


def test_an_officer_of_another_partnership_cannot_generate_its_board_pack(world, clients):
    b = world["B"]
    response = clients["officer"].post(reverse("boardpack:generate", args=[b["plan"].slug, b["period"].slug]))
    assert response.status_code == 404 and b["plan"].board_packs.count() == 1


def test_an_owner_in_another_partnership_cannot_read_or_generate_its_packs(world):
    b = world["B"]
    client = signed_in(also(world, "chair", Role.OWNER))  # reviews A's plan, only owns actions in B
    assert client.get(reverse("boardpack:download", args=[b["pack"].pk])).status_code == 403
    response = client.post(reverse("boardpack:generate", args=[b["plan"].slug, b["period"].slug]))
    assert response.status_code == 403 and b["plan"].board_packs.count() == 1


def test_an_officer_who_is_a_member_of_another_partnership_cannot_close_its_quarter(world):
    b = world["B"]
    client = signed_in(also(world, "officer", Role.MEMBER))
    assert client.post(reverse("boardpack:close", args=[b["period"].pk])).status_code == 403
    b["period"].refresh_from_db()
    assert not b["period"].is_closed
    page = client.get(reverse("boardpack:period", args=[b["plan"].slug, b["period"].slug])).content.decode()
    assert reverse("boardpack:close", args=[b["period"].pk]) not in page  # nor is it offered


def test_an_officer_who_is_a_member_of_another_partnership_cannot_export_or_update_its_plan(world):
    b = world["B"]
    client = signed_in(also(world, "officer", Role.MEMBER))
    for url in (reverse("transfer:export", args=[b["plan"].slug, "csv"]), reverse("transfer:bulk", args=[b["plan"].slug])):
        assert client.get(url).status_code == 403, url


def test_a_member_of_another_partnership_adds_no_review_note_where_they_only_own_actions(world):
    b = world["B"]
    client = signed_in(also(world, "member", Role.OWNER))
    response = client.post(reverse("review:add_note", args=[b["action"].pk]), {"outcome": "noted", "note": "Fine"})
    assert response.status_code == 403 and b["action"].review_notes.count() == 1


# Lists, filters and exports


def test_the_plans_home_lists_only_own_partnerships_plans(world, clients):
    for role in VIEWERS:
        page = clients[role].get(reverse("home")).content.decode()
        assert world["A"]["plan"].title in page and world["B"]["plan"].title not in page, role


def test_the_review_list_and_its_exports_hold_only_own_partnerships_actions(world, clients):
    for url in (reverse("review:action_list"), reverse("review:export_csv")):
        body = clients["member"].get(url).content.decode()
        assert "Alpha action text" in body and SECRET not in body, url


def test_the_review_lists_owner_plan_section_and_aim_filters_offer_only_own_choices(world, clients):
    page = clients["member"].get(reverse("review:action_list")).content.decode()
    assert "Alpha Owner" in page and "Alpha aim" in page and world["A"]["plan"].title in page
    assert SECRET not in page and "Bravoshire" not in page


def test_choosing_another_partnerships_owner_in_the_filter_shows_an_error_and_no_rows(world, clients):
    b_owner = world["B"]["owner"]
    for url in (reverse("review:action_list"), reverse("review:export_csv")):
        response = clients["member"].get(url, {"owner": b_owner.pk, "status": ["red"]}, follow=True)
        body = response.content.decode()
        assert "govuk-error-summary" in body and SECRET not in body, url


def test_the_dashboard_opens_on_own_partnerships_plan(world, clients):
    response = clients["chair"].get(reverse("review:dashboard"))
    assert response.context["plan"] == world["A"]["plan"]
    assert SECRET not in response.content.decode()


def test_the_board_packs_index_lists_only_own_partnerships_plans_and_packs(world, clients):
    page = clients["chair"].get(reverse("boardpack:index")).content.decode()
    assert world["A"]["plan"].title in page and "Bravoshire" not in page
    assert reverse("boardpack:download", args=[world["B"]["pack"].pk]) not in page


def test_the_spreadsheets_index_lists_only_the_plans_of_partnerships_one_is_officer_of(world):
    client = signed_in(also(world, "officer", Role.MEMBER))
    page = client.get(reverse("transfer:index")).content.decode()
    assert world["A"]["plan"].title in page and "Bravoshire" not in page


def test_the_review_list_offers_add_note_only_in_partnerships_one_reviews(world):
    client = signed_in(also(world, "owner", Role.MEMBER))  # owns actions in A, reviews B
    page = client.get(reverse("review:action_list")).content.decode()
    assert reverse("review:add_note", args=[world["B"]["action"].pk]) in page
    assert reverse("review:add_note", args=[world["A"]["action"].pk]) not in page


# The plan import


def test_the_plan_import_offers_only_the_officers_partnerships(world):
    client = signed_in(also(world, "officer", Role.MEMBER))
    form = client.get(reverse("transfer:import")).context["form"]
    choices = dict(form.fields["partnership"].choices)
    assert world["A"]["partnership"].name in choices.values()
    assert str(world["B"]["partnership"].pk) not in choices


def test_a_plan_cannot_be_imported_into_a_partnership_one_is_not_officer_of(world):
    client = signed_in(also(world, "officer", Role.MEMBER))
    response = client.post(reverse("transfer:import"), {
        "partnership": world["B"]["partnership"].pk, "title": "Planted", "start_year": "2023", "years": "1",
        "file": SimpleUploadedFile("tracker.csv", TRACKER),
    })
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert client.get(reverse("transfer:import_columns")).status_code == 302  # nothing was kept to go on with
    assert not Plan.objects.filter(title="Planted").exists()


def test_an_import_staged_while_officer_is_refused_once_the_officer_role_there_has_gone(world):
    """The kept choice of partnership is checked again at every step, as the file is."""
    officer, b = also(world, "officer", Role.OFFICER), world["B"]
    client = signed_in(officer)
    response = client.post(reverse("transfer:import"), {
        "partnership": b["partnership"].pk, "title": "Planted", "start_year": "2023", "years": "1",
        "file": SimpleUploadedFile("tracker.csv", TRACKER),
    })
    assert response.status_code == 302  # staged, on to the columns
    Membership.objects.filter(user=officer, partnership=b["partnership"]).update(role=Role.MEMBER)
    assert client.get(reverse("transfer:import_columns")).status_code == 404
    assert client.post(reverse("transfer:import_check")).status_code in (302, 404)
    assert not Plan.objects.filter(title="Planted").exists()


def test_an_officer_who_sets_up_a_new_partnership_by_import_is_its_plan_officer(world, clients):
    clients["officer"].post(reverse("transfer:import"), {
        "partnership": "new", "new_partnership": "Charlieshire", "title": "Charlie plan", "start_year": "2023",
        "years": "1", "file": SimpleUploadedFile("tracker.csv", TRACKER),
    })
    clients["officer"].post(reverse("transfer:import_columns"), {"column_0": "Theme", "column_1": "Action"})
    response = clients["officer"].post(reverse("transfer:import_check"))
    # The import runs on the queue (issue 18): the worker's own code saves the plan.
    work_the_queue()
    plan = Plan.objects.get(title="Charlie plan")
    assert response.status_code == 302 and clients["officer"].get(response.url).status_code == 200
    assert Membership.objects.get(user=world["users"]["officer"], partnership=plan.partnership).role == Role.OFFICER


# The header


def test_the_header_names_the_persons_only_partnership(world, clients):
    page = clients["member"].get(reverse("home")).content.decode()
    assert world["A"]["partnership"].name in page and "Bravoshire" not in page


def test_the_header_names_no_partnership_for_someone_in_two(world):
    page = signed_in(also(world, "member", Role.MEMBER)).get(reverse("home")).content.decode()
    assert "app-header__organisation" not in page


def test_the_header_names_no_partnership_when_signed_out_and_the_host_serves_two(world, clients):
    page = clients["anonymous"].get(reverse("login")).content.decode()
    assert "Alphashire" not in page and "Bravoshire" not in page


# Alerts


def test_a_person_who_has_left_a_partnership_is_no_longer_counted_its_actions(world, clients):
    a, owner = world["A"], world["users"]["owner"]
    a["action"].target_month = datetime.date(2022, 5, 1)  # overdue on 1 August
    a["action"].save()
    assert attention_for(owner, datetime.date(2022, 8, 1)).count >= 1
    Membership.objects.filter(user=owner, partnership=a["partnership"]).update(active=False)
    owner = type(owner).objects.get(pk=owner.pk)  # a new request: the scope is built again
    assert attention_for(owner, datetime.date(2022, 8, 1)).count == 0
    assert signed_in(owner).get(reverse("alerts:sent")).context["page_obj"].paginator.count == 0


def test_an_owner_record_of_another_partnership_is_never_sent_this_partnerships_actions(world, clients):
    a, b = world["A"], world["B"]
    a["action"].target_month = datetime.date(2022, 5, 1)  # overdue on 1 August
    a["action"].save()
    b["owner"].email = "bravo-owner@example.org"
    b["owner"].save()
    a["action"].owners.add(b["owner"])  # linked by mistake across partnerships
    digests = action_digests(a["partnership"], datetime.date(2022, 8, 1))
    emails = {digest.email for digest in digests.values()}
    assert "owner@example.org" in emails and "bravo-owner@example.org" not in emails
