"""Issue 14's matrix: every page x every role x own or other partnership.

The pages come from the resolver, so a page added later fails `test_every_page_is_in_the_matrix`
until it is given a rule and its arguments here. Each page is opened with
partnership A's objects ("own") and with partnership B's ("other") by A's
owner, member, chair and officer, a signed-out visitor and the service
administrator. A page of another partnership's object is a 404 (an id reveals
nothing); a page of one's own answers by the role rules below; and no page any
of A's people can open shows B's names. POSTs to the pages that change things,
with B's ids, must leave B's rows exactly as they were. The admin has its own
half, test_matrix_admin.py.

A failure prints every wrong cell: page, role, own/other, got, expected.
"""

import datetime
import io
import logging
import zipfile

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cycle.models import Succession
from jobs.models import Job
from meetings.models import AgendaItem
from plans.models import Plan
from plans.tenancy import PATHS

from .conftest import ROLES

SIGNED_IN = ROLES[1:]
PEOPLE_OF_A = ["owner", "member", "chair", "officer"]
LEAKS = ["Bravoshire", "BRAVO-SECRET", "bravoshire"]

# Who may open a page of their own partnership; the rest of the signed-in get 403.
RULES = {
    "public": set(ROLES),
    "signed_in": set(SIGNED_IN),
    "viewer": {"owner", "member", "chair", "officer", "superuser"},
    "action_owner": {"owner", "officer", "superuser"},
    "reviewer": {"member", "chair", "officer", "superuser"},
    "recorder": {"chair", "officer", "superuser"},
    "officer": {"officer", "superuser"},
}


def plan_args(r):
    return {"slug": r["plan"].slug}


def plan_aim(r):
    return {"slug": r["plan"].slug, "aim_id": r["aim"].pk}


def plan_period(r):
    return {"slug": r["plan"].slug, "period_slug": r["period"].slug}


def meeting(r):
    return {"pk": r["meeting"].pk}


def item(r):
    return {"pk": r["item"].pk}


def arising(r):
    return {"pk": r["arising"].pk}


def action(r):
    return {"pk": r["action"].pk}


def person(r):
    return {"slug": r["partnership"].slug, "user_id": r["person"].pk}


def partnership(r):
    return {"slug": r["partnership"].slug}


def job(r):
    return {"pk": r["job"].pk}


