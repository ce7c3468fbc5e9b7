"""Actions arising are chased like plan actions: once overdue, they go in the
owner's alert digest at once, again after 7 days, then every 30 days, counted
from a log of what was actually sent (``ArisingReminder``, written only after
the mail server accepted the email, as ``alerts.SentAlert`` is).

The alerts app calls two functions: ``add_overdue_arising`` while it builds the
day's digests, and ``record_sent`` once a digest has been sent. Who is told
follows ``alerts.digests.recipients``: a person, or a team's members, or the plan
officer when nobody in the team has an email address.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from plans.models import Owner

from .models import ActionArising, ArisingReminder


@dataclass(frozen=True)
class Chased:
    """One overdue action arising in one digest."""

    action: ActionArising
    occurrence: str  # the due date chased: a new due date restarts the cadence
    on_behalf_of: Owner | None = None  # the team whose reminder came to the plan officer


def occurrence(action):
    return action.due_on.isoformat()


def overdue_for(person, today):
    """Overdue actions arising that ``person`` (an Owner) owns, directly or through a team,
    at their own partnership's meetings (an Owner record belongs to one partnership)."""
    overdue = ActionArising.objects.overdue(today).filter(meeting__partnership=person.partnership_id)
    return overdue.for_person(person).select_related("meeting", "owner")


class _OwnedBy:
    """What ``alerts.digests.recipients`` reads from an action: its owners."""

    def __init__(self, owner):
        self._owner = owner

    @property
    def owners(self):
        return self

    def all(self):
        return [self._owner]


def add_overdue_arising(digests, partnership, today):
    """Add the overdue actions arising that are due a reminder today to
    ``digests`` ({person pk: alerts.digests.Digest}), making a digest for a
    person who has nothing else to be told. Returns ``digests``."""
    from alerts import cadence
    from alerts.digests import Digest, recipients

    people = Owner.objects.select_related("user")
    overdue = list(
        ActionArising.objects.overdue(today)
        .filter(meeting__partnership=partnership)
        .select_related("meeting", "owner__user")
        .prefetch_related(Prefetch("owner__members", queryset=people))
        .order_by("due_on", "pk")
    )
    if not overdue:
        return digests
    history = ArisingReminder.objects.history([action.pk for action in overdue])
    plan_officer = partnership.plan_officer
    for action in overdue:
        for person, email, on_behalf_of in recipients(_OwnedBy(action.owner), plan_officer):
            times, last = history.get((person.pk, action.pk, occurrence(action)), (0, None))
            if not cadence.is_due(times, last, today):
                continue
            digest = digests.setdefault(person.pk, Digest(partnership, person, email))
            if all(chased.action.pk != action.pk for chased in digest.arising):
                digest.arising.append(Chased(action, occurrence(action), on_behalf_of))
    return digests


def record_sent(digest, today, now=None):
    """Log the actions arising in a digest the mail server has accepted."""
    now = now or timezone.now()
    ArisingReminder.objects.bulk_create(
        ArisingReminder(
            action=chased.action,
            recipient=digest.recipient,
            email=digest.email,
            occurrence=chased.occurrence,
            sent_on=today,
            sent_at=now,
        )
        for chased in getattr(digest, "arising", ())
    )
