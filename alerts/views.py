from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from alerts.attention import shows_attention

from .models import SentAlert


@login_required
@shows_attention
def sent(request):
    """The alerts emailed to the signed-in person, newest first. Anyone signed
    in may look: it only ever shows their own, and only from partnerships they
    are still in (plans.tenancy)."""
    owner = getattr(request.user, "owner", None)
    alerts = (
        request.scope.of(SentAlert).filter(recipient=owner).select_related("action", "on_behalf_of")
        if owner
        else SentAlert.objects.none()
    )
    page = Paginator(alerts, 50).get_page(request.GET.get("page"))
    return render(request, "alerts/sent.html", {"page_obj": page, "owner": owner})
