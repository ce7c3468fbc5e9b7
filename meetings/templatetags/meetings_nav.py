"""The Meetings entry in the service navigation, for the people who read meetings."""

from django import template
from django.urls import reverse

from plans import permissions

register = template.Library()


@register.inclusion_tag("meetings/_nav_item.html", takes_context=True)
def meetings_nav_item(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not permissions.can_review(user):
        return {"show": False}
    url = reverse("meetings:index")
    return {"show": True, "url": url, "active": request.path.startswith(url), "current": request.path == url}
