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
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
# Points sit in from the plot's edges so period labels ("Apr 2019 - Mar 2020",
# centred under them) are not cut off.
INSET = 70
LEGEND_ROW = 22

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


def scale(periods, series):
    """Y axis from 0 (so a small change is not drawn as a cliff) to a round top."""
    highest = max((v for by_period in series.values() for v in by_period.values()), default=Decimal(0))
    step = nice_step(float(highest) or 1)
    top = step * max(1, math.ceil(Decimal(highest) / step)) if highest else step * 5
    ticks = []
    value = Decimal(0)
    while value <= top:
        ticks.append(value)
        value += step
    return top, ticks


def x_at(index, count):
    if count == 1:
        return LEFT + PLOT_W / 2
    return LEFT + INSET + (PLOT_W - 2 * INSET) * index / (count - 1)


def y_at(value, top):
    return TOP + PLOT_H - PLOT_H * float(value) / float(top)


def trend_chart(indicator, periods, series):
    """SVG markup for ``series`` ({area: {period: value}}) over ``periods``;
    the indicator formats the numbers. Returns '' when there is nothing to draw."""
    if not periods or not any(series.values()):
        return ""
    top, ticks = scale(periods, series)
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
    legend_top = HEIGHT
    for i, line in enumerate(lines):
        line.legend_y = legend_top + LEGEND_ROW * i + LEGEND_ROW / 2
    # Long period labels would collide; label every nth period when there are many.
    every = max(1, math.ceil(len(periods) / 6))
    context = {
        "id": f"chart-{indicator.slug}",
        "indicator": indicator,
        "width": WIDTH,
        "height": HEIGHT + LEGEND_ROW * len(lines) + 6,
        "plot": {"left": LEFT, "right": LEFT + PLOT_W, "top": TOP, "bottom": TOP + PLOT_H},
        "ticks": [{"y": y_at(t, top), "label": indicator.format(t).split(" ")[0]} for t in ticks],
        "x_labels": [
            {"x": x_at(i, len(periods)), "label": p.label}
            for i, p in enumerate(periods)
            if i % every == 0 or i == len(periods) - 1
        ],
        "lines": lines,
        "description": describe(indicator, periods, series),
    }
    return mark_safe(render_to_string("indicators/_chart.svg", context))  # noqa: S308 (template autoescapes)


def describe(indicator, periods, series):
    """A one-sentence summary for the chart's <desc>; the full data is in the table."""
    parts = []
    for area, by_period in series.items():
        known = [p for p in periods if p in by_period]
        if len(known) >= 2:
            first, last = known[0], known[-1]
            parts.append(
                f"{area.name} from {indicator.format(by_period[first])} ({first.label}) "
                f"to {indicator.format(by_period[last])} ({last.label})"
            )
        elif known:
            parts.append(f"{area.name} {indicator.format(by_period[known[0]])} ({known[0].label})")
    return f"{indicator.name}: " + "; ".join(parts) + "."
