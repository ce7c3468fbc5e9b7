"""Performance indicators read beside the plan: first time entrants, reoffending,
custody and the newer national KPIs. Each has a value per published period for
the service itself and for comparators (YOT family, region, England).

Published periods are not quarters ("Apr 2018 - Mar 2019", "Jan - Dec 2020"),
so they have their own model rather than reusing ReportingPeriod.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from plans import text
from plans.models import Aim, Partnership
from plans.text import no_control_characters


class Better(models.TextChoices):
    LOWER = "lower", "Lower is better"
    HIGHER = "higher", "Higher is better"
    # Context figures such as the size of a reoffending cohort: shown, never judged.
    NEITHER = "neither", "Neither (context only)"


class Direction(models.TextChoices):
    BETTER = "better", "Better"
    WORSE = "worse", "Worse"
    SAME = "same", "No change"
    UP = "up", "Up"
    DOWN = "down", "Down"
    NO_PREVIOUS = "none", "No earlier figure"


# Arrows are decoration: the word is always shown beside them.
ARROWS = {
    Direction.BETTER: "↑",
    Direction.WORSE: "↓",
    Direction.SAME: "→",
    Direction.UP: "↗",
    Direction.DOWN: "↘",
    Direction.NO_PREVIOUS: "",
}


def direction(before, now, better):
    """Whether moving from ``before`` to ``now`` is better or worse, given which
    way is good. A fall in first time entrants is better; a fall in a
    higher-is-better figure (say, children in suitable accommodation) is worse."""
    if before is None or now is None:
        return Direction.NO_PREVIOUS
    if now == before:
        return Direction.SAME
    went_up = now > before
    if better == Better.NEITHER:
        return Direction.UP if went_up else Direction.DOWN
    return Direction.BETTER if went_up == (better == Better.HIGHER) else Direction.WORSE


class Area(models.Model):
    """Whose figure a value is: the service itself or a comparator."""

    class Kind(models.TextChoices):
        OWN = "own", "This service"
        FAMILY_AVERAGE = "family_average", "YOT family average"
        FAMILY_MEMBER = "family_member", "YOT family member"
        REGION = "region", "Region"
        NATIONAL = "national", "England"
        OTHER = "other", "Other area"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="indicator_areas")
    name = models.CharField(max_length=100, validators=[no_control_characters])
    kind = models.CharField(max_length=20, choices=Kind.choices)
    region = models.CharField(
        max_length=100, blank=True, help_text="For family members, e.g. North West.", validators=[no_control_characters]
    )
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="area_name_unique_in_partnership"),
            models.UniqueConstraint(
                fields=["partnership"], condition=Q(kind="own"), name="one_own_area_per_partnership"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["own", "family_average", "family_member", "region", "national", "other"]),
                name="area_kind_valid",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_own(self):
        return self.kind == self.Kind.OWN


class IndicatorPeriod(models.Model):
    """A period figures are published for, e.g. "Apr 2018 - Mar 2019"."""

    label = models.CharField(max_length=50, unique=True, validators=[no_control_characters])
    start = models.DateField()
    end = models.DateField()

    class Meta:
        ordering = ["end", "start"]
        constraints = [
            models.UniqueConstraint(fields=["start", "end"], name="indicator_period_dates_unique"),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="indicator_period_ends_after_start"),
        ]

    def __str__(self):
        return self.label


class IndicatorQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)

    def with_values(self, up_to=None):
        """Prefetch every value with its period and area (one query for all of
        them); ``up_to`` keeps only periods that had ended by that date."""
        values = IndicatorValue.objects.select_related("period", "area")
        if up_to is not None:
            values = values.filter(period__end__lte=up_to)
        return self.prefetch_related(
            models.Prefetch("values", queryset=values),
            models.Prefetch("aims", queryset=Aim.objects.select_related("section")),
        )


class Indicator(models.Model):
    class Unit(models.TextChoices):
        RATE_PER_100K = "per_100k", "Rate per 100,000"
        PERCENTAGE = "percentage", "Percentage"
        RATE_PER_1K = "per_1k", "Rate per 1,000"
        COUNT = "count", "Count"
        AVERAGE = "average", "Average per person"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(max_length=200, validators=[no_control_characters])
    slug = models.SlugField(max_length=100)
    definition = models.TextField(max_length=text.DEFINITION, validators=text.text_validators(text.DEFINITION))
    unit = models.CharField(max_length=20, choices=Unit.choices)
    better = models.CharField("Which direction is better", max_length=10, choices=Better.choices)
    decimal_places = models.PositiveSmallIntegerField(
        default=0, help_text="As the figures are published: 1 for 44.8%, 0 for 117 per 100,000."
    )
    target = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)
    aims = models.ManyToManyField(Aim, blank=True, related_name="indicators", help_text="The aims it evidences.")
    source = models.TextField(blank=True, help_text="Where the figures come from.", max_length=text.SOURCE, validators=text.text_validators(text.SOURCE))
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords(m2m_fields=[aims])

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "slug"], name="indicator_slug_unique_in_partnership"),
            models.CheckConstraint(condition=Q(better__in=["lower", "higher", "neither"]), name="indicator_better_valid"),
            models.CheckConstraint(
                condition=Q(unit__in=["per_100k", "percentage", "per_1k", "count", "average"]),
                name="indicator_unit_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def direction(self, before, now):
        return direction(before, now, self.better)

    def meets_target(self, value):
        """True/False against the target; None when there is no target or it cannot be judged."""
        if self.target is None or value is None or self.better == Better.NEITHER:
            return None
        return value <= self.target if self.better == Better.LOWER else value >= self.target

    def number(self, value):
        """The value to its published precision, without the unit (for tables whose caption gives it)."""
        return "No figure" if value is None else f"{Decimal(value):,.{self.decimal_places}f}"

    def format(self, value):
        """The value as published, with its unit: "44.8%", "117 per 100,000"."""
        if value is None:
            return "No figure"
        number = self.number(value)
        return {
            self.Unit.PERCENTAGE: f"{number}%",
            self.Unit.RATE_PER_100K: f"{number} per 100,000",
            self.Unit.RATE_PER_1K: f"{number} per 1,000",
        }.get(self.unit, number)

    def format_change(self, change, with_unit=True):
        if change is None:
            return ""
        sign = "+" if change > 0 else ("−" if change < 0 else "")
        magnitude = f"{abs(Decimal(change)):,.{self.decimal_places}f}"
        if not with_unit:
            return f"{sign}{magnitude}"
        unit = {
            self.Unit.PERCENTAGE: " percentage points",
            self.Unit.RATE_PER_100K: " per 100,000",
            self.Unit.RATE_PER_1K: " per 1,000",
        }.get(self.unit, "")
        return f"{sign}{magnitude}{unit}"


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.ForeignKey(IndicatorPeriod, on_delete=models.PROTECT, related_name="values")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(max_digits=12, decimal_places=3)
    source = models.CharField(
        max_length=300, blank=True, help_text="Where this figure was published.", validators=[no_control_characters]
    )
    note = models.CharField(max_length=300, blank=True, validators=[no_control_characters])
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period", "area"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period", "area"], name="one_value_per_indicator_period_area"),
        ]

    def __str__(self):
        return f"{self.indicator}, {self.area}, {self.period}: {self.indicator.format(self.value)}"

    def clean(self):
        # Comparators belong to a partnership: another partnership's areas would leak across.
        if self.indicator_id and self.area_id and self.area.partnership_id != self.indicator.partnership_id:
            raise ValidationError({"area": "Choose an area of the indicator's own partnership."})
