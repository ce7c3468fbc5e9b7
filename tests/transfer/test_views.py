import pytest
from django.urls import reverse

from jobs.models import Job
from plans.models import Action, Plan, ProgressUpdate
from plans.spreadsheets import XLSX_TYPE
from transfer import layout
from transfer.guards import read_table

from .conftest import as_csv, as_xlsx, plan_row, upload

IMPORT_FORM = {"title": "Imported plan", "start_year": "2022", "years": "1", "published": "May 2022"}


@pytest.fixture
def import_form(partnership):
    return {**IMPORT_FORM, "partnership": partnership.pk}


@pytest.mark.parametrize("name", ["index", "import"])
def test_only_plan_officers_reach_the_spreadsheet_pages(client, member_user, owner_user, name):
    url = reverse(f"transfer:{name}")
    assert client.get(url).status_code == 302  # to sign in
    for user in (member_user, owner_user):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_plan_pages_are_forbidden_to_others(client, plan, member_user):
    client.force_login(member_user)
    for url in (reverse("transfer:export", args=[plan.slug, "xlsx"]), reverse("transfer:bulk", args=[plan.slug])):
        assert client.get(url).status_code == 403


def test_officers_see_spreadsheets_in_the_navigation(officer_client, plan):
    response = officer_client.get(reverse("transfer:index"))
    assert any(item["label"] == "Spreadsheets" for item in response.context["nav_items"])
    assert reverse("transfer:export", args=[plan.slug, "csv"]) in response.content.decode()


def test_export_downloads_the_plan_as_xlsx(officer_client, plan, make_action):
    make_action(reference="A1")
    response = officer_client.get(reverse("transfer:export", args=[plan.slug, "xlsx"]))
    assert response["Content-Type"] == XLSX_TYPE
    assert "attachment" in response["Content-Disposition"]
    assert read_table(response.content, "p.xlsx")[0] == layout.COLUMNS


def test_importing_shows_a_preview_and_saves_only_on_confirming(officer_client, import_form, partnership):
    content = as_xlsx([plan_row(owners="Newt New", target="Mar-23", status="Green")])
    response = officer_client.post(reverse("transfer:import"), {**import_form, "file": upload(content)})
    assert response.status_code == 302 and not Plan.objects.exists()

    preview = officer_client.get(response.url).content.decode()
    assert "Newt New" in preview and "March 2023" in preview and "1 action" in preview
    assert not Plan.objects.exists()

    done = officer_client.post(response.url, follow=True)
    plan = Plan.objects.get(title="Imported plan")
    job = Job.objects.get()
    assert done.redirect_chain == [(job.get_absolute_url(), 302)]  # the work went on the queue
    page = done.content.decode()
    assert "The plan is imported" in page and "Imported plan was created as a draft with 1 action." in page
    assert f'href="{plan.get_absolute_url()}"' in page
    assert (plan.period_start.isoformat(), plan.period_end.isoformat(), plan.published) == (
        "2022-04-01", "2023-03-31", "May 2022")
    assert plan.actions.get().status == "green"
    # The staged file is used once.
    assert officer_client.post(response.url).status_code == 302
    assert Plan.objects.count() == 1


def test_a_bad_upload_lists_row_problems_and_saves_nothing(officer_client, import_form):
    content = as_xlsx([plan_row("A1"), plan_row("A1", target="Sometime")])
    response = officer_client.post(reverse("transfer:import"), {**import_form, "file": upload(content)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The file has 2 problems" in page
    assert "&#x27;Sometime&#x27; is not a month or a recurrence" in page
    assert "govuk-error-summary" in page and not Plan.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused_beside_the_field(officer_client, import_form):
    response = officer_client.post(reverse("transfer:import"),
                                   {**import_form, "file": upload(b"%PDF-1.7 binary\x00", "plan.pdf")})
    assert response.context["form"].errors["file"] == [
        "The selected file must be an Excel workbook (.xlsx) or a CSV file, or a Word document (.docx) "
        "with the plan in a table"]


def test_user_text_in_an_upload_is_escaped_on_the_preview(officer_client, import_form):
    content = as_csv([plan_row(action="<script>alert(1)</script>")])
    response = officer_client.post(reverse("transfer:import"), {**import_form, "file": upload(content, "p.csv")})
    preview = officer_client.get(response.url).content.decode()
    assert "<script>alert(1)" not in preview and "&lt;script&gt;" in preview


def test_bulk_update_through_the_site(officer_client, plan, make_action, officer_user):
    action = make_action(reference="A1", status="green", commentary="On track")
    table = read_table(officer_client.get(reverse("transfer:export", args=[plan.slug, "xlsx"])).content, "p.xlsx")
    table[1][table[0].index("Status")] = "Amber"
    table[1][table[0].index("Latest commentary")] = "Slipped a month"
    content = as_xlsx(table[1:], header=table[0])

    response = officer_client.post(reverse("transfer:bulk", args=[plan.slug]), {"file": upload(content)})
    assert response.url == reverse("transfer:bulk_check", args=[plan.slug])
    assert "Slipped a month" in officer_client.get(response.url).content.decode()
    assert action.updates.count() == 1

    done = officer_client.post(reverse("transfer:bulk_apply", args=[plan.slug]), follow=True)
    assert done.redirect_chain[0][0] == Job.objects.get(kind=Job.Kind.BULK_UPDATE).get_absolute_url()
    assert "1 update saved" in done.content.decode()
    latest = action.updates.first()
    assert (latest.status, latest.commentary, latest.author) == ("amber", "Slipped a month", officer_user)


def test_the_check_page_of_a_big_file_lists_the_first_rows_and_says_all_will_be_recorded(
    officer_client, plan, make_action, monkeypatch
):
    monkeypatch.setattr("transfer.bulk.CHANGES_SHOWN", 2)
    for number in range(1, 4):
        make_action(reference=f"A{number}", status="green")
    table = read_table(officer_client.get(reverse("transfer:export", args=[plan.slug, "xlsx"])).content, "p.xlsx")
    for row in table[1:]:
        row[table[0].index("Latest commentary")] = f"Progress on {row[table[0].index('Reference')]}"
    officer_client.post(reverse("transfer:bulk", args=[plan.slug]), {"file": upload(as_xlsx(table[1:], header=table[0]))})
    page = officer_client.get(reverse("transfer:bulk_check", args=[plan.slug])).content.decode()
    assert "3 actions will be updated" in page
    assert "Progress on A1" in page and "Progress on A2" in page and "Progress on A3" not in page
    assert "These are the first 2 rows. The other 1 update will be recorded too." in page


def test_a_bulk_upload_with_a_bad_row_saves_nothing(officer_client, plan, make_action):
    make_action(reference="A1", status="green")
    content = as_xlsx([["A1", "Purple", "", 1]], header=["Reference", "Status", "Latest commentary", "Version"])
    before = ProgressUpdate.objects.count()
    response = officer_client.post(reverse("transfer:bulk", args=[plan.slug]), {"file": upload(content)})
    assert "is not a status" in response.content.decode()
    assert ProgressUpdate.objects.count() == before and Action.objects.get().status == "green"
