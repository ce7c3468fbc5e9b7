"""Importing a new plan from any partnership's file (issues 13 and 17).

Plan officers only. Upload (details and file) -> for a Word document, pick the
table -> map the columns (skipped when the file is already in the plan layout)
-> say what the file's status words mean (only if it has words we cannot read)
-> preview -> confirm. The file is kept between the steps (``staging``) and read
again, through the guards, at every step: nothing is saved until the confirm
step, which puts the saving on the queue (``tasks.import_plan``, issue 18):
the task checks the file once more and saves everything or nothing, and the
officer follows its progress page. The choices are remembered for the
partnership's next import (``ImportSettings``).
"""

import datetime

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jobs import api as jobs
from jobs.models import Job
from plans import permissions
from plans.models import Membership, Partnership, Plan, Role
from plans.views.helpers import role_required

from . import importer, layout, mapping, staging, tasks, workbook
from .forms import ColumnsForm, ImportForm, TableForm, WordsForm
from .guards import SpreadsheetError, describe_word_tables, is_word, read_table
from .models import ImportSettings

officer_required = role_required(permissions.is_plan_officer)
PROBLEMS_MESSAGE = "The file has {count} problem{s}, listed below. Nothing has been saved: fix them and upload it again."
GONE = "There is no upload waiting to be checked. Upload the file again."


def report_problems(form, problems):
    count = len(problems)
    form.add_error("file", PROBLEMS_MESSAGE.format(count=f"{count:,}", s="" if count == 1 else "s"))


# --- Reading the kept file as the officer has said to --------------------------------


def _officer_partnerships(request):
    """The partnerships the person may import a plan into: those they are plan officer of."""
    return request.scope.partnerships().filter(pk__in=request.scope.officer_partnership_ids())


def _partnership(details, request=None):
    """The chosen partnership, or None for one that will be created on confirming.
    With the request, only one the person is plan officer of (else DoesNotExist):
    the kept choice is checked again at every step, as the file is."""
    if details.get("partnership") is None:
        return None
    partnerships = Partnership.objects if request is None else _officer_partnerships(request)
    return partnerships.get(pk=details["partnership"])


def _raw_table(content, details):
    """The kept file, read through the same guards as at upload: later steps trust nothing."""
    return read_table(content, details["filename"], cell_limit=layout.cell_limit, table=details.get("table") or 0)


def _describe(table, details, content):
    if details.get("columns") is not None:
        table = mapping.apply(table, details["columns"])
    description = importer.describe(table, partnership=_partnership(details),
                                    plan_start=datetime.date.fromisoformat(details["start"]),
                                    vocabulary=mapping.Vocabulary(details.get("words") or {}))
    # An exported workbook's other sheets: RAG key, glossary, foreword and the full history.
    workbook.attach(description, workbook.read_extras(content, details["filename"]))
    description.foreword = description.foreword or details.get("foreword", "")
    return description


def _same_plan(details):
    """A plan of this partnership with the same title and start: importing again would copy it."""
    if details.get("partnership") is None:
        return None
    return Plan.objects.filter(partnership_id=details["partnership"], title__iexact=details["title"],
                               period_start=details["start"]).first()


def _remembered(details):
    partnership = _partnership(details)
    settings = ImportSettings.objects.filter(partnership=partnership).first() if partnership else None
    return settings or ImportSettings(columns={}, words={})


def _staged(request):
    """(content, details, raw table) of the officer's staged import, or None if there is none."""
    upload = staging.staged(request, "import")
    if upload is None:
        return None
    content, details = upload
    try:
        _partnership(details, request)
        return content, details, _raw_table(content, details)
    except (SpreadsheetError, Partnership.DoesNotExist):
        staging.discard(request)
        raise Http404("The upload can no longer be read.") from None


def _next_step(details, table):
    """Where the officer goes after choosing columns: the words page only if the
    file has status or stage words that neither we nor the partnership know."""
    if details.get("columns") is None:
        return "transfer:import_check"
    words = mapping.words_in(table, details["columns"])
    known = {**mapping.KNOWN_WORDS, **_remembered(details).words}
    if any(word not in known for word in words):
        return "transfer:import_words"
    return "transfer:import_check"


# --- The steps -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@officer_required
def import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None, partnerships=_officer_partnerships(request))
    description = None
    if request.method == "POST" and form.is_valid():
        details, upload = form.details(), form.cleaned_data["file"]
        if is_word(upload.content, upload.name):
            tables = describe_word_tables(upload.content)
            usable = [summary for summary in tables if not summary["error"]]
            if not usable:
                form.add_error("file", tables[0]["error"])
            else:
                staging.stage(request, "import", upload.content, upload.name, **details, table=usable[0]["number"])
                return redirect("transfer:import_table" if len(tables) > 1 else "transfer:import_columns")
        elif mapping.is_plan_layout(upload.table, importer.REQUIRED):
            # The plan's own layout (an export): straight to the preview, problems shown here,
            # unless its Status or Stage column has words to explain first.
            columns = mapping.suggest(upload.table[0])
            if mapping.needs_words_page(mapping.words_in(upload.table, columns)):
                staging.stage(request, "import", upload.content, upload.name, **details, columns=columns)
                return redirect(_next_step(staging.update(request), upload.table))
            description = _describe(upload.table, {**details, "filename": upload.name}, upload.content)
            if description.problems:
                report_problems(form, description.problems)
            else:
                staging.stage(request, "import", upload.content, upload.name, **details)
                return redirect("transfer:import_check")
        else:
            staging.stage(request, "import", upload.content, upload.name, **details)
            return redirect("transfer:import_columns")
    return render(request, "transfer/import.html", {"form": form, "description": description})


