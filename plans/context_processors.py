from django.conf import settings
from django.urls import reverse

from alerts.attention import nav_count as alert_nav_count
from plans import permissions
from plans.models import Partnership


def nav_items(request):
    """The service navigation for the signed-in user's roles. Feature modules add
    their entries here so the header stays in one place."""
    user = request.user
    if not user.is_authenticated:
        return []
    is_owner = hasattr(user, "owner")
    items = []
    if is_owner:  # the page owners use most comes first
        items.append(("My actions", reverse("my_actions")))
    items.append(("Plans", reverse("home")))
    if permissions.can_view_plans(user):
        items += [
            ("Dashboard", reverse("review:dashboard")),
            ("Review", reverse("review:action_list")),
            ("Indicators", reverse("indicators:index")),
        ]
    if permissions.can_review(user):
        items.append(("Board packs", reverse("boardpack:index")))
    if permissions.is_plan_officer(user):
        items += [("Spreadsheets", reverse("transfer:index")), ("Admin", reverse("admin:index"))]
    if is_owner:  # only people with an owner record are sent alerts
        items.append(("Alerts", reverse("alerts:sent")))
    path = request.path
    nav = [
        {"label": label, "url": url, "active": path == url or (url != "/" and path.startswith(url))}
        for label, url in items
    ]
    for item in nav:
        if item["label"] == "My actions":  # issue 5: how many of the user's actions need attention
            item["count"] = alert_nav_count(request)
    return nav


def site(request):
    # One deployment normally serves one partnership; show its name in the header.
    partnership = Partnership.objects.only("name").first()
    return {
        "service_name": settings.SERVICE_NAME,
        "partnership_name": partnership.name if partnership else "",
        "nav_items": nav_items(request),
    }
