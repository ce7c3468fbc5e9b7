#!/usr/bin/env python
"""Repeat issue 13's probe: what a hostile or careless user can do to the service.

Runs in a throwaway SQLite database with the Sefton plan, its indicators and the
demo users, through the real views (Django's test client, exceptions turned into
500s as a server would), and prints one line per case with its counts. The
concurrency cases are scripts/probe_sqlite_concurrency.py; page widths with long
words are tests/browser/test_long_text.py.

    .venv/bin/python scripts/probe_hostile.py
"""

import datetime
import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 11, 29)
LINES = []


def report(case, outcome):
    LINES.append((case, outcome))
    print(f"- {case}: {outcome}", flush=True)


def setup():
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "yjs.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='sdp-hostile-')}/probe.sqlite3"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    out = io.StringIO()
    call_command("load_sefton_plan", today=TODAY, stdout=out)
    call_command("load_sefton_indicators", stdout=out)
    call_command("load_demo_users", stdout=out)


def client(username=None):
    from django.contrib.auth import get_user_model
    from django.test import Client

    c = Client(raise_request_exception=False)
    if username:
        c.force_login(get_user_model().objects.get(username=username))
    return c


def action(reference):
    from plans.models import Action

    return Action.objects.get(plan__slug__startswith="sefton", reference=reference)


def post_update(c, ref, commentary, status="amber"):
    a = action(ref)
    return c.post(f"/actions/{a.pk}/update/", {"status": status, "commentary": commentary, "version": a.version})


def case_long_commentary():
    from boardpack.services import pack_pdf
    from plans import text
    from plans.models import ProgressUpdate, ReportingPeriod

    manager = client("manager")
    before = ProgressUpdate.objects.count()
    response = post_update(manager, "A2.3", "x" * 2_400_000)
    saved = ProgressUpdate.objects.count() - before
    report("owner posts a 2.4 MB commentary", f"HTTP {response.status_code}, {saved} saved")

    officer = client("officer")
    for ref in ("A2.3", "A1.1", "P2.2"):
        post_update(officer, ref, ("word " * 700)[: text.COMMENTARY])
    plan = action("A2.3").plan
    period = ReportingPeriod.objects.filter(partnership=plan.partnership).order_by("-year", "-quarter").first()
    started = time.perf_counter()
    pdf, _ = pack_pdf(plan, period, TODAY)
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    report(f"board pack with three commentaries at the limit ({text.COMMENTARY:,} characters)",
           f"{pages} pages in {time.perf_counter() - started:.1f} s")


def case_control_characters():
    from plans.models import ProgressUpdate

    manager = client("manager")
    refused = sum(post_update(manager, "A2.3", f"Delayed {ch} again").status_code == 200 for ch in "\x0b\x1b\x07")
    report("commentary holding \\x0b, \\x1b or \\x07 through the form", f"{refused} of 3 refused with a message")
    # Stored anyway (an older row, a direct database edit): exports must still work.
    a = action("A2.3")
    ProgressUpdate.objects.filter(action=a).update(commentary="Escape \x1b[31m bell \x07 tab\x0b")
    officer = client("officer")
    urls = [f"/spreadsheets/plans/{a.plan.slug}/export.xlsx", f"/spreadsheets/plans/{a.plan.slug}/export.csv",
            "/review/actions/export.xlsx", "/review/actions/export.csv"]
    codes = [officer.get(url).status_code for url in urls]
    report("exports with control characters stored in commentary", f"{codes.count(200)} of {len(codes)} OK ({codes})")


