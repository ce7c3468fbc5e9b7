"""Tenancy is one rule: what a person may see comes from their scope.

`Scope(user)` is built once per request (ScopeMiddleware puts it on
`request.scope`; `scope_for(user)` caches it on the user for code that has no
request). Views never filter by partnership themselves: they start from
`request.scope.of(Model)`, so an id or slug from another partnership is a 404,
and a list holds only the person's own partnerships. The admin (ScopedAdmin),
exports, packs and alerts use the same method.

PATHS is the one place that says how each model reaches its partnership. A
model not listed has no partnership (e.g. indicator periods, which are
national); `of()` refuses to guess for it.
"""

from django.apps import apps
from django.utils.functional import cached_property

from plans.models.membership import MEETING_RECORDERS, REVIEWERS, Membership, Role

PATHS = {
    "plans.partnership": "pk",
    "plans.membership": "partnership",
    "plans.owner": "partnership",
    "plans.plan": "partnership",
    "plans.ragstatus": "plan__partnership",
    "plans.section": "plan__partnership",
    "plans.glossaryterm": "plan__partnership",
    "plans.aim": "section__plan__partnership",
    "plans.action": "plan__partnership",
    "plans.progressupdate": "action__plan__partnership",
    "plans.reviewnote": "action__plan__partnership",
    "plans.reportingperiod": "partnership",
    "alerts.sentalert": "recipient__partnership",
    "boardpack.boardpack": "plan__partnership",
    "boardpack.frozenplan": "plan__partnership",
    "boardpack.frozenaction": "frozen_plan__plan__partnership",
    "transfer.importsettings": "partnership",
    "indicators.area": "partnership",
    "indicators.indicator": "partnership",
    "indicators.indicatorvalue": "indicator__partnership",
    "meetings.agency": "partnership",
    "meetings.meeting": "partnership",
    "meetings.agendaitem": "meeting__partnership",
    "meetings.attendance": "meeting__partnership",
    "meetings.actionarising": "meeting__partnership",
    "meetings.arisingreminder": "action__meeting__partnership",
    "cycle.succession": "previous_plan__partnership",
    "cycle.carryforward": "succession__previous_plan__partnership",
    "jobs.job": "partnership",
}


def partnership_path(model):
    """How `model` reaches its partnership, or None when it has none."""
    return PATHS.get(model._meta.label_lower)


class Scope:
    """A signed-in person's partnerships and their role in each."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def roles(self):
        """{partnership id: role} over the person's active memberships."""
        if not self.user.is_authenticated or not self.user.is_active:
            return {}
        if self.user.is_superuser:  # the service administrator sets every partnership up
            Partnership = apps.get_model("plans", "Partnership")
            return {pk: Role.OFFICER for pk in Partnership.objects.values_list("pk", flat=True)}
        return dict(Membership.objects.active().filter(user=self.user).values_list("partnership_id", "role"))

    @property
    def partnership_ids(self):
        return list(self.roles)

    def of(self, model, queryset=None):
        """`model`'s rows in the person's partnerships (a QuerySet to build on)."""
        queryset = model._default_manager.all() if queryset is None else queryset
        path = partnership_path(model)
        if path is None:
            raise LookupError(f"{model._meta.label} has no partnership: add it to plans.tenancy.PATHS")
        if self.user.is_authenticated and self.user.is_superuser and self.user.is_active:
            return queryset
        return queryset.filter(**{f"{path}__in": self.partnership_ids})

    def partnerships(self):
        return self.of(apps.get_model("plans", "Partnership"))

    def role_in(self, partnership):
        pk = getattr(partnership, "pk", partnership)
        return self.roles.get(pk)

    def _ids_with(self, allowed):
        return [pk for pk, role in self.roles.items() if role in allowed]

    # What the person may do, in one partnership or (partnership=None) in any.
    def _has(self, allowed, partnership=None):
        if partnership is None:
            return bool(self._ids_with(allowed))
        return self.role_in(partnership) in allowed

    def is_officer(self, partnership=None):
        return self._has({Role.OFFICER}, partnership)

    def can_review(self, partnership=None):
        return self._has(REVIEWERS, partnership)

    def can_record_meetings(self, partnership=None):
        return self._has(MEETING_RECORDERS, partnership)

    def can_view(self, partnership=None):
        return self._has(set(Role.values), partnership)

    def officer_partnership_ids(self):
        return self._ids_with({Role.OFFICER})

    def reviewer_partnership_ids(self):
        return self._ids_with(REVIEWERS)

    @cached_property
    def owns_actions(self):
        """The person has an owner record (their own or a team's) to act through."""
        Owner = apps.get_model("plans", "Owner")
        return Owner.objects.for_user(self.user).filter(partnership__in=self.partnership_ids).exists()


def scope_for(user):
    """The user's Scope, built once and kept on the user object for the request."""
    scope = getattr(user, "_scope", None)
    if scope is None:
        scope = Scope(user)
        try:
            user._scope = scope
        except AttributeError:  # AnonymousUser instances are shared: do not cache on them
            pass
    return scope
