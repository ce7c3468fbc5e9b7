from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ReviewNote(models.Model):
    """The chair's or a member's challenge on an action for a reporting period."""

    class Outcome(models.TextChoices):
        NOTED = "noted", "Noted"
        CHALLENGE = "challenge", "Challenge"
        ESCALATE = "escalate", "Escalate"
        REQUEST_UPDATE = "request_update", "Request update"

    action = models.ForeignKey("Action", on_delete=models.CASCADE, related_name="review_notes")
    period = models.ForeignKey(
        "ReportingPeriod", null=True, blank=True, on_delete=models.SET_NULL, related_name="review_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    note = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=["noted", "challenge", "escalate", "request_update"]),
                name="review_outcome_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} on {self.action.reference}"
