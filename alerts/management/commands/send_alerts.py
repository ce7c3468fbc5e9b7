"""Email each person a digest of their alerts, and the chair a summary before
the partnership meeting. Safe to run as often as you like (cron or a systemd
timer, hourly or daily): the cadence is counted from the log of what was
actually sent, and a log row is written only after the mail server accepted
the message. See docs/alerts.md."""

import datetime
import fcntl
import hashlib
import smtplib
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.core.mail import mailers
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from alerts.digests import plan_digests
from alerts.emails import render_digest
from alerts.models import SentAlert
from meetings.chasing import record_sent as record_arising_sent


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date must look like 2022-05-16, not {value!r}.") from error


@contextmanager
def single_run():
    """Refuse to start while another run against the same database is sending,
    so two overlapping cron runs cannot both send the same digest."""
    name = hashlib.sha256(str(connection.settings_dict["NAME"]).encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"send_alerts-{name}.lock"
    with open(path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise CommandError("Another send_alerts run is still going; nothing sent.") from error
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Command(BaseCommand):
    help = "Send the alert digests due today (use --dry-run to see them without sending)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print what would be sent; send nothing.")
        parser.add_argument("--date", type=iso_date, help="Treat this day (YYYY-MM-DD) as today.")

    def handle(self, *args, dry_run=False, date=None, **options):
        today = date or timezone.localdate()
        self.verbosity = options.get("verbosity", 1)
        with single_run():
            digests = plan_digests(today)
            if dry_run:
                self.show(digests, today)
                return
            sent, failed = self.deliver_all(digests, today)
        if self.verbosity >= 1:
            self.stdout.write(f"{today}: sent {sent} email(s); {failed} failed.")
        if failed:
            # A non-zero exit makes cron or systemd report it; the failed ones go next run.
            raise CommandError(f"{failed} email(s) could not be sent; they will be tried again next run.")

    def show(self, digests, today):
        if not digests:
            self.stdout.write(f"{today}: nothing to send.")
        for digest in digests:
            message = render_digest(digest, today)
            self.stdout.write(f"Would send to {digest.recipient.name} <{digest.email}>: {message.subject}")
            for item in digest.items:
                about = item.action.reference if item.action else "the plan"
                self.stdout.write(f"  - {item.label}: {about}")
            if self.verbosity >= 2:
                self.stdout.write(message.body)

    def deliver_all(self, digests, today):
        mailer = mailers.default
        sent = failed = 0
        try:
            for digest in digests:
                if self.deliver(mailer, digest, today):
                    sent += 1
                else:
                    failed += 1
        finally:
            self.close(mailer)
        return sent, failed

    def deliver(self, mailer, digest, today):
        """Send one digest; log its items only once the server has accepted it."""
        message = render_digest(digest, today)
        try:
            accepted = mailer.send_messages([message])
        except (smtplib.SMTPException, OSError) as error:
            self.stderr.write(f"Could not send to {digest.email}: {error}")
            self.close(mailer)  # start the next digest on a fresh connection
            return False
        if not accepted:
            self.stderr.write(f"The mail server did not accept the email to {digest.email}.")
            return False
        self.record(digest, today)
        if self.verbosity >= 2:
            self.stdout.write(f"Sent to {digest.email}: {message.subject}")
        return True

    def record(self, digest, today):
        now = timezone.now()
        with transaction.atomic():
            SentAlert.objects.bulk_create(
                SentAlert(
                    recipient=digest.recipient,
                    email=digest.email,
                    action=item.action,
                    kind=item.kind,
                    occurrence=item.occurrence,
                    on_behalf_of=item.on_behalf_of,
                    sent_on=today,
                    sent_at=now,
                )
                for item in digest.items
            )
            record_arising_sent(digest, today, now)

    def close(self, mailer):
        try:
            mailer.close()
        except (smtplib.SMTPException, OSError):
            pass  # the connection is already gone; the next send opens a new one