@require_http_methods(["GET", "POST"])
@officer_required
def import_table(request):
    upload = staging.staged(request, "import")
    if upload is None or not is_word(upload[0], upload[1]["filename"]):
        messages.info(request, GONE)
        return redirect("transfer:import")
    content, details = upload
    try:
        tables = describe_word_tables(content)
    except SpreadsheetError:
        staging.discard(request)
        raise Http404("The upload can no longer be read.") from None
    form = TableForm(request.POST or None, tables=tables, initial={"table": details.get("table")})
    if request.method == "POST" and form.is_valid():
        staging.update(request, table=form.cleaned_data["table"], columns=None, words=None)
        return redirect("transfer:import_columns")
    return render(request, "transfer/import_table.html", {"form": form, "tables": tables, "details": details})


@require_http_methods(["GET", "POST"])
@officer_required
def import_columns(request):
    staged = _staged(request)
    if staged is None:
        messages.info(request, GONE)
        return redirect("transfer:import")
    _, details, table = staged
    headings = list(table[0])
    initial = details.get("columns") or mapping.suggest(headings, _remembered(details).columns)
    if len(initial) != len(headings):
        initial = mapping.suggest(headings, _remembered(details).columns)
    form = ColumnsForm(request.POST or None, headings=headings, initial_columns=initial)
    if request.method == "POST" and form.is_valid():
        details = staging.update(request, columns=form.columns())
        return redirect(_next_step(details, table))
    samples = [[layout.text(row[index]) if index < len(row) else "" for row in table[1:4]]
               for index in range(len(headings))]
    return render(request, "transfer/import_columns.html", {
        "form": form, "details": details, "rows": form.rows(samples),
    })


@require_http_methods(["GET", "POST"])
@officer_required
def import_words(request):
    staged = _staged(request)
    if staged is None or staged[1].get("columns") is None:
        messages.info(request, GONE)
        return redirect("transfer:import")
    _, details, table = staged
    words = mapping.words_in(table, details["columns"])
    remembered = {**_remembered(details).words, **(details.get("words") or {})}
    form = WordsForm(request.POST or None, words=words, suggestions=mapping.suggest_words(words, remembered))
    if request.method == "POST" and form.is_valid():
        staging.update(request, words=form.vocabulary())
        return redirect("transfer:import_check")
    return render(request, "transfer/import_words.html", {"form": form, "details": details})


@require_http_methods(["GET", "POST"])
@officer_required
def import_check(request):
    staged = _staged(request)
    if staged is None:
        messages.info(request, GONE)
        return redirect("transfer:import")
    content, details, table = staged
    description = _describe(table, details, content)
    existing = _same_plan(details)
    copy_refused = request.method == "POST" and existing is not None and not request.POST.get("copy")
    error = None
    if request.method == "POST" and not description.problems and not copy_refused:
        try:
            return redirect(_start(request, details, headings=list(table[0])))
        except jobs.TooManyJobs as too_many:
            error = str(too_many)
    columns = details.get("columns")
    return render(request, "transfer/import_check.html", {
        "error": error,
        "description": description, "details": details, "existing": existing, "copy_refused": copy_refused,
        "partnership_name": details.get("new_partnership") or _partnership(details).name,
        "start": datetime.date.fromisoformat(details["start"]), "end": datetime.date.fromisoformat(details["end"]),
        "mapped": columns is not None and [(layout.text(heading) or f"Column {index + 1}", field)
                                           for index, (heading, field) in enumerate(zip(table[0], columns))],
        "words": [(word, mapping.meaning(choice)) for word, choice in (details.get("words") or {}).items()],
    })


def describe_staged(content, details):
    """(description, raw table) of a kept file, read as the officer said: the queued
    import (tasks.import_plan) checks it once more, against the database as it is then."""
    table = _raw_table(content, details)
    return _describe(table, details, content), table


def _start(request, details, headings):
    """Put the plan's creation on the queue (tasks.import_plan); returns the job.
    A new partnership is made here, so the job has one to belong to: whoever sets
    it up is its plan officer, or they could not follow the job or see the plan."""
    with transaction.atomic():
        partnership = _partnership(details, request)
        if partnership is None:
            partnership = importer.create_partnership(details["new_partnership"])
            Membership.grant(request.user, partnership, Role.OFFICER)
            details = {**details, "partnership": partnership.pk}  # the session forgets it below
        job, _joined = jobs.start(Job.Kind.PLAN_IMPORT, f"plan_import:{details['path']}", partnership, request.user,
                                  tasks.import_plan, details["path"], details, headings, request.user.pk)
    staging.hand_over(request)
    return job
