"""The default database copes with a small team writing at once (issue 13).

Runs scripts/probe_sqlite_concurrency.py in its own process, against a real
SQLite file (the suite's in-memory database locks differently): owners saving
while an import is confirmed, and three officers closing one quarter at once."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "probe_sqlite_concurrency.py"

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="a SQLite probe; the PostgreSQL run skips it"
)


def probe(*args):
    env = {**os.environ, "DEBUG": "1"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--json", *args], capture_output=True, text=True, env=env, timeout=300
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_owners_saving_during_an_import_and_officers_closing_at_once_all_succeed_or_are_told_why():
    result = probe("--rows", "300")
    assert result["import"].startswith("imported")
    assert result["owner_update_failures"] == 0, result
    assert result["close_failures"] == 0, result
    # One officer closes the quarter; the others are told it is already closed (a redirect with a message).
    assert result["closes"] == {"302": 3}
