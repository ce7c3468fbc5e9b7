from django import template
from django.urls import NoReverseMatch, reverse

from alerts.attention import request_attention

register = template.Library()


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:  # the page belongs to a feature that may not be installed yet
        return ""


@register.inclusion_tag("alerts/banner.html", takes_context=True)
def alert_banner(context):
    """What needs the signed-in user's attention today, as a GOV.UK notification
    banner; renders nothing when all is well. Needs ``request`` in the context."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return {"attention": None}
    return {
        "attention": request_attention(request),
        "my_actions_url": _url("my_actions"),
        "alerts_url": reverse("alerts:sent"),
        "current_path": request.path,
    }
