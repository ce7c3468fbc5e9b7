"""The yearly cycle of plans: which plan followed which, and what became of each
unfinished action of the plan that ended (issue 15).

A ``Succession`` links an ended plan to the plan started from it; each unfinished
action of the old plan gets one ``CarryForward`` saying whether it was carried
forward (to ``new_action``), closed as completed, or dropped (with a reason). The
records are the evidence behind "Progress on the previous plan", so they are
written once, in the same transaction as the new plan, and never edited in the site.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from plans import text
from plans.models import Action, Plan


class Succession(models.Model):
    """``next_plan`` was started from ``previous_plan``: one successor per plan."""

    previous_plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="succession")
    next_plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="precedence")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(previous_plan=models.F("next_plan")), name="succession_is_another_plan"
            ),
        ]

    def __str__(self):
        return f"{self.previous_plan} → {self.next_plan}"


class CarryForwardQuerySet(models.QuerySet):
    def superseded_action_ids(self):
        """Old actions that need nothing more from their owners: carried forward
        (the new action is the one to update) or dropped."""
        return self.filter(decision__in=[CarryForward.Decision.CARRIED, CarryForward.Decision.DROPPED]).values(
            "action_id"
        )


class CarryForward(models.Model):
    """What the plan officer decided for one unfinished action of the old plan."""

    class Decision(models.TextChoices):
        CARRIED = "carried", "Carry it forward"
        CLOSED = "closed", "Close it as completed"
        DROPPED = "dropped", "Drop it"

    succession = models.ForeignKey(Succession, on_delete=models.CASCADE, related_name="decisions")
    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="carry_forward")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    # Why it was dropped (required), or the note recorded when it was closed.
    reason = models.TextField(blank=True, max_length=text.REASON, validators=text.text_validators(text.REASON))
    new_action = models.OneToOneField(
        Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_from"
    )

    objects = CarryForwardQuerySet.as_manager()

    class Meta:
        ordering = ["succession", "action__aim__section__order", "action__aim__order", "action__order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=["carried", "closed", "dropped"]), name="carry_forward_decision_valid"
            ),
            models.CheckConstraint(
                condition=~Q(decision="dropped") | ~Q(reason=""), name="carry_forward_drop_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.action.reference}: {self.get_decision_display()}"
