"""Trend charts drawn on the server as SVG, so they work without JavaScript, under
a strict CSP (presentation attributes, never style="") and inside the WeasyPrint
board pack. Every chart has a <title> and a text description, and the page shows
the same numbers as a table for screen-reader users.

Lines differ by dash pattern and marker shape as well as colour, so the chart
never relies on colour alone (WCAG 1.4.1)."""

import math
from dataclasses import dataclass, field
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
LEGEND_SAMPLE = 50  # the legend's line sample and gap, before the area's name
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


# Text is estimated, not measured: Arial (Liberation Sans here) averages about half
# an em per character, digits 0.56; 0.6 errs wide so an estimate never undercuts.
CHAR_WIDTH = 0.6
MARKER_HALF = 6.5  # the widest marker (the cross, with its stroke) reaches this far from its point
DODGE = 2 * MARKER_HALF + 1  # sideways step that separates two markers at one period
HALO = 2  # white margin drawn behind a value label


@dataclass
class Point:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in chart units: a label's or a marker's extent."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self):
        return self.right - self.left

    @property
    def height(self):
        return self.bottom - self.top

    def overlaps(self, other):
        return self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom

    def inside(self, other):
        return self.left >= other.left and self.right <= other.right and self.top >= other.top and self.bottom <= other.bottom

    def crosses(self, start, end):
        """Whether the segment start-end passes through the box (Liang-Barsky clipping)."""
        (x0, y0), (x1, y1) = start, end
        dx, dy = x1 - x0, y1 - y0
        low, high = 0.0, 1.0
        for p, q in ((-dx, x0 - self.left), (dx, self.right - x0), (-dy, y0 - self.top), (dy, self.bottom - y0)):
            if p == 0:
                if q < 0:
                    return False
                continue
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low > high:
                return False
        return True


def text_box(x, y, text, size, anchor="start"):
    """The box a line of text covers, from its baseline point and anchor."""
    width = len(text) * size * CHAR_WIDTH
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, y - 0.8 * size, left + width, y + 0.25 * size)


def marker_box(point):
    return Box(point.x - MARKER_HALF, point.y - MARKER_HALF, point.x + MARKER_HALF, point.y + MARKER_HALF)


@dataclass
class ValueLabel:
    """A figure printed beside its point, on a white halo, where it covers no line,
    marker or other label (see ``place_label``)."""

    x: float
    y: float
    anchor: str
    text: str
    box: Box
    halo: Box = field(init=False)

    def __post_init__(self):
        self.halo = Box(self.box.left - HALO, self.box.top - HALO, self.box.right + HALO, self.box.bottom + HALO)


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
    value_label: ValueLabel | None = None
    legend_x: float = LEFT


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
    legend_columns: int = 1

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


