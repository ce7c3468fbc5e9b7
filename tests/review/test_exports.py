import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

CSV = reverse("review:export_csv")
XLSX = reverse("review:export_xlsx")


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_export_holds_exactly_the_filtered_rows_on_every_page(signed_in, member_user, make_action):
    for number in range(30):
        make_action(reference=f"R{number:02d}", status="red", order=number)
    make_action(reference="G", status="green")

    response = signed_in(member_user).get(CSV, {"status": "red", "page": 2})

    rows = csv_rows(response)
    assert response["Content-Disposition"].startswith('attachment; filename="review-2022-Q1')
    assert rows[0][:5] == ["Plan", "Section", "Aim", "Reference", "Action"]
    assert [row[3] for row in rows[1:]] == [f"R{number:02d}" for number in range(30)]


def test_csv_export_defaults_to_red_and_amber_like_the_list(signed_in, member_user, make_action):
    make_action(reference="R", status="red")
    make_action(reference="A", status="amber")
    make_action(reference="G", status="green")

    rows = csv_rows(signed_in(member_user).get(CSV))

    assert [row[3] for row in rows[1:]] == ["R", "A"]


def test_csv_export_neutralises_formula_like_text(signed_in, member_user, make_action):
    make_action(reference="X", status="red", description='=HYPERLINK("http://evil.example","Click")')
    make_action(reference="Y", status="red", description="-1+2", commentary="@SUM(A1:A9)")

    rows = csv_rows(signed_in(member_user).get(CSV))

    assert rows[1][4] == "'=HYPERLINK(\"http://evil.example\",\"Click\")"
    assert rows[2][4] == "'-1+2"
    assert rows[2][-1] == "'@SUM(A1:A9)"


def test_xlsx_export_holds_the_filtered_rows_as_text_not_formulas(signed_in, member_user, make_action):
    make_action(reference="X", status="amber", description="=1+1")
    make_action(reference="G", status="green", description="Not wanted")

    response = signed_in(member_user).get(XLSX, {"status": "amber"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 2
    assert values[1][3] == "X"
    assert values[1][4] == "'=1+1"
    assert sheet.cell(row=2, column=5).data_type == "s"


def test_owners_can_export_too_but_signed_out_visitors_cannot(client, signed_in, owner_user, make_action):
    make_action(status="red")

    assert client.get(CSV).status_code == 302
    assert signed_in(owner_user).get(CSV).status_code == 200
