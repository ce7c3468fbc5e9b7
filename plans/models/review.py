from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from plans import text


class ReviewNote(models.Model):
    """The chair's or a member's challenge on an action for a reporting period.

    The record keeps its history: the board's challenge is evidence, so an edit or a
    deletion in the admin leaves who changed what, and when."""

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
    note = models.TextField(max_length=text.NOTE, validators=text.text_validators(text.NOTE))
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    history = HistoricalRecords()

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

    @property
    def author_name(self):
        """Who wrote it, named as the board pack names them (select_related("author__owner"))."""
        from plans.models.action import display_name

        return display_name(self.author) if self.author_id else ""
