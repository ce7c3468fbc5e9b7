import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plans.spreadsheets import csv_bytes, xlsx_bytes
from transfer import layout


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Staged uploads go to a throwaway folder, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Imports and bulk updates go on the queue (transfer.tasks); here the queue runs
    each task in the request, so a test follows the task's own code to the end."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def officer_client(client, officer_user):
    client.force_login(officer_user)
    return client


def row(**cells):
    """A plan-layout row from keyword cells: row(reference="A1", action="Do it", ...)."""
    names = {name.lower().replace(" ", "_").replace("?", ""): name for name in layout.COLUMNS}
    values = {names[key]: value for key, value in cells.items()}
    return [values.get(name, "") for name in layout.COLUMNS]


def plan_row(reference="A1.1", action="Review the out of court disposal panel", **cells):
    cells = {"section": "Standards", "aim": "Aim 1", "aim_title": "Reduce first time entrants",
             "reference": reference, "action": action, **cells}
    return row(**cells)


def as_csv(rows, header=None):
    return csv_bytes(header or layout.COLUMNS, rows)


def as_xlsx(rows, header=None):
    return xlsx_bytes(header or layout.COLUMNS, rows)


def upload(content, name="plan.xlsx"):
    return SimpleUploadedFile(name, content)