def xlsx_with_rows(rows):
    """A tiny .xlsx claiming many rows (sheet XML compresses to almost nothing)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')  # noqa: E501
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')  # noqa: E501
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')  # noqa: E501
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')  # noqa: E501
        with z.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')  # noqa: E501
            row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
            for _ in range(rows // 1000):
                sheet.write(row * 1000)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def upload(c, url, name, content, **data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    started = time.perf_counter()
    response = c.post(url, {"file": SimpleUploadedFile(name, content), **data})
    return response.status_code, time.perf_counter() - started


def case_indicator_files():
    from indicators.models import IndicatorValue

    from plans.models import Partnership

    officer = client("officer")
    url = f"/indicators/{Partnership.objects.get(name__startswith='Sefton').slug}/import/"
    truncated = xlsx_with_rows(100)[:-200]
    files = {
        "XLSX with 4 million rows": ("big.xlsx", xlsx_with_rows(4_000_000)),
        "CSV with 800,000 rows": ("big.csv", b"Indicator,Period,Area,Value\n" + b"a,2021,b,1\n" * 800_000),
        "truncated XLSX": ("broken.xlsx", truncated),
        "CSV with a 200,000-character field": ("wide.csv", b"Indicator,Period,Area,Value\n" + b"x" * 200_000 + b",2021,b,1\n"),
        "CSV with a NUL byte after 4 KB": ("nul.csv", b"Indicator,Period,Area,Value\n" + b"a,2021,b,1\n" * 500 + b"a\x00,2021,b,1\n"),
    }
    before = IndicatorValue.objects.count()
    for label, (name, content) in files.items():
        status, seconds = upload(officer, url, name, content)
        report(f"indicators import: {label} ({len(content) / 1024:,.0f} KB)", f"HTTP {status} in {seconds:.1f} s")
    report("indicator figures saved by those files", IndicatorValue.objects.count() - before)


def case_bulk_nul():
    from plans.models import ProgressUpdate

    officer = client("officer")
    plan = action("A2.3").plan
    export = officer.get(f"/spreadsheets/plans/{plan.slug}/export.csv").content
    content = export + b"\n" * 10 + b"x" * 4200 + b"\x00\n"
    before = ProgressUpdate.objects.count()
    status, _ = upload(officer, f"/spreadsheets/plans/{plan.slug}/update/", "update.csv", content)
    report("bulk update CSV with a NUL byte past 4 KB", f"HTTP {status}, {ProgressUpdate.objects.count() - before} saved")


def case_passwords():
    c = client()
    codes = []
    for _ in range(50):
        codes.append(c.post("/sign-in/", {"username": "manager", "password": "wrong"}).status_code)
    right = c.post("/sign-in/", {"username": "manager", "password": os.environ.get("DEMO_PASSWORD", "sefton-demo-2026")})
    report("50 wrong passwords", f"{codes.count(429)} of 50 answered 'locked out'; the right password then: "
           f"HTTP {right.status_code} ({'signed in' if right.status_code == 302 else 'refused'})")
    reset = client().get("/sign-in/forgotten-password/")
    report("password reset page", f"HTTP {reset.status_code}")


def case_crafted_urls():
    officer = client("officer")
    from plans.models import ReportingPeriod

    period = ReportingPeriod.objects.first()
    hostile = ["<script>alert(1)</script>", "'\"", "../../etc", "%00", "x" * 5000, "é✓", "-1", "__class__"]
    codes = []
    for value in hostile:
        for path in (f"/board-packs/periods/{period.pk}/close/", "/review/actions/", "/", "/my-actions/"):
            for param in ("plan", "page", "sort", "status", "next", "aim"):
                codes.append(officer.get(path, {param: value}).status_code)
    report(f"{len(codes)} crafted query strings", f"{codes.count(500)} answered 500")


def case_newline_name():
    from django.core import mail
    from django.core.management import call_command

    from plans.models import Partnership

    Partnership.objects.filter(name__startswith="Sefton").update(name="Sefton Youth Justice\nPartnership")
    mail.outbox = []
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("send_alerts", date=TODAY, stdout=out, stderr=err)
        exit_code = 0
    except SystemExit as exc:
        exit_code = exc.code
    except Exception as exc:  # counted, not hidden
        exit_code = f"{type(exc).__name__}"
    report("partnership name with a newline: send_alerts", f"exit {exit_code}, {len(mail.outbox)} emails sent")
    Partnership.objects.filter(name__startswith="Sefton").update(name="Sefton Youth Justice Partnership")


def case_archived():
    from plans.models import Plan, ProgressUpdate

    plan = action("A2.3").plan
    Plan.objects.filter(pk=plan.pk).update(status=Plan.State.ARCHIVED)
    before = ProgressUpdate.objects.count()
    response = post_update(client("manager"), "A2.3", "Late update")
    report("owner posts an update to an archived plan's action", f"HTTP {response.status_code}, "
           f"{ProgressUpdate.objects.count() - before} saved")
    Plan.objects.filter(pk=plan.pk).update(status=plan.status)


def case_tbc_action():
    c = client("officer")
    a = action("P8.4")
    url = f"/admin/plans/action/{a.pk}/change/"
    response = c.post(url, admin_form_as_shown(c.get(url)))
    report("P8.4 ('TBC', no owner) saved unchanged in the admin",
           "saved" if response.status_code == 302 else f"refused (HTTP {response.status_code})")


def admin_form_as_shown(page):
    """What a browser sends back from an admin change page, every field as shown."""
    data = {}

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

    add(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def case_headers_and_deploy():
    officer = client("officer")
    plan = action("A2.3").plan
    urls = ["/my-actions/", f"/spreadsheets/plans/{plan.slug}/export.xlsx", "/review/actions/export.csv"]
    no_store = sum("no-store" in officer.get(url).get("Cache-Control", "") for url in urls)
    report("signed-in page, XLSX and CSV downloads with Cache-Control: no-store", f"{no_store} of {len(urls)}")
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "sdp.example.org",
           "DATABASE_URL": "postgres://sdp:sdp@localhost:5432/sdp"}
    env.pop("EMAIL_HOST", None)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=REPO, env=env,
                            capture_output=True, text=True)
    report("check --deploy with the README's production settings", f"exit {result.returncode}")


def main():
    setup()
    for case in (case_long_commentary, case_control_characters, case_indicator_files, case_bulk_nul,
                 case_passwords, case_crafted_urls, case_newline_name, case_archived, case_tbc_action,
                 case_headers_and_deploy):
        try:
            case()
        except Exception as exc:  # one broken case must not hide the others
            report(case.__name__, f"probe failed: {type(exc).__name__}: {exc}")


if __name__ == "__main__":
    main()
