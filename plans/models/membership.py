"""Who belongs to which partnership, and as what (issue 14).

A person's roles are held per partnership: the same sign-in can chair one
board and be a member of another. Everything a person may see is worked out
from their active memberships (plans.tenancy.Scope); nothing reads roles from
Django groups any more.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .partnership import Partnership


class Role(models.TextChoices):
    # Ordered from least to most: an owner record never lowers a stronger role.
    OWNER = "owner", "Action owner"
    MEMBER = "member", "Partnership member"
    CHAIR = "chair", "Chair"
    OFFICER = "officer", "Plan officer"


ROLE_HINTS = {
    Role.OWNER: "Updates the actions they or their team own.",
    Role.MEMBER: "Reads the whole plan and the board packs, and writes review notes.",
    Role.CHAIR: "As a member, and records the partnership's meetings and decisions.",
    Role.OFFICER: "Edits the plan, produces board packs and manages the partnership's people.",
}
# Roles that read the whole plan and review it; roles that record meetings.
REVIEWERS = {Role.MEMBER, Role.CHAIR, Role.OFFICER}
MEETING_RECORDERS = {Role.CHAIR, Role.OFFICER}
_RANK = {role: rank for rank, role in enumerate(Role.values)}


def stronger(role, other):
    return _RANK[role] > _RANK[other]


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True, user__is_active=True)


class Membership(models.Model):
    """One person's role in one partnership. A leaver's membership is kept,
    inactive, so the history of who did what still reads."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.OWNER)
    active = models.BooleanField(default=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["partnership__name", "user__first_name", "user__last_name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="one_membership_per_partnership"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.partnership}"

    @classmethod
    def grant(cls, user, partnership, role):
        """Give `user` at least `role` in `partnership` (never lowers a stronger one)."""
        membership, created = cls.objects.get_or_create(
            user=user, partnership=partnership, defaults={"role": role}
        )
        if not created and (stronger(role, membership.role) or not membership.active):
            if stronger(role, membership.role):
                membership.role = role
            membership.active = True
            membership.left_at = None
            membership.save()
        return membership
