"""Who is told what today: one digest per person, and the chair's summary.

Nothing here sends or writes; the send_alerts command does that, so the plan
can be printed by --dry-run and tested on its own.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from meetings import chasing
from plans.models import Action, Owner, Partnership, Plan

from . import cadence
from .models import Kind, SentAlert
from .rules import ACTION_KINDS, ChairSummary, Rules, live_actions, period_under_review


@dataclass(frozen=True)
class Item:
    action: object  # Action, or None for the chair's summary
    kind: str
    occurrence: str
    on_behalf_of: Owner | None = None  # the team whose alert came to the plan officer

    @property
    def label(self):
        return Kind(self.kind).label


@dataclass
class Digest:
    partnership: Partnership
    recipient: Owner
    email: str
    items: list = field(default_factory=list)
    chair_summary: ChairSummary | None = None
    arising: list = field(default_factory=list)  # overdue actions arising from meetings (meetings.chasing)
    _seen: set = field(default_factory=set, repr=False)

    def add(self, item):
        # Owning an action directly and through a team still makes one line.
        key = (item.action.pk if item.action else None, item.kind)
        if key not in self._seen:
            self._seen.add(key)
            self.items.append(item)

    def grouped(self):
        """[(kind label, [Item])] most urgent first, for the templates."""
        groups = defaultdict(list)
        for item in self.items:
            groups[item.kind].append(item)
        return [(Kind(kind).label, groups[kind]) for kind in ACTION_KINDS if groups[kind]]


def address(person):
    """A person's email: their owner record first, then their login's."""
    if person.email:
        return person.email
    return person.user.email if person.user_id and person.user.email else ""


def recipients(action, plan_officer, partnership=None):
    """[(person, email, on_behalf_of)] to alert about an action. A team's
    members are told; when none of them has an email address (or a named owner
    has none), the plan officer is told instead, so nothing goes unseen. With
    ``partnership``, only its own people are told (issue 14): an owner record of
    another partnership linked by mistake never receives this one's actions."""
    found = []
    for owner in action.owners.all():
        found += reach(owner, owner.members.all() if owner.is_team else [owner], plan_officer, partnership)
    return found


def reach(owner, people, plan_officer, partnership=None):
    """[(person, email, on_behalf_of)] for one owner whose people are ``people``
    (the owner, or a team's members): the rule ``recipients`` applies to each owner."""
    if partnership is not None:
        people = [person for person in people if person.partnership_id == partnership.pk]
    reachable = [(person, address(person), None) for person in people if address(person)]
    if not reachable and plan_officer and (officer_email := address(plan_officer)):
        reachable = [(plan_officer, officer_email, owner)]
    return reachable


class Owners:
    """Who owns each of ``actions`` and who is in each owning team, read once
    for a partnership: one Owner object per person, where prefetching the owners
    and their members built one per action and per team (11,000 objects for
    6,000 actions, a third of a first run's time; issue 18). Owners and members
    come in the order the prefetch gave them (Owner's ordering), so the same
    recipients come out in the same order."""

    def __init__(self, actions, plan_officer, partnership):
        owned = Action.owners.through.objects.filter(action__in=actions.values("pk"))
        owner_ids = owned.values("owner_id")
        in_team = Owner.members.through.objects.filter(from_owner__in=owner_ids)
        people = Owner.objects.filter(Q(pk__in=owner_ids) | Q(pk__in=in_team.values("to_owner_id")))
        rank = {}
        self.people = {}
        for n, person in enumerate(people.select_related("user").order_by(*Owner._meta.ordering, "pk")):
            rank[person.pk], self.people[person.pk] = n, person
        self.owner_ids = defaultdict(list)
        for action_id, owner_id in owned.values_list("action_id", "owner_id"):
            self.owner_ids[action_id].append(owner_id)
        self.member_ids = defaultdict(list)
        for team_id, person_id in in_team.values_list("from_owner_id", "to_owner_id"):
            self.member_ids[team_id].append(person_id)
        for ids in (*self.owner_ids.values(), *self.member_ids.values()):
            ids.sort(key=rank.__getitem__)
        self.plan_officer, self.partnership = plan_officer, partnership
        self._reach = {}

    def recipients(self, action):
        """``recipients(action, plan_officer, partnership)``, from what was read once;
        each owner's people are worked out once however many actions they own."""
        found = []
        for owner_id in self.owner_ids.get(action.pk, ()):
            if owner_id not in self._reach:
                owner = self.people[owner_id]
                people = [self.people[pk] for pk in self.member_ids.get(owner_id, ())] if owner.is_team else [owner]
                self._reach[owner_id] = reach(owner, people, self.plan_officer, self.partnership)
            found += self._reach[owner_id]
        return found


def action_digests(partnership, today, sent_history=None):
    """{person pk: Digest} of the action alerts due today under the cadence."""
    rules = Rules.on(today, partnership)
    actions = live_actions(partnership)
    actions_by_kind = rules.by_flag(rules.flagged(actions).select_related("plan"))
    if sent_history is None:
        sent_history = SentAlert.objects.history(ACTION_KINDS, rules.occurrences(actions_by_kind))
    owners = Owners(actions, partnership.plan_officer, partnership)
    digests = {}
    for kind in ACTION_KINDS:
        for action in actions_by_kind[kind]:
            occurrence = rules.occurrence(kind, action)
            for person, email, on_behalf_of in owners.recipients(action):
                times, last = sent_history.get((person.pk, action.pk, kind, occurrence), (0, None))
                if not cadence.is_due(times, last, today):
                    continue
                digest = digests.setdefault(person.pk, Digest(partnership, person, email))
                digest.add(Item(action, kind, occurrence, on_behalf_of))
    return digests


def chair_digest(partnership, today):
    """The chair's summary, once per reporting period, in the days before the meeting."""
    chair = partnership.chair
    period = period_under_review(partnership, today)
    if not chair or not period or not address(chair):
        return None
    if SentAlert.objects.filter(recipient=chair, kind=Kind.CHAIR_SUMMARY, occurrence=period.slug).exists():
        return None
    summary = ChairSummary.build(partnership, period, today)
    item = Item(None, Kind.CHAIR_SUMMARY, period.slug)
    return Digest(partnership, chair, address(chair), [item], chair_summary=summary)


def plan_digests(today):
    """Every digest due today, across the partnerships with an active plan."""
    partnerships = (
        Partnership.objects.filter(plans__status=Plan.State.ACTIVE)
        .distinct()
        .select_related("plan_officer__user", "chair__user")
    )
    digests = []
    for partnership in partnerships:
        digests += chasing.add_overdue_arising(action_digests(partnership, today), partnership, today).values()
        if chair := chair_digest(partnership, today):
            digests.append(chair)
    return digests