# url name: (rule, arguments from a partnership's records, or None for a page with no object)
PAGES = {
    "login": ("public", None),
    "logout": ("public", None),
    "signed_out": ("public", None),
    "password_reset": ("public", None),
    "password_reset_done": ("public", None),
    "password_reset_confirm": ("public", lambda r: {"uidb64": "MQ", "token": "set-password"}),
    "password_reset_complete": ("public", None),
    "password_change": ("signed_in", None),
    "password_change_done": ("signed_in", None),
    "home": ("viewer", None),
    "accessibility": ("public", None),
    "plan_detail": ("viewer", plan_args),
    "aim_detail": ("viewer", plan_aim),
    "my_actions": ("viewer", None),
    "action_detail": ("viewer", action),
    "action_update": ("action_owner", action),
    "action_no_change": ("action_owner", action),
    "review:dashboard": ("viewer", None),
    "review:action_list": ("viewer", None),
    "review:export_csv": ("viewer", None),
    "review:export_xlsx": ("viewer", None),
    "review:add_note": ("reviewer", action),
    "alerts:sent": ("signed_in", None),  # only ever the person's own alerts
    "boardpack:index": ("reviewer", None),
    "boardpack:download": ("reviewer", lambda r: {"pk": r["pack"].pk}),
    "boardpack:close": ("officer", lambda r: {"pk": r["period"].pk}),
    "boardpack:period": ("reviewer", plan_period),
    "boardpack:preview": ("reviewer", plan_period),
    "boardpack:generate": ("officer", plan_period),
    "transfer:index": ("officer", None),
    "transfer:export": ("officer", lambda r: {"slug": r["plan"].slug, "extension": "csv"}),
    "transfer:import": ("officer", None),
    "transfer:import_table": ("officer", None),
    "transfer:import_columns": ("officer", None),
    "transfer:import_words": ("officer", None),
    "transfer:import_check": ("officer", None),
    "transfer:bulk": ("officer", plan_args),
    "transfer:bulk_check": ("officer", plan_args),
    "transfer:bulk_apply": ("officer", plan_args),
    "indicators:index": ("viewer", None),
    "indicators:partnership": ("viewer", partnership),
    "indicators:import": ("officer", partnership),
    "indicators:indicator": ("viewer", lambda r: {"slug": r["partnership"].slug, "indicator_slug": r["indicator"].slug}),
    "meetings:index": ("reviewer", None),
    "meetings:create": ("recorder", None),
    "meetings:attendance_year": ("reviewer", None),
    "meetings:attendance_in": ("reviewer", lambda r: {"year": 2022}),
    "meetings:detail": ("reviewer", meeting),
    "meetings:edit": ("recorder", meeting),
    "meetings:minutes": ("reviewer", meeting),
    "meetings:minutes_pdf": ("reviewer", meeting),
    "meetings:attendance": ("recorder", meeting),
    "meetings:item_add": ("recorder", meeting),
    "meetings:arising_add": ("recorder", meeting),
    "meetings:item_edit": ("recorder", item),
    "meetings:item_remove": ("recorder", item),
    "meetings:decision": ("recorder", lambda r: {"pk": r["exception"].pk}),
    "meetings:arising_edit": ("recorder", arising),
    "meetings:arising_done": ("recorder", arising),
    "cycle:start": ("officer", plan_args),
    "cycle:carry_forward": ("officer", plan_args),
    "cycle:started": ("officer", lambda r: {"slug": r["previous_plan"].slug}),
    "cycle:progress_report": ("viewer", plan_args),
    "cycle:progress_report_pdf": ("viewer", plan_args),
    "landing": ("signed_in", None),
    "people:index": ("officer", None),
    "people:welcome": ("public", lambda r: {"uidb64": "MQ", "token": "set-password"}),
    "people:partnership": ("officer", partnership),
    "people:invite": ("officer", partnership),
    "people:teams": ("officer", partnership),
    "people:team_add_member": ("officer", lambda r: {"slug": r["partnership"].slug, "team_id": r["team"].pk}),
    "people:team_remove_member": ("officer", lambda r: {
        "slug": r["partnership"].slug, "team_id": r["team"].pk, "owner_id": r["owner"].pk,
    }),
    "people:person": ("officer", person),
    "people:resend": ("officer", person),
    "people:leaving": ("officer", person),
    "jobs:detail": ("viewer", job),  # anyone in the partnership may follow its jobs
}
# Pages whose arguments are not a partnership's object: opened once, as "own".
NO_OBJECT = {"password_reset_confirm", "people:welcome", "meetings:attendance_in"}

# A page whose work is a POST may refuse a GET (405) before it looks at anything: that reveals
# nothing, so a 405 passes wherever a signed-in person expects ok, 403 or 404. The POSTs are
# checked on their own below.

# What a POST carries: enough fields that a view which forgot its scope would save something.
HOSTILE_FORM = {
    "status": "green", "commentary": "Written by A into B", "outcome": "challenge", "note": "Written by A into B",
    "title": "Written by A into B", "description": "Written by A into B", "decision": "accepted",
    "decision_note": "Written by A into B", "due_on-day": "1", "due_on-month": "9", "due_on-year": "2022",
    "owner": "1", "confirm": "yes", "location": "Elsewhere", "kind": "standing", "done": "yes",
}


