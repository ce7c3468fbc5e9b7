"""Charts drawn on the server as SVG: no JavaScript, nothing for the CSP to
block, and the numbers are printed as text so the chart never relies on colour
or on seeing bar lengths."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from plans import rag

# GOV.UK Design System colours; the status word is always printed beside the bar.
FILLS = {
    rag.Status.RED: "#d4351c",
    rag.Status.AMBER: "#f47738",
    rag.Status.GREEN: "#00703c",
    rag.Status.BLUE: "#1d70b8",
    "": "#505a5f",
}

ROW_HEIGHT = 32
LABEL_WIDTH = 110
BAR_WIDTH = 300
COUNT_WIDTH = 50


def _pairs(counts_by_status):
    if hasattr(counts_by_status, "items"):
        return list(counts_by_status.items())
    return list(counts_by_status)


def status_chart_svg(counts_by_status, title="Actions by status"):
    """A horizontal bar chart of ``{status code: count}`` (in the order given;
    '' is "Not rated"). Accessible: role="img" with a <title> and a <desc> that
    reads out every number, and each bar has its word and count as text."""
    pairs = _pairs(counts_by_status)
    total = sum(count for _, count in pairs)
    biggest = max([count for _, count in pairs] or [0]) or 1
    height = ROW_HEIGHT * len(pairs) + 8
    width = LABEL_WIDTH + BAR_WIDTH + COUNT_WIDTH
    description = "; ".join(f"{rag.label(code)}: {count}" for code, count in pairs)
    description += f". Total: {total}."
    parts = [
        format_html(
            '<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
            'aria-labelledby="{0}-title {0}-desc" viewBox="0 0 {1} {2}" width="100%" '
            'font-family="Helvetica, Arial, sans-serif">'
            '<title id="{0}-title">{3}</title><desc id="{0}-desc">{4}</desc>',
            _chart_id(title),
            width,
            height,
            title,
            description,
        )
    ]
    for index, (code, count) in enumerate(pairs):
        y = 4 + index * ROW_HEIGHT
        bar = round(BAR_WIDTH * count / biggest) if count else 0
        parts.append(
            format_html(
                '<g aria-hidden="true">'
                '<text x="0" y="{0}" font-size="16" fill="#0b0c0c">{1}</text>'
                '<rect x="{2}" y="{3}" width="{4}" height="{5}" fill="{6}"></rect>'
                '<text x="{7}" y="{0}" font-size="16" font-weight="bold" fill="#0b0c0c">{8}</text>'
                "</g>",
                y + 20,
                rag.label(code),
                LABEL_WIDTH,
                y + 4,
                bar,
                ROW_HEIGHT - 10,
                FILLS.get(code, FILLS[""]),
                LABEL_WIDTH + bar + 6,
                count,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))


def _chart_id(title):
    slug = "".join(ch if ch.isalnum() else "-" for ch in escape(title).lower())
    return f"chart-{slug}".strip("-")
