"""Links from the dashboard's counts to the review list filtered to exactly the
actions counted, built from the ReviewFilter's own query parameters.

``{% load review_links %}`` gives:

    ``{% review_list_url status="red" aim=entry.aim.pk %}``
        The review list for the dashboard's plan and quarter (``plan`` and
        ``period`` in the context) and these filters. A status of '' means
        "Not rated"; a list value repeats the parameter (``status=codes``);
        True is a ticked checkbox.
    ``{% count_link count "Red actions in Aim 1" status="red" %}``
        The count as a link to that list, with the words after it for screen
        readers (a bare "3" says nothing out of context). Zero stays plain
        text: a link to an empty list helps nobody.
"""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from review.filters import status_value

register = template.Library()


def _filter_params(filters):
    params = []
    for name, value in filters.items():
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if name == "status":
                item = status_value(item)
            elif item is True:
                item = "on"
            params.append((name, item))
    return params


def _list_base(context):
    """The review list's path and the plan and quarter parameters, encoded once
    per render: the 10x dashboard has over 200 count links."""
    cache = context.render_context
    if "review_list_base" not in cache:
        common = urlencode([("plan", context["plan"].pk), ("period", context["period"].slug)])
        cache["review_list_base"] = f"{reverse('review:action_list')}?{common}"
    return cache["review_list_base"]


@register.simple_tag(takes_context=True)
def review_list_url(context, **filters):
    params = _filter_params(filters)
    return f"{_list_base(context)}&{urlencode(params)}" if params else _list_base(context)


@register.simple_tag(takes_context=True)
def count_link(context, count, description, **filters):
    if not count:
        return format_html("{}", count)
    return format_html(
        '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>',
        review_list_url(context, **filters),
        intcomma(count),  # "5,900", as GOV.UK writes numbers over 999
        description,
    )
