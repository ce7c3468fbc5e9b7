"""An action Not rated at the end of the last quarter and rated now is "Newly
rated", not "Unchanged" (issue 15, item 5): on the review list, the dashboard,
the exports and the board pack alike."""

from django.urls import reverse

from boardpack.pack import pack_context
from plans.rag import Direction

from .test_exports import csv_rows

LIST = reverse("review:action_list")


def test_an_action_rated_for_the_first_time_this_quarter_is_newly_rated_everywhere(
    signed_in, member_user, plan, period, today, make_action, update
):
    first_rating = make_action(reference="A1.3")  # in the plan all along, never rated
    update(first_rating, "amber")
    make_action(reference="STILL", status="amber")
    client = signed_in(member_user)

    listed = client.get(LIST, {"status": "amber", "sort": "reference"})
    rows = {row.record.reference: row.record.review for row in listed.context["table"].page.object_list}
    assert (rows["A1.3"].direction, rows["STILL"].direction) == (Direction.NEWLY_RATED, Direction.UNCHANGED)
    assert "Newly rated" in listed.content.decode()

    filtered = client.get(LIST, {"plan": "", "direction": "newly_rated"})
    assert [row.record.reference for row in filtered.context["table"].page.object_list] == ["A1.3"]

    exported = {row[3]: row for row in csv_rows(client.get(reverse("review:export_csv"), {"status": "amber"}))}
    assert "Newly rated" in exported["A1.3"] and "Newly rated" not in exported["STILL"]

    dashboard = client.get(reverse("review:dashboard")).context["summary"]
    assert dashboard.directions[Direction.NEWLY_RATED] == 1

    pack = pack_context(plan, period, today)
    assert pack["summary"].directions[Direction.NEWLY_RATED] == 1
    assert {a.reference: a.direction_word for a in pack["actions"]}["A1.3"] == "Newly rated"
    assert "Newly rated" in [entry["word"] for entry in pack["key"]["directions"]]
