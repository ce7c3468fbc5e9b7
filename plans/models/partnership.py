from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from plans.text import no_control_characters


class Partnership(models.Model):
    """The Youth Justice Partnership (management board) that owns a plan."""

    name = models.CharField(max_length=200, unique=True, validators=[no_control_characters])
    slug = models.SlugField(max_length=100, unique=True)
    chair = models.ForeignKey(
        "Owner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "person"},
        help_text="Challenges red and amber actions and receives the pre-meeting summary.",
    )
    plan_officer = models.ForeignKey(
        "Owner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "person"},
        help_text="Keeps the plan and receives alerts for teams with no email address.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class OwnerQuerySet(models.QuerySet):
    def people(self):
        return self.filter(kind=Owner.Kind.PERSON)

    def teams(self):
        return self.filter(kind=Owner.Kind.TEAM)

    def for_user(self, user):
        """The owner records a signed-in user acts as: their person and their teams."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(user=user) | Q(members__user=user)).distinct()


class Owner(models.Model):
    """Someone who can own actions: a named person, or a team or role whose
    members share the actions ("Team Managers", "All YJS staff")."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        TEAM = "team", "Team or role"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="owners")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(max_length=200, validators=[no_control_characters])
    job_title = models.CharField(max_length=200, blank=True, validators=[no_control_characters])
    organisation = models.CharField(max_length=200, blank=True, validators=[no_control_characters])
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owner",
        help_text="The login this person uses, if they sign in to update their actions.",
    )
    members = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="teams",
        limit_choices_to={"kind": "person"},
        help_text="For a team or role: the people who update its actions.",
    )
    history = HistoricalRecords(m2m_fields=[members])

    objects = OwnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="owner_name_unique_in_partnership"),
            models.CheckConstraint(
                condition=Q(kind__in=["person", "team"]), name="owner_kind_valid"
            ),
            # A login belongs to a person; a team acts through its members.
            models.CheckConstraint(
                condition=Q(kind="person") | Q(user__isnull=True), name="owner_team_has_no_login"
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.PERSON and self.job_title:
            return f"{self.name} ({self.job_title})"
        return self.name

    def save(self, *args, **kwargs):
        """A person linked to a sign-in belongs to the partnership (at least as an
        action owner): that is what lets them see its plan (issue 14)."""
        super().save(*args, **kwargs)
        if self.user_id:
            from .membership import Membership, Role

            Membership.grant(self.user, self.partnership, Role.OWNER)

    @property
    def is_team(self):
        return self.kind == self.Kind.TEAM
