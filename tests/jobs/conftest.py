from tests.conftest import run_worker  # noqa: F401  (the queue's worker, in this process)
