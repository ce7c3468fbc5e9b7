"""Who may manage a partnership's people: its plan officers and the administrator.

A partnership the person cannot see is a 404 (its slug reveals nothing); one
they can see but do not manage is a 403.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from plans.models import Membership, Partnership


def managed_partnership(request, slug):
    partnership = get_object_or_404(request.scope.of(Partnership), slug=slug)
    if not request.scope.is_officer(partnership):
        raise PermissionDenied
    return partnership


def managed_membership(request, slug, user_id):
    partnership = managed_partnership(request, slug)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "partnership", "invited_by"), partnership=partnership, user_id=user_id
    )
    return partnership, membership


def posted(request):
    return request.POST if request.method == "POST" else None


__all__ = ["login_required", "managed_membership", "managed_partnership", "posted"]
