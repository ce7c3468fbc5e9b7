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
                done, failures = self.show(digests, today)
            else:
                done, failures = self.deliver_all(digests, today)
        self.summarise(today, dry_run, done, failures)

    def summarise(self, today, dry_run, done, failures):
        """One line for the log; then, if any email failed, a non-zero exit that
        names each one (cron or systemd reports it; a real run tries them again next time)."""
        if self.verbosity >= 1:
            verb = "would send" if dry_run else "sent"
            self.stdout.write(f"{today}: {verb} {done} email(s); {len(failures)} failed.")
        if failures:
            outcome = "could not be built; a real run would not send them" if dry_run else (
                "could not be sent; they will be tried again next run"
            )
            lines = "".join(f"\n  - {email}: {reason}" for email, reason in failures)
            raise CommandError(f"{len(failures)} email(s) {outcome}:{lines}")

    def build(self, digest, today):
        """The email exactly as it will go: rendered, and its headers written out
        as the mail backend writes them, so a message that cannot be sent (a line
        break in an address, say) fails here, in --dry-run as in a real run."""
        message = render_digest(digest, today)
        message.message()
        return message

    def failed(self, failures, digest, error):
        reason = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        self.stderr.write(f"Could not send to {digest.recipient.name} <{digest.email}>: {reason}")
        failures.append((digest.email, reason))

    def show(self, digests, today):
        if not digests:
            self.stdout.write(f"{today}: nothing to send.")
        done, failures = 0, []
        for digest in digests:
            try:
                message = self.build(digest, today)
            except Exception as error:  # one bad digest must not hide the rest
                self.failed(failures, digest, error)
                continue
            done += 1
            self.stdout.write(f"Would send to {digest.recipient.name} <{digest.email}>: {message.subject}")
            for item in digest.items:
                about = item.action.reference if item.action else "the plan"
                self.stdout.write(f"  - {item.label}: {about}")
            if self.verbosity >= 2:
                self.stdout.write(message.body)
        return done, failures

    def deliver_all(self, digests, today):
        mailer = mailers.default
        sent, failures = 0, []
        self.accepted = []  # [(digest, when the server took it)], logged in one go at the end
        try:
            for digest in digests:
                if self.deliver(mailer, digest, today, failures):
                    sent += 1
        finally:
            self.close(mailer)
            self.write_log(today)
        return sent, failures

    def deliver(self, mailer, digest, today, failures):
        """Send one digest; log its items only once the server has accepted it.
        A digest that cannot be built or sent is reported and skipped: the others still go."""
        try:
            message = self.build(digest, today)
        except Exception as error:  # as in show(): the same failures, found the same way
            self.failed(failures, digest, error)
            return False
        try:
            accepted = mailer.send_messages([message])
        except (smtplib.SMTPException, OSError, ValueError) as error:
            self.failed(failures, digest, error)
            self.close(mailer)  # start the next digest on a fresh connection
            return False
        if not accepted:
            self.failed(failures, digest, "the mail server did not accept it")
            return False
        self.record(digest, today)
        if self.verbosity >= 2:
            self.stdout.write(f"Sent to {digest.email}: {message.subject}")
        return True

    def record(self, digest, today):
        """Note a digest the server accepted; ``write_log`` saves it."""
        self.accepted.append((digest, timezone.now()))

    def write_log(self, today):
        """Log every accepted digest's items in one transaction and one bulk insert,
        however the run ended (even if a later digest raised), rather than one
        transaction per digest (137 on a busy day; issue 18). A digest that was not
        accepted is not logged, so the next run tries it again."""
        accepted, self.accepted = self.accepted, []
        if not accepted:
            return
        with transaction.atomic():
            SentAlert.objects.bulk_create(
                (
                    SentAlert(  # by id: setting the objects cost a third of building the rows
                        recipient_id=digest.recipient.pk,
                        email=digest.email,
                        action_id=item.action.pk if item.action else None,
                        kind=item.kind,
                        occurrence=item.occurrence,
                        on_behalf_of_id=item.on_behalf_of.pk if item.on_behalf_of else None,
                        sent_on=today,
                        sent_at=now,
                    )
                    for digest, now in accepted
                    for item in digest.items
                ),
                batch_size=2000,
            )
            for digest, now in accepted:
                record_arising_sent(digest, today, now)

    def close(self, mailer):
        try:
            mailer.close()
        except (smtplib.SMTPException, OSError):
            pass  # the connection is already gone; the next send opens a new one
