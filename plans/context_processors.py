from django.conf import settings
from django.urls import NoReverseMatch, reverse

from alerts.attention import nav_count as alert_nav_count
from plans.tenancy import scope_for
from plans.models import Partnership


def has_my_actions(user, scope):
    """"My actions" is for people with something to do there: an owner record
    (theirs or a team's, in their partnerships) that owns an action or an
    action arising. A chair linked to the board's owner record but owning
    nothing is not shown "My actions (0)" (issue 14, item 4). One query."""
    from django.db.models import Q

    from plans.models import Owner

    return (
        scope.of(Owner, Owner.objects.for_user(user))
        .filter(Q(actions__isnull=False) | Q(actions_arising__isnull=False))
        .exists()
    )


def _officer_url(name):
    """A link to a page another module may not have yet (People): None until it lands."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def nav_items(request):
    """The service navigation: only what the person can use, read from their
    scope (plans.tenancy) with the same checks the views make. Meetings is
    added by its own tag (meetings_nav). The officer's list must fit one line
    at 1280 px (tests/browser/test_nav_fits.py): their alerts are linked from
    My actions rather than the navigation."""
    user = request.user
    scope = getattr(request, "scope", None) or scope_for(user)
    if not user.is_authenticated or not scope.can_view():
        return []
    is_officer = scope.is_officer()
    items = []
    shows_my_actions = has_my_actions(user, scope)
    if shows_my_actions:  # the page owners use most comes first
        items.append(("My actions", reverse("my_actions")))
    items += [
        ("Plans", reverse("home")),
        ("Dashboard", reverse("review:dashboard")),
        ("Review", reverse("review:action_list")),
        ("Indicators", reverse("indicators:index")),
    ]
    if scope.can_review():
        items.append(("Board packs", reverse("boardpack:index")))
    if is_officer:
        items += [("Spreadsheets", reverse("transfer:index")), ("People", _officer_url("people:index")),
                  ("Admin", reverse("admin:index"))]
    if shows_my_actions and not is_officer:  # only owners are sent alerts
        items.append(("Alerts", reverse("alerts:sent")))
    path = request.path
    nav = [
        {"label": label, "url": url, "active": path == url or (url != "/" and path.startswith(url))}
        for label, url in items
        if url
    ]
    for item in nav:
        item["meetings_follow"] = item["label"] == "Board packs"
        if item["label"] == "My actions":  # issue 5: how many of the user's actions need attention
            item["count"] = alert_nav_count(request)
    return nav


def header_partnership_name(request):
    """The partnership named in the header: the signed-in person's, when they have
    exactly one (never another board's name; nothing when they have several);
    signed out, the host's only partnership, or nothing when it serves several."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        names = list(scope_for(user).partnerships().values_list("name", flat=True)[:2])
    else:
        names = list(Partnership.objects.values_list("name", flat=True)[:2])
    return names[0] if len(names) == 1 else ""


def site(request):
    return {
        "service_name": settings.SERVICE_NAME,
        "partnership_name": header_partnership_name(request),
        "nav_items": nav_items(request),
    }
