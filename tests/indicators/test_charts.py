"""How the trend charts lay out their axes and labels (indicators.charts)."""

import itertools
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from indicators import charts
from indicators.models import Indicator
from indicators.summary import summarise_all

SVG = "{http://www.w3.org/2000/svg}"


def test_a_count_axis_goes_up_in_whole_numbers():
    # Custodial sentences: 2 then 0. Half steps would print "0, 0, 1, 2, 2" at no decimal places.
    _, ticks = charts.scale([], {"Sefton": {"p1": Decimal(2), "p2": Decimal(0)}}, decimal_places=0)
    assert ticks == [0, 1, 2]


def test_a_rate_axis_keeps_its_finer_steps():
    _, ticks = charts.scale([], {"Sefton": {"p1": Decimal("0.04")}}, decimal_places=2)
    assert ticks == [Decimal("0"), Decimal("0.01"), Decimal("0.02"), Decimal("0.03"), Decimal("0.04")]


def test_period_labels_are_left_out_rather_than_drawn_over_each_other():
    page, pack = charts.Frame(), charts.PACK_FRAME
    assert page.labelled(3) == [0, 1, 2]
    assert pack.labelled(2) == [0, 1]
    assert pack.labelled(3) == [0, 2]  # the middle one would touch both neighbours
    assert page.labelled(9)[0] == 0 and page.labelled(9)[-1] == 8  # first and latest always


# Geometry read back from the SVG itself, independently of the chart code's own
# layout: text boxes from x, y, anchor, font size and an estimate of the text's
# width (Arial, which Liberation Sans matches, averages 0.55 em a character).


def text_boxes(root):
    default_size = float(root.get("font-size"))
    boxes = []
    for text in root.iter(f"{SVG}text"):
        size = float(text.get("font-size", default_size))
        x, y = float(text.get("x")), float(text.get("y")) + float(text.get("dy", 0))
        width = len(text.text.strip()) * size * 0.55
        left = {"start": x, "middle": x - width / 2, "end": x - width}[text.get("text-anchor", "start")]
        boxes.append((text.text.strip(), (left, y - 0.75 * size, left + width, y + 0.2 * size)))
    return boxes


def numbers(d):
    values = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(values[::2], values[1::2]))


def line_segments(root):
    """The data lines (paths drawn with fill="none") and the legend's line samples."""
    segments = []
    for path in root.iter(f"{SVG}path"):
        if path.get("fill") == "none":
            points = numbers(path.get("d"))
            segments += list(zip(points, points[1:]))
    for line in root.iter(f"{SVG}line"):
        if line.get("stroke-width") == "3":
            segments.append(((float(line.get("x1")), float(line.get("y1"))), (float(line.get("x2")), float(line.get("y2")))))
    return segments


def marker_boxes(root):
    boxes = []
    for circle in root.iter(f"{SVG}circle"):
        cx, cy, r = (float(circle.get(a)) for a in ("cx", "cy", "r"))
        boxes.append((cx - r, cy - r, cx + r, cy + r))
    for rect in root.iter(f"{SVG}rect"):
        if rect.get("fill") != "#ffffff":  # a label's halo is not a marker
            x, y, w, h = (float(rect.get(a)) for a in ("x", "y", "width", "height"))
            boxes.append((x, y, x + w, y + h))
    for path in root.iter(f"{SVG}path"):
        if path.get("fill") != "none":  # triangles, diamonds and crosses
            xs, ys = zip(*numbers(path.get("d")))
            boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def crosses(box, segment):
    """Sample the segment finely: enough for boxes a few units across."""
    (x0, y0), (x1, y1) = segment
    steps = max(1, int(max(abs(x1 - x0), abs(y1 - y0))))
    return any(
        box[0] < x0 + (x1 - x0) * i / steps < box[2] and box[1] < y0 + (y1 - y0) * i / steps < box[3]
        for i in range(steps + 1)
    )


@pytest.fixture
def sefton_charts(sefton, sefton_indicators):
    indicators = list(Indicator.objects.for_partnership(sefton.partnership).with_values())
    summaries = [s for s in summarise_all(indicators, frame=None) if s.periods]
    drawn = []
    for frame in (charts.Frame(), charts.PACK_FRAME):  # the indicators page and the board pack
        for summary in summaries:
            drawn.append((f"{summary.indicator.slug} at {frame.width}", ET.fromstring(str(summary.draw_chart(frame)))))
    return drawn


def test_no_two_labels_on_a_sefton_chart_overlap(sefton_charts):
    for name, root in sefton_charts:
        for (text_a, a), (text_b, b) in itertools.combinations(text_boxes(root), 2):
            assert not overlap(a, b), f"{name}: '{text_a}' overlaps '{text_b}'"


def test_no_label_on_a_sefton_chart_sits_on_a_line_or_a_marker(sefton_charts):
    for name, root in sefton_charts:
        segments, markers = line_segments(root), marker_boxes(root)
        for text, box in text_boxes(root):
            assert not any(crosses(box, segment) for segment in segments), f"{name}: '{text}' is on a line"
            assert not any(overlap(box, marker) for marker in markers), f"{name}: '{text}' is on a marker"


def test_comparator_markers_at_the_same_figure_are_set_side_by_side(sefton_charts):
    for name, root in sefton_charts:
        for a, b in itertools.combinations(marker_boxes(root), 2):
            assert not overlap(a, b), f"{name}: markers at {a} and {b} overlap"


def test_the_latest_sefton_figure_is_printed_on_each_chart(sefton_charts):
    labels = {name: [text for text, _ in text_boxes(root)] for name, root in sefton_charts}
    assert "98 per 100,000" in labels["fte-rate at 480"]
    assert "36.7%" in labels["reoffending-rate at 480"]
