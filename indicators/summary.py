"""What the indicators page and the board pack show for each indicator, worked
out once from the prefetched values so both say the same thing."""

from dataclasses import dataclass, field

from indicators import charts
from indicators.models import ARROWS, Area, Direction, Indicator

# Comparators drawn on the chart: the service against the benchmarks the
# partnership reads. Family members are in the table, not the chart (eleven
# lines would be unreadable).
CHARTED_KINDS = [Area.Kind.OWN, Area.Kind.FAMILY_AVERAGE, Area.Kind.REGION, Area.Kind.NATIONAL, Area.Kind.OTHER]


# How the service's figure stands against a comparator's, in words.
COMPARED_WORDS = {
    Direction.BETTER: "Better",
    Direction.WORSE: "Worse",
    Direction.SAME: "Same",
    Direction.UP: "Higher",
    Direction.DOWN: "Lower",
    Direction.NO_PREVIOUS: "",
}


@dataclass
class ComparatorRow:
    area: Area
    value: object
    previous: object
    change: object
    direction: str
    compared: str  # how the service compares with this area in the latest period

    @property
    def direction_label(self):
        return Direction(self.direction).label


@dataclass
class IndicatorSummary:
    indicator: Indicator
    periods: list
    series: dict  # {area: {period: value}}
    own_area: Area | None
    latest_period: object = None
    latest: object = None
    previous_period: object = None
    previous: object = None
    change: object = None
    direction: str = Direction.NO_PREVIOUS
    comparators: list = field(default_factory=list)
    chart: object = None

    @property
    def direction_label(self):
        return Direction(self.direction).label

    @property
    def arrow(self):
        return ARROWS[self.direction]

    @property
    def meets_target(self):
        return self.indicator.meets_target(self.latest)

    @property
    def table_areas(self):
        """Areas with a line on the chart, in chart order, for the chart's data table."""
        return [area for area in self.series if area.kind in CHARTED_KINDS]

    def draw_chart(self, frame):
        """The trend chart of the charted areas, drawn in ``frame`` (indicators.charts.Frame)."""
        return charts.trend_chart(self.indicator, self.periods, {a: self.series[a] for a in self.table_areas}, frame)

    def table_rows(self):
        """[(period, [value per charted area, to published precision])] for the chart's data table."""
        areas = self.table_areas
        return [
            (period, [self.indicator.number(self.series[area].get(period)) for area in areas])
            for period in self.periods
        ]


def summarise(indicator, frame=charts.Frame()):
    """Build the summary from ``indicator.values.all()`` (prefetch it: see
    IndicatorQuerySet.with_values) without further queries. ``frame=None``: no chart."""
    values = list(indicator.values.all())
    periods = sorted({v.period for v in values}, key=lambda p: (p.end, p.start))
    areas = sorted({v.area for v in values}, key=lambda a: (a.order, a.name))
    series = {area: {} for area in areas}
    for v in values:
        series[v.area][v.period] = v.value
    own = next((area for area in areas if area.is_own), None)
    summary = IndicatorSummary(indicator=indicator, periods=periods, series=series, own_area=own)
    if own is None:
        return summary
    own_periods = [period for period in periods if period in series[own]]
    if own_periods:
        summary.latest_period = own_periods[-1]
        summary.latest = series[own][summary.latest_period]
    if len(own_periods) > 1:
        summary.previous_period = own_periods[-2]
        summary.previous = series[own][summary.previous_period]
        summary.change = summary.latest - summary.previous
    summary.direction = indicator.direction(summary.previous, summary.latest)
    summary.comparators = comparators(indicator, series, summary.latest_period, summary.previous_period, own)
    summary.chart = summary.draw_chart(frame) if frame else None
    return summary


def comparators(indicator, series, latest_period, previous_period, own):
    """Every area with a figure for the latest period (as the source tables list
    them), with its own change and how the service compares with it."""
    if latest_period is None:
        return []
    own_value = series[own].get(latest_period)
    rows = []
    for area, by_period in series.items():
        if latest_period not in by_period:
            continue
        value = by_period[latest_period]
        previous = by_period.get(previous_period) if previous_period else None
        if area.is_own:
            compared = ""
        else:
            # "Better" means the service's figure is better than this area's.
            compared = COMPARED_WORDS[indicator.direction(value, own_value)]
        rows.append(
            ComparatorRow(
                area=area,
                value=value,
                previous=previous,
                change=None if previous is None else value - previous,
                direction=indicator.direction(previous, value),
                compared=compared,
            )
        )
    return rows


def period_name(period):
    """A published period as its years: "2020–21" for one spanning two calendar
    years (Apr 2020 - Mar 2021, Jul 2020 - Jun 2021), "2020" for Jan - Dec 2020."""
    if period.start.year == period.end.year:
        return str(period.end.year)
    return f"{period.start.year}–{period.end.year % 100:02d}"


def a_year_before(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass
class DataAge:
    """The newest figure the page has for the service, and whether it is old
    enough to warn about: its period ended more than a year before today."""

    period: object  # IndicatorPeriod
    stale: bool

    @property
    def name(self):
        return period_name(self.period)


def data_age(summaries, today):
    """The DataAge of the newest figure for the service across ``summaries``
    (None if there is none). Published figures lag: a page whose latest figure
    ended more than a year before ``today`` says so, so nobody reads it as current."""
    periods = [summary.latest_period for summary in summaries if summary.latest_period]
    if not periods:
        return None
    latest = max(periods, key=lambda period: (period.end, period.start))
    return DataAge(period=latest, stale=latest.end < a_year_before(today))


def summarise_all(indicators, frame=charts.Frame()):
    """``frame``: how to draw each chart (see summarise)."""
    return [summarise(indicator, frame) for indicator in indicators]


@dataclass
class ComparatorMatrix:
    """Every indicator's comparators in one table, for the board pack: a row per
    area, a column per indicator (its latest period), Sefton first."""

    columns: list  # [IndicatorSummary]
    rows: list  # [(Area, [figure or "" per column])]


def comparator_matrix(summaries):
    columns = [s for s in summaries if len(s.comparators) > 1]
    by_area = {}
    for index, summary in enumerate(columns):
        for row in summary.comparators:
            cells = by_area.setdefault(row.area, [""] * len(columns))
            cells[index] = summary.indicator.number(row.value)
    # The service first, then as the source tables list areas.
    areas = sorted(by_area, key=lambda area: (not area.is_own, area.order, area.name))
    return ComparatorMatrix(columns=columns, rows=[(area, by_area[area]) for area in areas])