def url_names(patterns=None, namespace=""):
    """Every named page under the root URLconf, namespaced ("review:dashboard")."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def outcome(response):
    """A response as one word: ok, login, 403, 404, 405 or the status code."""
    code = response.status_code
    if code in (301, 302, 303):
        location = response["Location"]
        if "/sign-in/" in location and "next=" in location or "/admin/login/" in location:
            return "login"
        return "ok"
    if code == 200:
        return "ok"
    return str(code)


def expected(name, role, whose):
    """The role rules; another partnership's object is a 404 to anyone who could
    use the page in their own. To someone who could not even there, the page may
    say 403 (the role is checked first, plans.views.helpers) or 404 (the object
    is read first): either refuses, and neither depends on whose id it is."""
    rule, _ = PAGES[name]
    if role == "anonymous" and rule != "public":
        return "login"
    may = role in RULES[rule]
    if whose == "other" and rule != "public" and role != "superuser":
        return "404" if may else "403/404"
    return "ok" if may else "403"


def kind(got, want):
    """How bad a wrong cell is: let in, kept out, or refused with the other code."""
    if got.startswith("leak"):
        return "LEAK"
    if got == "ok":
        return "WRONGLY ALLOWED"
    if want == "ok":
        return "WRONGLY DENIED"
    return "wrong code"


def leaked(response, words=LEAKS):
    """B's names found in a response of any status: a page, a CSV, JSON, or inside an
    .xlsx (a zip of XML). PDFs are compressed and are not searched."""
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".xml"))
    text = body.decode("utf-8", "replace")
    return [word for word in words if word in text]


@pytest.fixture(autouse=True)
def quiet_error_log(monkeypatch):
    monkeypatch.setattr(logging.getLogger("django.request"), "disabled", True)


@pytest.fixture
def world(world):
    """The shared two partnerships, plus what only some pages need: an exception
    on each meeting's agenda (the decision page) and a previous plan that was
    succeeded by the current one (the "next plan started" page)."""
    for side, year in [("A", 2021), ("B", 2021)]:
        records = world[side]
        records["exception"] = AgendaItem.objects.create(
            meeting=records["meeting"], kind=AgendaItem.Kind.EXCEPTION, title=f"{records['word']} exception",
            action=records["action"], action_reference=records["action"].reference, status="red", order=2,
        )
        plan = records["plan"]
        records["previous_plan"] = previous = Plan.objects.create(
            partnership=plan.partnership, title=f"{plan.partnership.name} {year} plan", slug=f"{plan.slug}-{year}",
            published="April 2021", period_start=datetime.date(year, 4, 1), period_end=datetime.date(year + 1, 3, 31),
            status=Plan.State.ARCHIVED,
        )
        Succession.objects.create(previous_plan=previous, next_plan=plan)
        records["job"] = Job.objects.create(partnership=plan.partnership, key="pack:matrix", kind=Job.Kind.PACK)
    return world


def report(wrong, total):
    lines = [f"{len(wrong)} of {total} cells wrong (url name, role, own/other, got, expected):"]
    lines += [
        f"  {name:32} {role:10} {whose:6} got {got:14} expected {want:10} {kind(got, want)}"
        for name, role, whose, got, want in wrong
    ]
    return "\n".join(lines)


def test_every_page_is_in_the_matrix():
    names = {name for name in url_names() if not name.startswith("admin:")}
    assert sorted(names - set(PAGES)) == [], "new pages must join the matrix in PAGES"
    assert sorted(set(PAGES) - names) == [], "PAGES lists pages that no longer exist"


def test_every_page_answers_every_role_by_its_rule_in_its_own_partnership_and_404_in_another(world, clients):
    wrong, total = [], 0
    for name, (_, arguments) in PAGES.items():
        sides = [("own", world["A"])] + ([("other", world["B"])] if arguments and name not in NO_OBJECT else [])
        for whose, records in sides:
            url = reverse(name, kwargs=arguments(records) if arguments else None)
            for role in ROLES:
                response = clients[role].get(url)
                got, want = outcome(response), expected(name, role, whose)
                total += 1
                if got == "405":
                    pass
                elif got not in want.split("/"):
                    wrong.append((name, role, whose, got, want))
                if role in PEOPLE_OF_A and (words := leaked(response)):
                    wrong.append((name, role, whose, f"leak {words[0]}", "no B names"))
    print(f"{total} cells")
    assert not wrong, report(wrong, total)


def test_the_leak_search_finds_a_partnerships_names_in_a_page_a_csv_and_a_spreadsheet(world, clients):
    """The matrix's "no B names" is only as good as this search: it must find A's own names in A's pages."""
    for name in ["review:action_list", "review:export_csv", "review:export_xlsx"]:
        response = clients["officer"].get(reverse(name))
        assert leaked(response, ["Alpha action text"]), name


def fingerprint(world):
    """Every row of partnership B, every field: what no request from A may change."""
    b = world["B"]["partnership"].pk
    rows = {}
    for label, path in PATHS.items():
        model = apps.get_model(label)
        rows[label] = sorted(model._default_manager.filter(**{path: b}).values_list(), key=repr)
    return rows


def test_posts_with_another_partnerships_ids_change_nothing(world, clients):
    before = fingerprint(world)
    wrong, total = [], 0
    for name, (rule, arguments) in PAGES.items():
        if not arguments or name in NO_OBJECT:
            continue
        url = reverse(name, kwargs=arguments(world["B"]))
        for role in ["anonymous", *PEOPLE_OF_A]:
            got = outcome(clients[role].post(url, HOSTILE_FORM))
            total += 1
            want = "login" if role == "anonymous" else expected(name, role, "other")
            if got not in want.split("/") and got != "405":
                wrong.append((name, role, "other", got, want))
    after = fingerprint(world)
    changed = [label for label in before if before[label] != after[label]]
    print(f"{total} POST cells")
    assert not changed, f"B's rows changed by A's POSTs: {changed}\n" + report(wrong, total)
    assert not wrong, report(wrong, total)