# The board pack prints its charts three to a row, 84 mm wide: a narrower drawing
# with larger text keeps the labels at about 7.5 pt there, and a lower one keeps
# a row of charts to a third of a landscape page.
PACK_FRAME = Frame(width=480, height=200, font_size=15, figures_in_title=True, legend_columns=2)


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
        if points:
            lines.append(Line(area.name, colour, dash, marker, points, "", 0, area.is_own))
    dodge(lines)
    columns, legend_left, column_width = legend_columns(lines, frame)
    for i, line in enumerate(lines):
        line.path = " ".join(f"{'M' if j == 0 else 'L'}{pt.x:.1f},{pt.y:.1f}" for j, pt in enumerate(line.points))
        line.legend_x = legend_left + column_width * (i % columns)
        line.legend_y = frame.height + LEGEND_ROW * (i // columns) + LEGEND_ROW / 2
    labelled = frame.labelled(len(periods))
    plot = {"left": LEFT, "right": LEFT + frame.plot_width, "top": TOP, "bottom": TOP + frame.plot_height}
    tick_labels = [{"y": y_at(t, top), "label": indicator.format(t).split(" ")[0]} for t in ticks]
    x_labels = [{"x": x_at(i, len(periods)), "label": p.label} for i, p in enumerate(periods) if i in labelled]
    size = frame.font_size
    taken = [text_box(LEFT, 12, indicator.get_unit_display(), size)]
    taken += [text_box(LEFT - 8, t["y"] + 4, t["label"], size, "end") for t in tick_labels]
    taken += [text_box(x["x"], plot["bottom"] + 22, x["label"], size, "middle") for x in x_labels]
    place_value_labels(lines, Box(LEFT + 1, 0, frame.width, plot["bottom"] - 1), taken, size - 1)
    description = describe(indicator, periods, series)
    context = {
        "id": f"chart-{indicator.slug}",
        "indicator": indicator,
        "title": description if frame.figures_in_title else f"{indicator.name}: trend chart",
        "font_size": size,
        "figures_in_title": frame.figures_in_title,
        "width": frame.width,
        "height": frame.height + LEGEND_ROW * math.ceil(len(lines) / columns) + 6,
        "plot": plot,
        "ticks": tick_labels,
        "x_labels": x_labels,
        "lines": lines,
        "description": description,
    }
    return mark_safe(render_to_string("indicators/_chart.svg", context))  # noqa: S308 (template autoescapes)


def legend_columns(lines, frame):
    """(columns, left, column width) for the legend: one column under the plot,
    or the frame's columns across the whole drawing when there are more than two
    entries and each (a line sample, then the area's name) fits its column."""
    column_width = (frame.width - LEGEND_SAMPLE / 5) / frame.legend_columns
    widest = max(len(line.name) for line in lines) * frame.font_size * CHAR_WIDTH + LEGEND_SAMPLE
    if frame.legend_columns > 1 and len(lines) > 2 and widest <= column_width:
        return frame.legend_columns, LEGEND_SAMPLE / 5, column_width
    return 1, LEFT, 0


def dodge(lines):
    """Markers at one period that would cover each other (Sefton 117, family
    average 116) step sideways, the service's own line staying put: every area
    stays visible, and its line is drawn to where its marker is."""
    placed = {}
    for line in sorted(lines, key=lambda line: not line.labelled):
        for point in line.points:
            neighbours = placed.setdefault(round(point.x, 1), [])
            for shift in (0, DODGE, -DODGE, 2 * DODGE, -2 * DODGE, 3 * DODGE, -3 * DODGE):
                if all(abs(point.y - q.y) >= DODGE or abs(point.x + shift - q.x) >= DODGE for q in neighbours):
                    break
            point.x += shift
            neighbours.append(point)


def label_positions(point, text, size, step=5, reach=24):
    """Where a value label may go: centred on a grid around its point, nearest
    first, and of equally near places those above the point first, then below,
    then beside it (as a reader expects). Yields (x, baseline y, anchor)."""
    half = len(text) * size * CHAR_WIDTH / 2
    across = math.ceil(2 * half / step)  # never further to the side than its own width
    columns = [(abs(i), point.x + i * step, max(abs(i) * step - half, 0)) for i in range(-across, across + 1)]
    rows = []
    for j in range(-reach, reach + 1):
        y = point.y + j * step
        top, bottom = y - 0.8 * size, y + 0.25 * size
        side = 0 if bottom <= point.y else 1 if top >= point.y else 2
        rows.append((y, max(top - point.y, 0, point.y - bottom), side))
    candidates = sorted(
        (round(math.hypot(dx, dy) / step), side, distance, x, y)
        for distance, x, dx in columns
        for y, dy, side in rows
        if dx or dy  # never over its own point
    )
    for *_, x, y in candidates:
        yield x, y, "middle"


def place_label(point, text, size, bounds, boxes, segments):
    """The first position whose label, halo included, stays in ``bounds`` and
    covers no box (markers, other labels) and no line segment."""
    fallback = None
    for x, y, anchor in label_positions(point, text, size):
        label = ValueLabel(x, y, anchor, text, text_box(x, y, text, size, anchor))
        fallback = fallback or label
        halo = label.halo
        if (
            halo.inside(bounds)
            and not any(halo.overlaps(box) for box in boxes)
            and not any(halo.crosses(start, end) for start, end in segments)
        ):
            return label
    return fallback


def place_value_labels(lines, bounds, taken, size):
    """Label the latest figure of each labelled line, clear of everything drawn."""
    boxes = list(taken) + [marker_box(point) for line in lines for point in line.points]
    segments = [
        ((a.x, a.y), (b.x, b.y)) for line in lines for a, b in zip(line.points, line.points[1:])
    ]
    for line in lines:
        if line.labelled:
            last = line.points[-1]
            line.value_label = place_label(last, last.label, size, bounds, boxes, segments)
            boxes.append(line.value_label.halo)


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
