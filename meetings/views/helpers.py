"""Who may see and record meetings, as small helpers the views share."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme

from plans import permissions
from plans.views.helpers import role_required

from ..models import AgendaItem, Meeting

# The chair, members and the plan officer read meetings; action owners do not.
reader_required = role_required(permissions.can_review)


def get_meeting(pk):
    return get_object_or_404(Meeting.objects.select_related("partnership", "plan", "period"), pk=pk)


def check_can_record(user, partnership):
    if not permissions.can_record_meeting(user, partnership):
        raise PermissionDenied


def recordable_meeting(request, pk):
    """The meeting, if the user may record it (the chair or the plan officer)."""
    meeting = get_meeting(pk)
    check_can_record(request.user, meeting.partnership)
    return meeting


def recordable_item(request, pk, kind):
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__partnership", "meeting__plan", "meeting__period"),
        pk=pk,
        kind=kind,
    )
    check_can_record(request.user, item.meeting.partnership)
    return item


def posted(request):
    """The submitted data, or None for a GET (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def safe_next(request, default):
    """Where to go back to: the form's ``next`` if it is on this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default
