"""The partnership meeting's own record: who attended for each partner agency,
what the board decided on each exception, and the actions arising.

The agenda's exceptions are copied from the plan when the meeting is recorded
(``meetings.agenda``), with the status the action had at the end of the quarter,
so the minutes keep saying what the board saw even after the plan moves on.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from plans import rag, text
from plans.models import Action, Owner, Partnership, Plan, ReportingPeriod
from plans.periods import Quarter
from plans.rag import Status

STATUS_CODES = [code for code, _ in Status.choices]
# Done actions arising stay on My actions this long, so a mistaken click can be undone.
DONE_SHOWN_DAYS = 90


class Agency(models.Model):
    """A partner agency on the board. Attendance is counted per agency, because
    the Youth Justice Board measures senior partners' attendance by agency."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="agencies")
    name = models.CharField(max_length=text.NAME, validators=text.text_validators(text.NAME))
    representative = models.CharField(
        max_length=text.NAME,
        blank=True,
        validators=text.text_validators(text.NAME),
        help_text="Who usually attends for the agency, e.g. by role: \"Head of Children's Social Care\".",
    )
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(
        default=True, help_text="Untick when the agency leaves the board: its past attendance is kept."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "order", "name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="agency_name_unique_in_partnership"),
        ]

    def __str__(self):
        return self.name


class Meeting(models.Model):
    """One meeting of the partnership, reviewing one reporting period of one plan."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="meetings")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="meetings")
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="meetings", verbose_name="quarter reviewed"
    )
    held_on = models.DateField("date")
    location = models.CharField(
        max_length=text.NAME, blank=True, validators=text.text_validators(text.NAME)
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            # One meeting a day: a second click on "Save" cannot record the meeting twice.
            models.UniqueConstraint(fields=["partnership", "held_on"], name="one_meeting_a_day"),
        ]

    def __str__(self):
        return f"Partnership meeting, {self.held_on:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])

    def clean(self):
        if self.plan_id and self.partnership_id and self.plan.partnership_id != self.partnership_id:
            raise ValidationError({"plan": "Choose a plan of this partnership."})
        if self.period_id and self.partnership_id and self.period.partnership_id != self.partnership_id:
            raise ValidationError({"period": "Choose a quarter of this partnership's reporting calendar."})

    @property
    def financial_year(self):
        """The financial year the meeting counts in for attendance (its date's, not the quarter reviewed)."""
        return Quarter.containing(self.held_on).year

    def numbered_items(self):
        """[(number, item)] in agenda order: standing items 1, 2, 3...; each
        exception numbered under the standing item before it (4.1, 4.2...)."""
        numbered, standing, sub = [], 0, 0
        for item in self.items.all():
            if item.is_exception and standing:
                sub += 1
                numbered.append((f"{standing}.{sub}", item))
            else:
                standing, sub = standing + 1, 0
                numbered.append((str(standing), item))
        return numbered

    def next_item_order(self):
        """Where an added item goes: before the last standing item (Any other business)."""
        items = list(self.items.order_by("order", "pk").values_list("order", "kind"))
        if not items:
            return 1000
        last_order, last_kind = items[-1]
        if last_kind == AgendaItem.Kind.STANDING and len(items) > 1:
            # Items with the same order keep the order they were added in (by pk).
            return max(last_order - 1, 0)
        return last_order + 1


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        STANDING = "standing", "Standing item"
        EXCEPTION = "exception", "Exception"

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        CHALLENGED = "challenged", "Challenged"
        ESCALATED = "escalated", "Escalated"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STANDING)
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=text.NAME, validators=text.text_validators(text.NAME))
    notes = models.TextField(
        "minute", blank=True, max_length=text.NOTE, validators=text.text_validators(text.NOTE),
        help_text="What was reported or discussed, as it will read in the minutes.",
    )
    # An exception: the action, and what the board saw, copied when the agenda was drawn.
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action_reference = models.CharField(max_length=20, blank=True)
    action_description = models.TextField(blank=True)
    owner_names = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    overdue = models.BooleanField(default=False)
    decision = models.CharField(max_length=12, choices=Decision.choices, blank=True)
    decision_note = models.TextField(blank=True, max_length=text.NOTE, validators=text.text_validators(text.NOTE))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["standing", "exception"]), name="agenda_kind_valid"),
            models.CheckConstraint(
                condition=Q(decision__in=["", "accepted", "challenged", "escalated"]), name="agenda_decision_valid"
            ),
            models.CheckConstraint(condition=Q(kind="exception") | Q(decision=""), name="decisions_on_exceptions"),
            models.CheckConstraint(condition=Q(status__in=[*STATUS_CODES, ""]), name="agenda_status_valid"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_exception(self):
        return self.kind == self.Kind.EXCEPTION

    @property
    def status_label(self):
        return rag.label(self.status)


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="attendance")
    representative = models.CharField(
        max_length=text.NAME, blank=True, validators=text.text_validators(text.NAME)
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    deputy = models.CharField(
        max_length=text.NAME, blank=True, validators=text.text_validators(text.NAME),
        help_text="Who attended in the representative's place, if anyone.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "agency__order", "agency__name"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "agency"], name="one_attendance_per_agency"),
            models.CheckConstraint(
                condition=Q(status__in=["present", "apologies", "absent"]), name="attendance_status_valid"
            ),
            models.CheckConstraint(condition=~Q(status="present") | Q(deputy=""), name="deputy_only_in_absence"),
        ]

    def __str__(self):
        return f"{self.agency}: {self.get_status_display()}"

    @property
    def represented(self):
        """The agency was at the table: its representative, or a deputy for them."""
        return self.status == self.Status.PRESENT or bool(self.deputy)


class ActionArisingQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_on__isnull=True)

    def overdue(self, today):
        """Open, and the due date has passed (a day, not a month: the board sets a date)."""
        return self.open().filter(due_on__lt=today)

    def for_person(self, person):
        """Owned by this Owner, or by a team they are a member of (as plan actions are)."""
        return self.filter(Q(owner=person) | Q(owner__members=person)).distinct()

    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(owner__user=user) | Q(owner__members__user=user)).distinct()

    def for_my_actions(self, user, today):
        """What My actions lists: the user's open actions arising, soonest due
        first, then those done in the last DONE_SHOWN_DAYS."""
        shown = Q(done_on__isnull=True) | Q(done_on__gte=today - datetime.timedelta(days=DONE_SHOWN_DAYS))
        return (
            self.owned_by(user)
            .filter(shown)
            .select_related("meeting", "owner")
            .order_by(models.F("done_on").desc(nulls_first=True), "due_on", "pk")
        )


