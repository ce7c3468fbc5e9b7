"""A partnership's people as the plan officer reads them: one row per
membership, with the person's owner record, teams, actions owned and status.

The rules for a person's status and for "the last plan officer" live here, so
the list, the person's page and the leaver page agree.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from plans.models import Action, Membership, Owner, Role

INVITED = "Invited – not yet signed in"
ACTIVE = "Active"
LEFT = "Left"


def status_of(membership):
    """Left once they have gone; Invited until their first sign-in; else Active."""
    if not membership.active:
        return LEFT
    if membership.user.last_login is None:
        return INVITED
    return ACTIVE


def person_owner(user, partnership):
    """The user's owner record if it is in this partnership (Owner.user is one-to-one)."""
    owner = Owner.objects.filter(user=user, kind=Owner.Kind.PERSON).first()
    return owner if owner and owner.partnership_id == partnership.pk else None


def owned_actions(owner):
    """Actions the owner record owns directly (not through a team), in plan order."""
    if owner is None:
        return Action.objects.none()
    return Action.objects.filter(owners=owner).select_related("plan", "aim__section")


@dataclass
class Person:
    membership: Membership
    owner: Owner | None
    teams: list = field(default_factory=list)
    actions: int = 0

    @property
    def user(self):
        return self.membership.user

    @property
    def name(self):
        return self.user.get_full_name() or (self.owner.name if self.owner else "") or self.user.get_username()

    @property
    def job_title(self):
        return self.owner.job_title if self.owner else ""

    @property
    def status(self):
        return status_of(self.membership)


def people_of(partnership):
    """Everyone who holds (or held) a membership of the partnership, active first."""
    memberships = list(
        Membership.objects.filter(partnership=partnership).select_related("user").order_by(
            "-active", "user__first_name", "user__last_name", "user__username"
        )
    )
    owners = {
        owner.user_id: owner
        for owner in Owner.objects.people()
        .filter(partnership=partnership, user__in=[m.user_id for m in memberships])
        .annotate(owned=Count("actions", distinct=True))
        .prefetch_related("teams")
    }
    people = []
    for membership in memberships:
        owner = owners.get(membership.user_id)
        people.append(
            Person(
                membership,
                owner,
                teams=[team.name for team in owner.teams.all()] if owner else [],
                actions=owner.owned if owner else 0,
            )
        )
    return people


def officers(partnership):
    return Membership.objects.active().filter(partnership=partnership, role=Role.OFFICER)


def removing_officer_problem(membership, acting_user):
    """Why `membership` may not stop being an officer now, or None if it may.
    A partnership always keeps one plan officer, and an officer cannot demote
    or remove themselves (another officer, or the administrator, must)."""
    if membership.role != Role.OFFICER or not membership.active:
        return None
    if membership.user_id == acting_user.pk:
        return "You cannot remove your own plan officer role: ask another plan officer to do it"
    others = officers(membership.partnership).exclude(pk=membership.pk)
    if not others.exists():
        return "The partnership must keep at least one plan officer: make someone else plan officer first"
    return None


def team_choices(partnership):
    return Owner.objects.teams().filter(partnership=partnership).order_by("name")


def assignable_owners(partnership, exclude=None):
    """People (with an active membership or no sign-in) and teams who can take on actions."""
    gone = Membership.objects.filter(partnership=partnership).filter(Q(active=False) | Q(user__is_active=False))
    owners = Owner.objects.filter(partnership=partnership).exclude(user__in=gone.values("user"))
    if exclude is not None:
        owners = owners.exclude(pk=exclude.pk)
    return owners.order_by("kind", "name")
