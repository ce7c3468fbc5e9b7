"""Who may see and record meetings, as small helpers the views share.

Every meeting, agenda item and action arising is read through the person's
scope (plans.tenancy), so one from another partnership is a 404; the role is
then checked in the meeting's own partnership, so chairing one board does not
let a person record (or read) another's meetings."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme

from plans import permissions
from plans.views.helpers import role_required

from ..models import AgendaItem, Meeting

# The chair, members and the plan officer read meetings; action owners do not.
reader_required = role_required(permissions.can_review)


def get_meeting(request, pk):
    """The meeting, if it is in one of the person's partnerships (else 404)."""
    meetings = request.scope.of(Meeting).select_related("partnership", "plan", "period")
    return get_object_or_404(meetings, pk=pk)


def readable_meeting(request, pk):
    """The meeting, if the person reads meetings in its partnership: an action
    owner there who is a member elsewhere still gets 403."""
    meeting = get_meeting(request, pk)
    if not permissions.can_review(request.user, meeting.partnership_id):
        raise PermissionDenied
    return meeting


def readable_partnerships(request):
    """The partnerships whose meetings the person reads (member, chair or officer)."""
    return request.scope.partnerships().filter(pk__in=request.scope.reviewer_partnership_ids())


def recordable_partnerships(request):
    """The partnerships whose meetings the person records (chair or officer)."""
    scope = request.scope
    return scope.partnerships().filter(pk__in=[pk for pk in scope.partnership_ids if scope.can_record_meetings(pk)])


def check_can_record(user, partnership):
    if not permissions.can_record_meeting(user, getattr(partnership, "pk", partnership)):
        raise PermissionDenied


def recordable_meeting(request, pk):
    """The meeting, if the user may record it (the chair or the plan officer of its partnership)."""
    meeting = get_meeting(request, pk)
    check_can_record(request.user, meeting.partnership)
    return meeting


def recordable_item(request, pk, kind):
    items = request.scope.of(AgendaItem).select_related("meeting__partnership", "meeting__plan", "meeting__period")
    item = get_object_or_404(items, pk=pk, kind=kind)
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

