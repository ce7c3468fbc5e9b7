"""Trend charts drawn on the server as SVG, so they work without JavaScript, under
a strict CSP (presentation attributes, never style="") and inside the WeasyPrint
board pack. Every chart has a <title> and a text description, and the page shows
the same numbers as a table for screen-reader users.

Lines differ by dash pattern and marker shape as well as colour, so the chart
never relies on colour alone (WCAG 1.4.1)."""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from indicators.models import Area

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 24, 60
# Points sit in from the plot's edges so period labels ("Apr 2019 - Mar 2020",
# centred under them) are not cut off.
INSET = 70
LEGEND_ROW = 22
LABEL_WIDTH = 160  # room for one period label under the x axis

# (colour, dash pattern, marker) per kind of area. Colours are GOV.UK palette
# values with at least 3:1 contrast against white.
STYLES = {
    Area.Kind.OWN: ("#1d70b8", "", "circle"),
    Area.Kind.FAMILY_AVERAGE: ("#d4351c", "8 4", "square"),
    Area.Kind.REGION: ("#00703c", "2 4", "triangle"),
    Area.Kind.NATIONAL: ("#0b0c0c", "12 4 2 4", "diamond"),
    Area.Kind.OTHER: ("#912b88", "4 4", "cross"),
}


@dataclass
class Point:
    x: float
    y: float
    label: str


@dataclass
class Line:
    name: str
    colour: str
    dash: str
    marker: str
    points: list
    path: str
    legend_y: float
    labelled: bool  # only the service's own line gets a value label: others would overlap


def nice_step(span, ticks=5):
    """A round step (1, 2, 2.5 or 5 × 10^n) giving about ``ticks`` gridlines."""
    if span <= 0:
        return Decimal(1)
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return Decimal(str(factor * magnitude))
    return Decimal(str(10 * magnitude))


def scale(periods, series, decimal_places=None):
    """Y axis from 0 (so a small change is not drawn as a cliff) to a round top.
    Steps are never finer than the figures' published precision: counts go up in
    whole numbers, so an axis never reads "0, 0, 1, 2, 2"."""
    highest = max((v for by_period in series.values() for v in by_period.values()), default=Decimal(0))
    step = nice_step(float(highest) or 1)
    if decimal_places is not None:
        step = max(step, Decimal(1).scaleb(-decimal_places))
    top = step * max(1, math.ceil(Decimal(highest) / step)) if highest else step * 5
    ticks = []
    value = Decimal(0)
    while value <= top:
        ticks.append(value)
        value += step
    return top, ticks


@dataclass(frozen=True)
class Frame:
    """How to draw a chart: a drawing ``width`` by ``height`` units (legend below
    it) with text ``font_size`` units high. ``figures_in_title`` puts every figure
    in the chart's <title>: a PDF takes a figure's alternative text from it, and
    the board pack prints no separate table for each chart."""

    width: int = WIDTH
    height: int = HEIGHT
    font_size: int = 13
    figures_in_title: bool = False

    @property
    def plot_width(self):
        return self.width - LEFT - RIGHT

    @property
    def plot_height(self):
        return self.height - TOP - BOTTOM

    def x_at(self, index, count):
        if count == 1:
            return LEFT + self.plot_width / 2
        return LEFT + INSET + (self.plot_width - 2 * INSET) * index / (count - 1)

    def y_at(self, value, top):
        return TOP + self.plot_height - self.plot_height * float(value) / float(top)

    def labelled(self, count):
        """Indexes of the periods to label under the axis: as many as fit without
        long labels ("Apr 2019 - Mar 2020", about 130 units wide) colliding,
        always the first and the latest. The chart's table (in the pack, its title) has them all."""
        if count <= 1:
            return [0] * count
        gap = (self.plot_width - 2 * INSET) / (count - 1)
        every = max(1, math.ceil(LABEL_WIDTH / gap))
        indexes = list(range(0, count, every))
        if indexes[-1] != count - 1:
            if count - 1 - indexes[-1] < every:
                indexes.pop()  # too close to the latest, which matters more
            indexes.append(count - 1)
        return indexes


# The board pack prints its charts two to a row, 85 mm wide: a narrower drawing
# with larger text keeps the labels at about 7.5 pt there.
PACK_FRAME = Frame(width=480, height=250, font_size=15, figures_in_title=True)


def trend_chart(indicator, periods, series, frame=Frame()):
    """SVG markup for ``series`` ({area: {period: value}}) over ``periods``;
    the indicator formats the numbers. Returns '' when there is nothing to draw."""
    if not periods or not any(series.values()):
        return ""
    x_at, y_at = frame.x_at, frame.y_at
    top, ticks = scale(periods, series, indicator.decimal_places)
    lines = []
    for area, by_period in series.items():
        colour, dash, marker = STYLES.get(area.kind, STYLES[Area.Kind.OTHER])
        points = [
            Point(x_at(i, len(periods)), y_at(by_period[p], top), indicator.format(by_period[p]))
            for i, p in enumerate(periods)
            if p in by_period
        ]
        if not points:
            continue
        path = " ".join(f"{'M' if i == 0 else 'L'}{pt.x:.1f},{pt.y:.1f}" for i, pt in enumerate(points))
        lines.append(Line(area.name, colour, dash, marker, points, path, 0, area.is_own))
    legend_top = frame.height
    for i, line in enumerate(lines):
        line.legend_y = legend_top + LEGEND_ROW * i + LEGEND_ROW / 2
    labelled = frame.labelled(len(periods))
    description = describe(indicator, periods, series)
    context = {
        "id": f"chart-{indicator.slug}",
        "indicator": indicator,
        "title": description if frame.figures_in_title else f"{indicator.name}: trend chart",
        "font_size": frame.font_size,
        "figures_in_title": frame.figures_in_title,
        "width": frame.width,
        "height": frame.height + LEGEND_ROW * len(lines) + 6,
        "plot": {"left": LEFT, "right": LEFT + frame.plot_width, "top": TOP, "bottom": TOP + frame.plot_height},
        "ticks": [{"y": y_at(t, top), "label": indicator.format(t).split(" ")[0]} for t in ticks],
        "x_labels": [
            {"x": x_at(i, len(periods)), "label": p.label}
            for i, p in enumerate(periods)
            if i in labelled
        ],
        "lines": lines,
        "description": description,
    }
    return mark_safe(render_to_string("indicators/_chart.svg", context))  # noqa: S308 (template autoescapes)


def describe(indicator, periods, series):
    """The chart in words, every figure on it: "Reoffending rate: Sefton 44.8%
    (Apr 2018 - Mar 2019), 36.7% (Apr 2019 - Mar 2020); England 34.2% (...)."."""
    parts = []
    for area, by_period in series.items():
        known = [p for p in periods if p in by_period]
        if known:
            figures = ", ".join(f"{indicator.format(by_period[p])} ({p.label})" for p in known)
            parts.append(f"{area.name} {figures}")
    return f"{indicator.name}: " + "; ".join(parts) + "."
