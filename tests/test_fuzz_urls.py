"""Every URL the site answers, as every role, with hostile input: nothing may
answer 500 (issue 13 found 27 in 526 fuzzed GETs), redirect off the site, or
echo a script tag unescaped.

The URLs come from the resolver itself, admin included, so a page added later
is fuzzed without anyone listing it. Path parameters are filled from a small
real set (the Sefton plan, its partnership, a period, a board pack, an action):
each page gets the first real value it accepts, then hostile ones in turn. The
plan officer first opens every page plainly while the test watches which query
parameters the page reads; each page is then sent every hostile value in every
parameter it reads, all at once, one hostile value per request. The other roles
open every page plainly and with a couple of hostile queries. Admin pages are
Django's own, so they get a rotating sample of hostile ids and queries.
About 1,300 requests: under a minute on a quiet machine.
"""

import datetime
import itertools
import logging
import re
from urllib.parse import quote, urlencode

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from boardpack.models import BoardPack
from plans.models import Action

NOW = datetime.datetime(2022, 5, 16, 10, tzinfo=datetime.UTC)
LONG = "x" * 3000
SCRIPT = "<script>alert(1)</script>"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

# Values for path parameters; each is used only where the parameter's converter accepts it.
HOSTILE_PATH_VALUES = [
    "0", "99999999999999999999", "-1", SCRIPT, "'\"", "..", "\x00", "%00", "ñ😀", LONG,
    "2022-Q9", "0-Q1", "-1-Q1", "99999-Q4", "1.5",
]

# One request per value, the value in every parameter the page reads.
HOSTILE_VALUES = [
    SCRIPT, "'\"", "../../etc/passwd", "\x00", LONG, "ñ😀\u2028", "", "-1", "99999999999999999999",
    "-aim__section__plan__partnership__chair__user__password", "//evil.example", "javascript:alert(1)",
    "0-Q1", "2022-Q9",
]
# Parameters worth trying even on a page that did not read them when opened plainly.
COMMON_PARAMETERS = ["plan", "period", "page", "sort", "next"]
# Raw query strings that no value can express.
RAW_QUERIES = [
    "plan=%ff%fe&period=%C0%AF",  # not UTF-8
    "%=%&&==&%zz",
    "plan=a&plan=b&plan=&page=1&page=x",
    "a=1&" * 1200,  # more fields than Django parses
]
# The admin: Django's own views, with the lookups and switches people craft.
ADMIN_QUERIES = [
    "o=__class__", "o=999.-1", "p=-1", "p=99999", "q=%00", "q=" + quote(SCRIPT), "_to_field=password",
    "id__gt=0", "e=1", "all=&_popup=1", "plan__id__exact=99999999999999999999", "owners__id__exact=abc",
    "status__exact=%00", "_changelist_filters=" + quote("o=__class__"), "next=//evil.example", "a=1&" * 1200,
]
ADMIN_HOSTILE_IDS = 1  # hostile values per admin path parameter, rotating

GROUP = re.compile(r"\(\?P<(?P<name>\w+)>")
_rotation = itertools.count()