class ActionArising(models.Model):
    """An action the board agreed at a meeting: chased like a plan action until done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions_arising")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions_arising",
        verbose_name="arising from",
    )
    description = models.TextField(max_length=text.DESCRIPTION, validators=text.text_validators(text.DESCRIPTION))
    owner = models.ForeignKey(Owner, on_delete=models.PROTECT, related_name="actions_arising")
    due_on = models.DateField("due date")
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = ActionArisingQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "due_on", "pk"]
        verbose_name_plural = "actions arising"

    def __str__(self):
        return self.description[:60]

    @property
    def is_done(self):
        return self.done_on is not None

    def is_overdue(self, today):
        return not self.is_done and self.due_on < today

    def set_done(self, done, user, today):
        """Mark done (today, by ``user``) or open again; True if anything changed."""
        if done == self.is_done:
            return False
        self.done_on, self.done_by = (today, user) if done else (None, None)
        self.save(update_fields=["done_on", "done_by"])
        return True


class ArisingReminderQuerySet(models.QuerySet):
    def history(self, action_ids):
        """{(recipient pk, action pk, occurrence): (times sent, last sent_on)}, as alerts.SentAlert keeps it."""
        rows = (
            self.filter(action_id__in=action_ids)
            .values("recipient_id", "action_id", "occurrence")
            .annotate(times=models.Count("pk"), last=models.Max("sent_on"))
            .order_by()
        )
        return {(r["recipient_id"], r["action_id"], r["occurrence"]): (r["times"], r["last"]) for r in rows}


class ArisingReminder(models.Model):
    """One overdue action arising in one alert email that was actually sent: the
    log the alert cadence (at once, after 7 days, then every 30) is counted from."""

    action = models.ForeignKey(ActionArising, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    # The due date chased: a new due date starts the cadence again.
    occurrence = models.CharField(max_length=20)
    sent_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    objects = ArisingReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"Reminder about {self.action} to {self.email} on {self.sent_on}"
