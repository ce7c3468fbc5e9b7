"""What the board saw: frozen periods and the packs that were sent.

Closing a reporting period copies, for every plan in the partnership, each
action's status, commentary, target and owners into ``FrozenAction`` rows, and
the plan's own wording (title, RAG key, glossary) into ``FrozenPlan``. A pack for
a closed period is built only from those rows, so editing the plan afterwards
cannot change what the board was told. Every generated pack is kept with a
checksum, so the copy in the minutes can be matched to the one in the tracker.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import reverse

from plans import rag, text
from plans.models import Action, Plan, ReportingPeriod
from plans.rag import Direction, Status
from plans.text import no_control_characters


@dataclass(frozen=True)
class FrozenAim:
    """Stands in for plans.Aim when the review summary groups frozen actions."""

    section_order: int
    section_title: str
    order: int
    number: str
    label: str
    title: str

    def __str__(self):
        return f"{self.label} {self.number}: {self.title}"


@dataclass(frozen=True)
class FrozenOwner:
    """Stands in for plans.Owner: the name is the identity once frozen."""

    name: str

    @property
    def pk(self):
        return self.name

    def __str__(self):
        return self.name


class FrozenOwners(list):
    def all(self):
        return self


class FrozenPlan(models.Model):
    """A plan's wording as at the close of a period."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="frozen_plans")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="frozen_periods")
    frozen_at = models.DateTimeField()
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=200, validators=[no_control_characters])
    partnership_name = models.CharField(max_length=200, validators=[no_control_characters])
    chair_name = models.CharField(max_length=200, blank=True, validators=[no_control_characters])
    # [{"code", "label", "description"}] in severity order, and [{"term", "definition"}].
    rag_key = models.JSONField(default=list)
    glossary = models.JSONField(default=list)

    class Meta:
        ordering = ["period", "plan"]
        constraints = [
            models.UniqueConstraint(fields=["period", "plan"], name="one_freeze_per_plan_and_period"),
        ]

    def __str__(self):
        return f"{self.title}, {self.period}"


class FrozenAction(models.Model):
    """One action as the board saw it for a period. Text is copied, not linked,
    because aims, owners and targets can all be edited after the meeting."""

    frozen_plan = models.ForeignKey(FrozenPlan, on_delete=models.CASCADE, related_name="actions")
    # Kept for linking back only; the pack never reads through it.
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    section_title = models.CharField(max_length=200, validators=[no_control_characters])
    section_order = models.PositiveIntegerField(default=0)
    aim_label = models.CharField(max_length=30, default="Aim", validators=[no_control_characters])
    aim_number = models.CharField(max_length=10, validators=[no_control_characters])
    aim_title = models.CharField(max_length=300, validators=[no_control_characters])
    aim_order = models.PositiveIntegerField(default=0)
    desired_outcome = models.TextField(blank=True, max_length=text.AIM_TEXT, validators=text.text_validators(text.AIM_TEXT))
    reference = models.CharField(max_length=20, validators=[no_control_characters])
    description = models.TextField(max_length=text.DESCRIPTION, validators=text.text_validators(text.DESCRIPTION))
    order = models.PositiveIntegerField(default=0)
    owner_names = models.JSONField(default=list)
    target_text = models.CharField(max_length=200, blank=True, validators=[no_control_characters])
    target_month = models.DateField(null=True, blank=True)
    revised_target_month = models.DateField(null=True, blank=True)
    revised_target_reason = models.TextField(blank=True, max_length=text.REASON, validators=text.text_validators(text.REASON))
    recurrence = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    status_before = models.CharField(max_length=10, choices=Status.choices, blank=True)
    direction = models.CharField(max_length=15, choices=Direction.choices)
    commentary = models.TextField(blank=True, max_length=text.COMMENTARY, validators=text.text_validators(text.COMMENTARY))
    latest_update_at = models.DateTimeField(null=True, blank=True)
    updated_this_period = models.BooleanField(default=False)
    overdue = models.BooleanField(default=False)
    due_soon = models.BooleanField(default=False)
    completed_on = models.DateField(null=True, blank=True)
    # [{"outcome", "note", "author", "created_at"}], oldest first.
    review_notes = models.JSONField(default=list)

    class Meta:
        ordering = ["frozen_plan", "section_order", "aim_order", "order", "pk"]

    def __str__(self):
        return f"{self.reference} ({self.frozen_plan})"

    @property
    def status_label(self):
        return rag.label(self.status)

    @property
    def aim(self):
        return FrozenAim(
            self.section_order, self.section_title, self.aim_order, self.aim_number, self.aim_label, self.aim_title
        )

    @property
    def aim_heading(self):
        return str(self.aim)

    @property
    def owners(self):
        """Read like Action.owners, so review.summary.summarise() can count
        update completeness by owner for frozen periods too."""
        return FrozenOwners(FrozenOwner(name) for name in self.owner_names)

    @property
    def owners_text(self):
        return "; ".join(self.owner_names)

    @property
    def target_display(self):
        if self.revised_target_month:
            return f"{self.target_text} (revised to {self.revised_target_month:%B %Y})"
        return self.target_text


class BoardPackQuerySet(models.QuerySet):
    def without_pdf(self):
        """Listing packs must not load every PDF into memory."""
        return self.defer("pdf")


class BoardPack(models.Model):
    """A generated pack, kept as sent."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="board_packs")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="board_packs")
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_name = models.CharField(max_length=200, blank=True, validators=[no_control_characters])
    data_as_at = models.DateTimeField(help_text="When the figures in the pack were taken.")
    from_frozen_period = models.BooleanField(default=False)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    pdf = models.BinaryField()

    objects = BoardPackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"Board pack for {self.plan}, {self.period} ({self.created_at:%d %b %Y %H:%M})"

    def save(self, *args, **kwargs):
        pdf = bytes(self.pdf)
        self.sha256 = hashlib.sha256(pdf).hexdigest()
        self.size = len(pdf)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("boardpack:download", args=[self.pk])

    @property
    def filename(self):
        return f"{self.plan.slug}-{self.period.slug}-board-pack-{self.created_at:%Y%m%d-%H%M}.pdf"
