"""Small helpers for the indicator templates and SVG charts."""

from django import template

register = template.Library()


@register.filter
def offset(value, delta):
    """A chart coordinate moved by ``delta``, to one decimal place (marker shapes)."""
    return f"{float(value) + float(delta):.1f}"


@register.filter
def fmt(value, indicator):
    """{{ value|fmt:indicator }}: the value as published, with its unit."""
    return indicator.format(value)


@register.filter
def fmt_change(value, indicator):
    return indicator.format_change(value)


@register.filter
def num(value, indicator):
    """{{ value|num:indicator }}: to the published precision, no unit (the table's caption gives it)."""
    return indicator.number(value)


@register.filter
def num_change(value, indicator):
    return indicator.format_change(value, with_unit=False)


@register.filter
def unit_caption(indicator):
    """The unit as a caption suffix: "rate per 100,000", "percentage", "count"."""
    return indicator.get_unit_display().lower()


@register.filter
def aims_in(indicator, plan):
    """The aims of ``plan`` this indicator evidences, or all of them without a plan
    (from the prefetched aims: no query)."""
    return [aim for aim in indicator.aims.all() if not plan or aim.section.plan_id == plan.pk]
