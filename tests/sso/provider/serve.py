"""Start the test provider: python -m tests.sso.provider.serve PORT REDIRECT_URI

Migrates a fresh SQLite file (PROVIDER_DB), seeds it (seed.py) and serves on
127.0.0.1:PORT until killed. With TEST_CLOCK set (tests/conftest.py) its clock
moves with the suite's, so the ID tokens it signs are not from the future.
"""

import datetime
import os
import sys
import zoneinfo


def main(port, redirect_uri):
    clock = os.environ.get("TEST_CLOCK")
    if clock:
        import time_machine

        # The suite's clock at the moment it started this process (it has ticked
        # since TEST_CLOCK set it), else TEST_CLOCK's own morning.
        now = os.environ.get("TEST_CLOCK_NOW")
        moment = datetime.datetime.fromisoformat(now) if now else datetime.datetime.combine(
            datetime.date.fromisoformat(clock), datetime.time(9, 30), tzinfo=zoneinfo.ZoneInfo("Europe/London")
        )
        time_machine.travel(moment, tick=True).start()
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.sso.provider.settings"
    os.environ["PROVIDER_URL"] = f"http://127.0.0.1:{port}"
    import django
    from django.core.management import call_command

    django.setup()
    from tests.sso.provider.seed import seed

    call_command("migrate", verbosity=0)
    seed(redirect_uri)
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True, skip_checks=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
