from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from simple_history.models import HistoricalRecords

from plans import text
from plans.periods import Quarter
from plans.rag import Status
from plans.text import no_control_characters

from .partnership import Partnership

STATUS_CODES = [code for code, _ in Status.choices]


class Plan(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Active"
        ARCHIVED = "archived", "Archived"

    READ_ONLY_STATES = [State.ARCHIVED]  # see accepts_updates

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=200, validators=[no_control_characters])
    slug = models.SlugField(max_length=100, unique=True)
    published = models.CharField(
        max_length=50, blank=True, help_text='As printed on the plan, e.g. "April 2022".', validators=[no_control_characters]
    )
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    foreword = models.TextField(blank=True, max_length=text.FOREWORD, validators=text.text_validators(text.FOREWORD))
    # The plan's own words for statuses and stages, as the officer mapped them on import
    # ({"complete (and ongoing)": {"status": "blue", "stage": "ongoing"}}): kept with the
    # plan so its next spreadsheet is read the same way (issue 17).
    status_words = models.JSONField(default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")), name="plan_period_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "active", "archived"]), name="plan_status_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plan_detail", args=[self.slug])

    @property
    def accepts_updates(self):
        """An archived plan is the record of what happened: read-only everywhere.
        Its actions take no progress update, no-change, bulk update or review
        note, from anyone (ActionQuerySet.updatable is the same rule in SQL)."""
        return self.status not in self.READ_ONLY_STATES

    def has_ended(self, today):
        """The plan's period is over: every page that shows it says so (issue 15),
        and the plan officer can start the next one (the cycle app)."""
        return self.period_end < today

    def budget_totals(self):
        """{"budget": total or None, "spent": total or None} over the plan's aims (None: no aim has one)."""
        return Aim.objects.filter(section__plan=self).aggregate(budget=Sum("budget"), spent=Sum("budget_spent"))

    def rag_wording(self):
        """{code: RagStatus} for this plan's own key."""
        return {rag.code: rag for rag in self.rag_key.all()}


class RagStatus(models.Model):
    """A plan's own wording for one of the four fixed status codes."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rag_key")
    code = models.CharField(max_length=10, choices=Status.choices)
    label = models.CharField(max_length=50, validators=[no_control_characters])
    description = models.TextField(max_length=text.DEFINITION, validators=text.text_validators(text.DEFINITION))
    history = HistoricalRecords()

    class Meta:
        verbose_name = "RAG status"
        verbose_name_plural = "RAG key"
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="rag_code_unique_in_plan"),
            models.CheckConstraint(condition=Q(code__in=STATUS_CODES), name="rag_code_valid"),
        ]

    def __str__(self):
        return f"{self.label}: {self.description}"


class Section(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=200, validators=[no_control_characters])
    aim_label = models.CharField(
        max_length=30, default="Aim", help_text='What this section calls its aims: "Aim", "Priority".',
        validators=[no_control_characters],
    )
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "title"], name="section_title_unique_in_plan"),
        ]

    def __str__(self):
        return self.title


class Aim(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="aims")
    number = models.CharField(max_length=10, validators=[no_control_characters])
    title = models.CharField(max_length=300, validators=[no_control_characters])
    how_will_we_know = models.TextField(
        "How will we know?", blank=True, max_length=text.AIM_TEXT, validators=text.text_validators(text.AIM_TEXT)
    )
    desired_outcome = models.TextField(blank=True, max_length=text.AIM_TEXT, validators=text.text_validators(text.AIM_TEXT))
    # Resources (issue 17): many plans give each priority a budget; totals on the plan page, the pack and exports.
    budget = models.DecimalField("Budget (£)", max_digits=12, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(0)])
    budget_source = models.CharField("Funded by", max_length=200, blank=True, validators=[no_control_characters])
    budget_spent = models.DecimalField("Spent to date (£)", max_digits=12, decimal_places=2, null=True, blank=True,
                                       validators=[MinValueValidator(0)])
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["section__plan", "section__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="aim_number_unique_in_section"),
        ]

    def __str__(self):
        return f"{self.section.aim_label} {self.number}: {self.title}"


class GlossaryTerm(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="glossary")
    term = models.CharField(max_length=100, validators=[no_control_characters])
    definition = models.TextField(max_length=text.DEFINITION, validators=text.text_validators(text.DEFINITION))
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "term"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "term"], name="glossary_term_unique_in_plan"),
        ]

    def __str__(self):
        return self.term


class ReportingPeriodQuerySet(models.QuerySet):
    def containing(self, day):
        return self.filter(start__lte=day, end__gte=day)

    def current(self, partnership, today):
        """The quarter that contains ``today``, or None if it has not been set up."""
        return self.filter(partnership=partnership).containing(today).first()


class ReportingPeriod(models.Model):
    """One UK financial-year quarter of the partnership's reporting cycle."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="reporting_periods"
    )
    year = models.PositiveIntegerField(help_text="The year the financial year starts: 2022 for 2022/23.")
    quarter = models.PositiveSmallIntegerField(choices=[(n, f"Q{n}") for n in (1, 2, 3, 4)])
    # start and end follow from year and quarter; stored so queries can use them.
    start = models.DateField(editable=False)
    end = models.DateField(editable=False)
    update_deadline = models.DateField(
        null=True, blank=True, help_text="Action owners update their actions by this date."
    )
    meeting_date = models.DateField(
        null=True, blank=True, help_text="The Youth Justice Partnership meeting that reviews this quarter."
    )
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False,
    )
    history = HistoricalRecords()

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year", "quarter"], name="one_period_per_quarter"
            ),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="quarter_1_to_4"),
        ]

    def __str__(self):
        return str(self.as_quarter)

    @property
    def as_quarter(self):
        return Quarter(self.year, self.quarter)

    @property
    def slug(self):
        return self.as_quarter.slug

    @property
    def is_closed(self):
        return self.closed_at is not None

    def save(self, *args, **kwargs):
        quarter = self.as_quarter
        self.start, self.end = quarter.start, quarter.end
        super().save(*args, **kwargs)