def endpoints(patterns=None, prefix=""):
    """(full regex, is admin) for every endpoint under the root URLconf, recursively."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        regex = prefix + entry.pattern.regex.pattern.lstrip("^")
        if isinstance(entry, URLResolver):
            yield from endpoints(entry.url_patterns, regex)
        elif isinstance(entry, URLPattern):
            yield regex, regex.startswith("admin/")


def split_groups(regex):
    """[literal, (name, group regex), literal, ...]: named groups, nested parentheses balanced."""
    parts, position = [], 0
    for match in GROUP.finditer(regex):
        if match.start() < position:
            continue  # nested in the group just taken
        parts.append(regex[position:match.start()])
        depth, index = 1, match.end()
        while depth:
            depth += {"(": 1, ")": -1}.get(regex[index], 0)
            index += 2 if regex[index] == "\\" else 1
        parts.append((match["name"], regex[match.end():index - 1]))
        position = index
    parts.append(regex[position:])
    return parts


def literal(text):
    return re.sub(r"\\(.)", r"\1", text.replace("\\Z", "").rstrip("$"))


def rotate(values, count):
    """``count`` of ``values``, starting further along on each call, so that
    across many pages every value is tried somewhere."""
    if count is None or count >= len(values):
        return list(values)
    start = next(_rotation)
    return [values[(start + offset) % len(values)] for offset in range(count)]


def fillings(regex, real, hostile_count=None):
    """(real paths, hostile paths) for an endpoint: every mix of real values,
    then the first real mix with one parameter made hostile."""
    options, hostile = [], []
    for part in split_groups(regex):
        if isinstance(part, str):
            options.append([literal(part)])
            hostile.append([])
            continue
        name, group = part
        offered = group.split("|") if re.fullmatch(r"[\w|-]+", group) else real.get(name, ["1"])
        accepted = [value for value in offered if re.fullmatch(group, value)][:3]
        bad = [value for value in HOSTILE_PATH_VALUES if re.fullmatch(group, value) and value not in accepted]
        options.append(accepted)
        hostile.append(rotate(bad, hostile_count))
    if not all(options):
        return [], []
    real_paths = [as_path(combo) for combo in itertools.product(*options)]
    first = [values[0] for values in options]
    hostile_paths = [
        as_path(first[:index] + [value] + first[index + 1:])
        for index, values in enumerate(hostile) for value in values
    ]
    return real_paths, hostile_paths


def as_path(parts):
    return "/" + quote("".join(parts), safe="/:@!$&'()*+,;=-._~")


@pytest.fixture
def real_values(sefton):
    """The Sefton plan, its demo users, a period and a stored board pack."""
    with time_machine.travel(NOW, tick=False):
        call_command("load_demo_users", stdout=open("/dev/null", "w"))
    period = sefton.partnership.reporting_periods.get(year=2022, quarter=1)
    pack = BoardPack.objects.create(plan=sefton, period=period, created_at=NOW, data_as_at=NOW, pdf=b"%PDF-1.4")
    action = Action.objects.get(plan=sefton, reference="P8.4")
    if connection.vendor == "postgresql":
        # A new test database has no planner statistics (autovacuum never sees
        # rows inside the test's transaction), so PostgreSQL takes every table as
        # empty and nests loops: one page's query took 30 s for each of the
        # ~1,300 requests. Production tables are analysed by autovacuum.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "pk": [str(action.pk), str(period.pk), str(pack.pk)],
        "slug": [sefton.slug, sefton.partnership.slug],
        "period_slug": [period.slug],
        "url": ["nope/"],
    }


@pytest.fixture(autouse=True)
def quiet_error_log(monkeypatch):
    """Thousands of logged tracebacks would slow the test; failures name their error."""
    monkeypatch.setattr(logging.getLogger("django.request"), "disabled", True)


@pytest.fixture
def read_parameters(monkeypatch):
    """A set that fills with the query parameter names pages ask for."""
    names = set()
    for method in ("get", "getlist", "__getitem__", "__contains__"):
        original = getattr(QueryDict, method)

        def watching(self, key, *args, _original=original, **kwargs):
            if isinstance(key, str):
                names.add(key)
            return _original(self, key, *args, **kwargs)

        monkeypatch.setattr(QueryDict, method, watching)
    return names


class Fuzzer:
    def __init__(self):
        self.requests, self.failures = 0, []

    def get(self, role, client, path, query=""):
        url = f"{path}?{query}" if query else path
        response = client.get(url)
        self.requests += 1
        problem = None
        if response.status_code >= 500:
            error = (getattr(response, "exc_info", None) or (None, None))[1]
            problem = f"{response.status_code} {type(error).__name__}: {str(error)[:100]}"
        elif "evil.example" in response.get("Location", "").split("?")[0]:
            problem = "redirects off the site"
        elif response.get("Content-Type", "").startswith("text/html") and SCRIPT.encode() in response.content:
            problem = "echoes a script tag"
        if problem:
            self.failures.append(f"{problem}: {role} GET {url[:160]}")
        return response


def clients():
    """{role: Client}: signed out, an action owner, the chair, the plan officer."""
    users = get_user_model().objects.in_bulk(["manager", "chair", "officer"], field_name="username")
    found = {"anonymous": Client(raise_request_exception=False)}
    for role, username in [("owner", "manager"), ("chair", "chair"), ("officer", "officer")]:
        found[role] = Client(raise_request_exception=False)
        found[role].force_login(users[username], backend=MODEL_BACKEND)
    return found


def hostile_queries(parameters):
    names = sorted(set(parameters) | set(COMMON_PARAMETERS))
    return [urlencode({name: value for name in names}) for value in HOSTILE_VALUES] + RAW_QUERIES


def open_plainly(fuzz, role, client, paths, read_parameters):
    """The first of ``paths`` the page accepts (not 404), and the query parameters it read."""
    for path in paths:
        read_parameters.clear()
        if fuzz.get(role, client, path).status_code != 404:
            break
    return path, set(read_parameters)


def test_no_page_fails_any_role_given_hostile_paths_and_queries(real_values, read_parameters):
    fuzz = Fuzzer()
    with time_machine.travel(NOW, tick=False):
        by_role = clients()
        officer = by_role.pop("officer")
        others = list(by_role.items())
        assert officer.get("/").status_code == 200, "the plan officer is not signed in"
        for regex, admin in endpoints():
            real_paths, hostile_paths = fillings(regex, real_values, ADMIN_HOSTILE_IDS if admin else None)
            if not real_paths:
                continue
            path, parameters = open_plainly(fuzz, "officer", officer, real_paths, read_parameters)
            if admin:  # the lists read every parameter; the rest are Django's forms
                queries = [] if "(?P<" in regex else rotate(ADMIN_QUERIES, 1)
            else:
                queries = hostile_queries(parameters) if parameters else rotate(RAW_QUERIES, 1)
            for query in queries:
                fuzz.get("officer", officer, path, query)
            # In the admin the others meet Django's sign-in redirect: one role a page will do.
            for role, client in rotate(others, 1) if admin else others:
                _, read = open_plainly(fuzz, role, client, [path], read_parameters)
                for query in rotate(hostile_queries(read), 2) if read and not admin else []:
                    fuzz.get(role, client, path, query)
            for hostile_path in hostile_paths:
                fuzz.get("officer", officer, hostile_path)
    print(f"{fuzz.requests} requests")
    assert fuzz.requests > 1000, "the resolver walk found too few pages"
    assert not fuzz.failures, f"{len(fuzz.failures)} of {fuzz.requests} requests failed:\n" + "\n".join(
        fuzz.failures[:60]
    )


# --- The 500s the fuzzing found, one by one ------------------------------------------


def test_closing_a_period_with_a_crafted_plan_parameter_cancels_to_the_periods_own_plan(
    client, officer_user, plan, period
):
    client.force_login(officer_user, backend=MODEL_BACKEND)
    with time_machine.travel(NOW, tick=False):
        response = client.get(f"/board-packs/periods/{period.pk}/close/?plan=%3Cscript%3E")
    assert response.status_code == 200
    assert f'href="/board-packs/{plan.slug}/{period.slug}/"' in response.content.decode()


@pytest.mark.parametrize("quarter", ["0-Q1", "-1-Q4", "10000-Q1"])
def test_a_quarter_outside_the_calendar_is_not_found_rather_than_a_crash(client, chair_user, plan, quarter):
    client.force_login(chair_user, backend=MODEL_BACKEND)
    with time_machine.travel(NOW, tick=False):
        assert client.get(f"/review/dashboard/?period={quarter}").status_code == 404


@pytest.mark.parametrize("path", ["plans/plan/abc/history/", "plans/action/1.5/history/", "plans/plan/1/history/x/"])
def test_an_admin_history_page_for_an_id_that_cannot_exist_is_not_found(client, officer_user, plan, path):
    client.force_login(officer_user, backend=MODEL_BACKEND)
    assert client.get(f"/admin/{path}").status_code == 404
