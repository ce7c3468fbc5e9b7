import pytest
from django.core.management import call_command


@pytest.fixture
def run_worker():
    """Run what is on the queue with the worker's own code (db_worker --batch), in
    this process, so it sees the test database."""

    def run():
        call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)

    return run
