from django.db import models
from django.utils import timezone

from plans.models import Action, Owner


class Kind(models.TextChoices):
    # Most urgent first: the order items are listed in digests and banners.
    OVERDUE = "overdue", "Overdue"
    UPDATE_MISSED = "update_missed", "Update missed"
    UPDATE_DUE = "update_due", "Update due"
    DUE_SOON = "due_soon", "Due soon"
    CHAIR_SUMMARY = "chair_summary", "Summary before the partnership meeting"


class SentAlertQuerySet(models.QuerySet):
    def history(self, kinds, occurrences):
        """How often, and when last, each (recipient, action, kind, occurrence)
        was alerted: {key: (count, last sent_on)}. Filtered on the few current
        occurrence labels rather than on thousands of action ids."""
        rows = (
            self.filter(kind__in=kinds, occurrence__in=occurrences)
            .values("recipient_id", "action_id", "kind", "occurrence")
            .annotate(times=models.Count("pk"), last=models.Max("sent_on"))
            .order_by()
        )
        return {
            (row["recipient_id"], row["action_id"], row["kind"], row["occurrence"]): (row["times"], row["last"])
            for row in rows
        }


class SentAlert(models.Model):
    """One item in one email that was actually sent. Written only after the
    mail server accepted the message, so a failed or crashed run leaves no row
    and the next run sends it; a run after a success finds the row and waits."""

    recipient = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="alerts_received")
    email = models.EmailField(help_text="The address the alert went to.")
    # Empty for the chair's pre-meeting summary, which is about the whole plan.
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # What the alert is about: the target month ("2022-05") or the reporting
    # period ("2022-Q1"). A revised target or a new quarter starts a new cadence.
    occurrence = models.CharField(max_length=20)
    on_behalf_of = models.ForeignKey(
        Owner,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The team this alert was sent for, when none of its members has an email address.",
    )
    sent_on = models.DateField(help_text="The day the run counted as today; the cadence is measured in days.")
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = SentAlertQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["occurrence", "kind", "recipient", "action"], name="sentalert_key")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[code for code, _ in Kind.choices]), name="sentalert_kind_valid"
            ),
        ]

    def __str__(self):
        about = self.action.reference if self.action_id else "the plan"
        return f"{self.get_kind_display()} for {about} to {self.email} on {self.sent_on}"
