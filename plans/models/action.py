import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import BooleanField, Case, Exists, F, OuterRef, Q, Subquery, Value, When, Window
from django.db.models.functions import Coalesce, Lag
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from plans import rag, text
from plans.periods import first_of_month, month_end
from plans.rag import Status
from plans.text import no_control_characters

from .partnership import Owner
from .plan import STATUS_CODES, Aim, Plan
from .review import ReviewNote

STATUS_OR_UNRATED = Q(status__in=STATUS_CODES) | Q(status="")


class StaleUpdate(Exception):
    """Someone else updated the action after this form was opened."""


def local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class ActionQuerySet(models.QuerySet):
    def for_display(self):
        return self.select_related("aim__section__plan").prefetch_related("owners")

    def owned_by(self, user):
        """Actions the user owns directly or through a team they belong to."""
        if not user.is_authenticated:
            return self.none()
        # Owner records first (the person's own and their teams': a handful), then
        # their actions through the owners table's index. One OR across both joins
        # from the actions side used no index and read every partnership's actions
        # (227 ms of the review list's 313 ms at 100 times Sefton, issue 18).
        owners = Owner.objects.filter(Q(user=user) | Q(members__user=user)).values("pk")
        through = Action.owners.through.objects.filter(owner__in=owners).values("action_id")
        return self.filter(pk__in=through)

    def updatable(self):
        """Actions whose plan still takes updates (Plan.accepts_updates): not archived."""
        return self.exclude(plan__status__in=Plan.READ_ONLY_STATES)

    def open(self):
        return self.exclude(status=Status.BLUE)

    def completed(self):
        return self.filter(status=Status.BLUE)

    def recurring(self):
        return self.exclude(recurrence="")

    def with_effective_target(self):
        return self.alias(effective_target=Coalesce("revised_target_month", "target_month"))

    # Each rule is a condition (a Q over the effective_target alias) and a
    # QuerySet method built from it, so the alert rules can OR them into one
    # WHERE instead of nesting a subquery of the whole QuerySet per rule.
    @staticmethod
    def overdue_condition(today, status="status"):
        """Open, dated actions whose target month has ended. Recurring actions
        ("Ongoing", "Quarterly") are never overdue by date: they need updates instead.
        ``status`` names the field or annotation to read (the review reads the
        status an action had in a past quarter)."""
        return Q(recurrence="", effective_target__lt=first_of_month(today)) & ~Q(**{status: Status.BLUE})

    @staticmethod
    def due_within_condition(today, days=30, status="status"):
        """Open, dated actions whose target month ends between today and today + days."""
        return Q(
            recurrence="",
            effective_target__gte=first_of_month(today),
            effective_target__lt=first_of_month(today + datetime.timedelta(days=days + 1)),
        ) & ~Q(**{status: Status.BLUE})

    @classmethod
    def not_updated_condition(cls, period):
        """Open actions with no update recorded during the period."""
        return ~Q(status=Status.BLUE) & ~Q(cls._update_between(period.start, period.end))

    def overdue(self, today):
        return self.with_effective_target().filter(self.overdue_condition(today))

    def due_within(self, today, days=30):
        return self.with_effective_target().filter(self.due_within_condition(today, days))

    @staticmethod
    def _update_between(start, end):
        """EXISTS an update of the outer action recorded on a day from start to end
        inclusive. Correlated, so it reads the action's own updates through the
        update_latest_per_action index; an IN list of every update in the quarter
        read every partnership's updates (the nav count took 37 ms with 100
        partnerships against under 1 ms alone, issue 18)."""
        return Exists(ProgressUpdate.objects.filter(
            action=OuterRef("pk"),
            recorded_at__gte=local_midnight(start),
            recorded_at__lt=local_midnight(end + datetime.timedelta(days=1)),
        ))

    def updated_between(self, start, end):
        """Actions with a progress update recorded on a day from start to end inclusive."""
        return self.filter(self._update_between(start, end))

    def updated_in(self, period):
        """Updated during the quarter (the deadline is for chasing, not for counting)."""
        return self.updated_between(period.start, period.end)

    def not_updated_in(self, period):
        return self.exclude(self._update_between(period.start, period.end))

    def with_status_at(self, moment, name="status_at"):
        """Annotate ``name`` (default ``status_at``): the status of the latest update
        recorded at or before ``moment`` (None if the action had no update by then).
        Pass different names to compare two moments in one query."""
        latest = ProgressUpdate.objects.filter(
            action=OuterRef("pk"), recorded_at__lte=moment
        ).order_by("-recorded_at", "-pk")
        return self.annotate(**{name: Subquery(latest.values("status")[:1])})

    def with_latest_update(self):
        latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-recorded_at", "-pk")
        return self.annotate(
            last_update_at=Subquery(latest.values("recorded_at")[:1]),
            last_commentary=Subquery(latest.values("commentary")[:1]),
        )

    # --- What an owner needs to do (My actions, the action page) ------------

    def _open_update_requests(self):
        """"Request update" review notes that no progress update has answered:
        none has been recorded at or after the note."""
        answered = ProgressUpdate.objects.filter(
            action=OuterRef("action"), recorded_at__gte=OuterRef("created_at")
        )
        return ReviewNote.objects.filter(
            action=OuterRef("pk"), outcome=ReviewNote.Outcome.REQUEST_UPDATE
        ).exclude(Exists(answered))

    def with_update_requested(self):
        """Annotate ``update_requested``: a reviewer asked for an update after
        the action's latest progress update (or before it had any)."""
        return self.annotate(update_requested=Exists(self._open_update_requests()))

    def update_requested(self):
        return self.filter(Exists(self._open_update_requests()))

    def _updates_in(self, period):
        return ProgressUpdate.objects.filter(
            action=OuterRef("pk"),
            recorded_at__gte=local_midnight(period.start),
            recorded_at__lt=local_midnight(period.end + datetime.timedelta(days=1)),
        )

    def needing_update(self, period):
        """Open actions with no update in ``period`` (a ReportingPeriod or a
        Quarter), or with an unanswered request for an update."""
        return self.open().filter(
            ~Exists(self._updates_in(period)) | Exists(self._open_update_requests())
        )

    def with_owner_flags(self, today, period):
        """Annotate what My actions flags, reusing the rules above so the list,
        the alerts and the board pack agree: ``is_overdue_now``, ``is_due_soon``
        (within 30 days), ``updated_this_period``, ``missing_update`` (open and
        not updated this period), ``update_requested`` and ``needs_update``
        (either of the last two). ``period`` is a ReportingPeriod or a Quarter."""
        same = Action.objects.filter(pk=OuterRef("pk"))
        return self.with_update_requested().annotate(
            is_overdue_now=Exists(same.overdue(today)),
            is_due_soon=Exists(same.due_within(today, 30)),
            updated_this_period=Exists(self._updates_in(period)),
            missing_update=Case(
                When(~Q(status=Status.BLUE) & Q(updated_this_period=False), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            needs_update=Case(
                When(status=Status.BLUE, then=Value(False)),
                When(Q(missing_update=True) | Q(update_requested=True), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )

    def with_review_notes(self):
        """Prefetch each action's review notes, newest first, as ``review_notes_newest_first``."""
        notes = ReviewNote.objects.select_related("period").order_by("-created_at", "-pk")
        return self.prefetch_related(
            models.Prefetch("review_notes", queryset=notes, to_attr="review_notes_newest_first")
        )


class Stage(models.TextChoices):
    """Where an action is in its delivery, which many trackers record beside (or
    instead of) a RAG rating (issue 17). Blank: the plan does not record it."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    ONGOING = "ongoing", "Ongoing"


class Action(models.Model):
    class Recurrence(models.TextChoices):
        ONGOING = "ongoing", "Ongoing"
        QUARTERLY = "quarterly", "Quarterly"
        MONTHLY = "monthly", "Monthly"
        ANNUALLY = "annually", "Annually"

    # The plan is stored beside the aim so the database can keep references unique per plan.
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions", editable=False)
    aim = models.ForeignKey(Aim, on_delete=models.PROTECT, related_name="actions")
    reference = models.CharField(
        max_length=20, help_text='Unique within the plan, e.g. "A1.3".', validators=[no_control_characters]
    )
    description = models.TextField(max_length=text.DESCRIPTION, validators=text.text_validators(text.DESCRIPTION))
    owners = models.ManyToManyField(Owner, related_name="actions", blank=True)  # "TBC": no owner yet
    # The owner cell as the plan wrote it ("Teams Manager and staff...", "TBC"), kept
    # beside the owners it was matched to: the matching may lose what the plan said.
    owner_text = models.CharField(
        "Owner as written", max_length=500, blank=True, validators=[no_control_characters]
    )
    target_month = models.DateField(
        null=True, blank=True, help_text="Target completion month (any day in the month)."
    )
    recurrence = models.CharField(max_length=10, choices=Recurrence.choices, blank=True)
    target_text = models.CharField(
        max_length=200, blank=True, help_text="The target as originally written in the plan.",
        validators=[no_control_characters],
    )
    revised_target_month = models.DateField(null=True, blank=True)
    revised_target_reason = models.TextField(
        blank=True, max_length=text.REASON, validators=text.text_validators(text.REASON)
    )
    status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    stage = models.CharField("Implementation stage", max_length=12, choices=Stage.choices, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)
    # Bumped on every progress update, so a form opened before someone else's
    # update is refused rather than silently overwriting it.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[owners], excluded_fields=["version"])

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "aim__section__order", "aim__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "reference"], name="action_reference_unique_in_plan"),
            models.CheckConstraint(condition=STATUS_OR_UNRATED, name="action_status_valid"),
            models.CheckConstraint(condition=Q(stage__in=["", *Stage.values]), name="action_stage_valid"),
            models.CheckConstraint(
                condition=Q(recurrence__in=["", "ongoing", "quarterly", "monthly", "annually"]),
                name="action_recurrence_valid",
            ),
            models.CheckConstraint(
                condition=Q(revised_target_month__isnull=True) | ~Q(revised_target_reason=""),
                name="action_revised_target_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.description[:60]}"

    def get_absolute_url(self):
        return reverse("action_detail", args=[self.pk])

    def clean(self):
        for field in ("target_month", "revised_target_month"):
            value = getattr(self, field)
            if value:
                setattr(self, field, first_of_month(value))
        if self.revised_target_month and not self.revised_target_reason.strip():
            raise ValidationError({"revised_target_reason": "Give a reason for revising the target."})

    def save(self, *args, **kwargs):
        if self.aim_id:
            self.plan_id = Aim.objects.filter(pk=self.aim_id).values_list("section__plan", flat=True)[0]
        for field in ("target_month", "revised_target_month"):
            value = getattr(self, field)
            if value:
                setattr(self, field, first_of_month(value))
        super().save(*args, **kwargs)

    @property
    def status_label(self):
        return rag.label(self.status)

    @property
    def effective_target_month(self):
        return self.revised_target_month or self.target_month

    @property
    def target_display(self):
        parts = []
        if self.target_month:
            parts.append(self.target_month.strftime("%B %Y"))
        if self.recurrence:
            parts.append(self.get_recurrence_display())
        return ", ".join(parts) or "No target set"

    def is_overdue(self, today):
        month = self.effective_target_month
        return bool(
            month and not self.recurrence and self.status != Status.BLUE and month < first_of_month(today)
        )

    def progress_history(self):
        """Every progress update, newest first, each with ``previous_status``
        (None for the first) and ``status_changed``, so the page can mark the
        updates that moved the RAG status."""
        previous = Window(Lag("status"), order_by=[F("recorded_at").asc(), F("pk").asc()])
        updates = list(self.updates.annotate(previous_status=previous))
        for update in updates:
            update.status_changed = update.previous_status is not None and update.previous_status != update.status
            update.previous_status_label = rag.label(update.previous_status) if update.status_changed else ""
        return updates

    def updates_since(self, version):
        """The updates recorded after the form was opened at ``version``: each
        update bumps the version by one."""
        missed = max(self.version - version, 0)
        return list(self.updates.all()[:missed]) if missed else []

    def is_due_within(self, today, days=30):
        month = self.effective_target_month
        if not month or self.recurrence or self.status == Status.BLUE or self.is_overdue(today):
            return False
        return month_end(month) <= today + datetime.timedelta(days=days)

    def record_update(
        self,
        *,
        status,
        commentary,
        author=None,
        author_name="",
        expected_version=None,
        recorded_at=None,
        status_derived=False,
        no_change=False,
        revised_target_month=None,
        revised_target_reason="",
        completed_on=None,
    ):
        """Append a progress update and make the action's current state follow it.

        With ``expected_version`` (the version the form was opened at), the update
        is refused with StaleUpdate if anyone has updated the action since.
        """
        changes = {"status": status, "version": F("version") + 1, "updated_at": timezone.now()}
        if revised_target_month:
            changes["revised_target_month"] = first_of_month(revised_target_month)
            changes["revised_target_reason"] = revised_target_reason
        if status == Status.BLUE:
            changes["completed_on"] = completed_on or timezone.localdate()
        elif self.status == Status.BLUE:
            changes["completed_on"] = None  # re-opened
        with transaction.atomic():
            rows = Action.objects.filter(pk=self.pk)
            if expected_version is not None:
                rows = rows.filter(version=expected_version)
            # A conditional UPDATE is the lock: it is atomic on every database.
            if not rows.update(**changes):
                raise StaleUpdate(self.pk)
            update = ProgressUpdate.objects.create(
                action=self,
                status=status,
                commentary=commentary,
                author=author,
                author_name=author_name or display_name(author),
                recorded_at=recorded_at or timezone.now(),
                status_derived=status_derived,
                no_change=no_change,
                revised_target_month=changes.get("revised_target_month"),
                revised_target_reason=revised_target_reason if revised_target_month else "",
                completed_on=changes.get("completed_on"),
            )
        self.refresh_from_db()
        return update


def display_name(user):
    if user is None:
        return ""
    owner = getattr(user, "owner", None)
    return owner.name if owner else (user.get_full_name() or user.get_username())


class ProgressUpdate(models.Model):
    """One entry in an action's running "Comments and progress". Append-only:
    the history is the record the board relies on, so entries are never edited."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    commentary = models.TextField(
        blank=True, max_length=text.COMMENTARY, validators=text.text_validators(text.COMMENTARY)
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200, blank=True, validators=[no_control_characters])
    recorded_at = models.DateTimeField(default=timezone.now, db_index=True)
    status_derived = models.BooleanField(
        default=False,
        help_text="The status was read from the commentary when the plan was loaded, not set by a person.",
    )
    no_change = models.BooleanField(default=False)
    revised_target_month = models.DateField(null=True, blank=True)
    revised_target_reason = models.TextField(
        blank=True, max_length=text.REASON, validators=text.text_validators(text.REASON)
    )
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        get_latest_by = "recorded_at"
        constraints = [
            models.CheckConstraint(condition=STATUS_OR_UNRATED, name="update_status_valid"),
        ]
        # "The latest update of each action" (with_latest_update, the dashboard)
        # reads this index instead of sorting each action's updates (issue 18).
        indexes = [models.Index(fields=["action", "-recorded_at", "-id"], name="update_latest_per_action")]

    def __str__(self):
        return f"{self.action.reference} {self.recorded_at:%d %b %Y}: {self.status_label}"

    @property
    def status_label(self):
        return rag.label(self.status)

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Progress updates are append-only; add a new update instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Progress updates are append-only and cannot be deleted.")
