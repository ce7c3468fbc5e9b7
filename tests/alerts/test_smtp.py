"""Sending through a real SMTP server on 127.0.0.1 (aiosmtpd) and reading what arrived."""

import datetime
import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management.base import CommandError

from plans.models import Owner
from plans.rag import Status

REFUSED = "refused@example.org"


class Mailbox:
    """Keeps every message; refuses one address as a real server refuses a bad mailbox."""

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content, policy=email.policy.default)))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def use_smtp(settings, port):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }


@pytest.fixture
def smtp_server(settings):
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port(), server_hostname="mail.test")
    controller.start()
    use_smtp(settings, controller.port)
    yield mailbox
    controller.stop()


@pytest.fixture
def two_owners(make_action, periods, partnership, olive):
    unreachable = Owner.objects.create(partnership=partnership, name="Rita Refused", email=REFUSED)
    for owner in (olive, unreachable):
        make_action(owners=[owner], target_month=datetime.date(2022, 4, 1), status=Status.RED,
                    recorded_at=datetime.datetime(2022, 4, 20, tzinfo=datetime.UTC))
    return olive, unreachable


def test_digests_arrive_over_smtp_and_a_refused_one_is_not_marked_sent(smtp_server, two_owners, run, sent):
    with pytest.raises(CommandError, match="1 email"):
        run("2022-05-02")
    assert len(smtp_server.messages) == 1
    rcpt_tos, message = smtp_server.messages[0]
    assert rcpt_tos == ["owner@example.org"]
    assert message["To"] == "owner@example.org"
    assert message["Subject"].startswith("1 action needs your attention")
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "OVERDUE" in text and "Dear Olive Owner" in text
    assert "<h2>Overdue</h2>" in html
    assert [row[0] for row in sent()] == ["owner@example.org"]

    with pytest.raises(CommandError):
        run("2022-05-02")  # the hourly re-run retries only the refused one
    assert len(smtp_server.messages) == 1
    assert [row[0] for row in sent()] == ["owner@example.org"]


def test_when_the_mail_server_is_down_nothing_is_marked_sent(settings, two_owners, run, sent):
    use_smtp(settings, free_port())  # nothing listens there
    with pytest.raises(CommandError, match="2 email"):
        run("2022-05-02")
    assert sent() == []
