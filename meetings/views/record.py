"""Recording a meeting: attendance, agenda items, decisions and actions arising.
Only the chair and the plan officer record; an owner may mark their own
action arising done."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from plans import permissions

from ..forms import DECISION_HINTS, ArisingForm, AttendanceForm, DecisionForm, ItemForm
from ..models import ActionArising, AgendaItem, Attendance
from .helpers import check_can_record, posted, recordable_item, recordable_meeting, safe_next


def agencies_for(meeting):
    """The board's current agencies, and any no longer active that this meeting recorded."""
    recorded = meeting.attendance.values("agency")
    return meeting.partnership.agencies.filter(active=True) | meeting.partnership.agencies.filter(pk__in=recorded)


@login_required
def attendance(request, pk):
    meeting = recordable_meeting(request, pk)
    existing = {row.agency_id: row for row in meeting.attendance.all()}
    forms = [
        AttendanceForm(
            posted(request),
            agency=agency,
            instance=existing.get(agency.pk) or Attendance(meeting=meeting, agency=agency),
        )
        for agency in agencies_for(meeting).distinct().order_by("order", "name")
    ]
    if request.method == "POST" and all([form.is_valid() for form in forms]):
        with transaction.atomic():
            for form in forms:
                form.save()
        messages.success(request, f"Attendance saved for {len(forms)} agencies.")
        return redirect(f"{meeting.get_absolute_url()}#attendance")
    errors = [(form, field) for form in forms for field in form.visible_fields() if field.errors]
    return render(request, "meetings/attendance_form.html", {"meeting": meeting, "forms": forms, "errors": errors})


@login_required
def item_add(request, pk):
    meeting = recordable_meeting(request, pk)
    form = ItemForm(posted(request), instance=AgendaItem(meeting=meeting))
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.order = meeting.next_item_order()
        item.save()
        messages.success(request, f"Agenda item added: {item.title}")
        return redirect(f"{meeting.get_absolute_url()}#agenda")
    return render(request, "meetings/item_form.html", {"meeting": meeting, "form": form, "item": None})


@login_required
def item_edit(request, pk):
    item = recordable_item(request, pk, AgendaItem.Kind.STANDING)
    meeting = item.meeting
    form = ItemForm(posted(request), instance=item)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Agenda item saved: {item.title}")
        return redirect(f"{meeting.get_absolute_url()}#agenda")
    return render(request, "meetings/item_form.html", {"meeting": meeting, "form": form, "item": item})


@login_required
def item_remove(request, pk):
    item = recordable_item(request, pk, AgendaItem.Kind.STANDING)
    meeting = item.meeting
    if request.method == "POST":
        title = item.title
        item.delete()
        messages.success(request, f"Agenda item removed: {title}")
        return redirect(f"{meeting.get_absolute_url()}#agenda")
    return render(request, "meetings/item_remove.html", {"meeting": meeting, "item": item})


def next_undecided(item):
    """The next exception on the agenda still without a decision, or None."""
    later = item.meeting.items.filter(kind=AgendaItem.Kind.EXCEPTION, decision="")
    return later.filter(order__gt=item.order).first() or later.exclude(pk=item.pk).first()


@login_required
def decision(request, pk):
    item = recordable_item(request, pk, AgendaItem.Kind.EXCEPTION)
    meeting = item.meeting
    form = DecisionForm(posted(request), instance=item)
    if request.method == "POST" and form.is_valid():
        decided = form.save(commit=False)
        decided.decided_by, decided.decided_at = request.user, timezone.now()
        decided.save()
        messages.success(request, f"Decision recorded on {item.action_reference}: {decided.get_decision_display()}")
        following = next_undecided(item)
        if following is not None:
            return redirect("meetings:decision", following.pk)
        return redirect(f"{meeting.get_absolute_url()}#agenda")
    numbers = dict((item.pk, number) for number, item in meeting.numbered_items())
    return render(
        request,
        "meetings/decision_form.html",
        {
            "meeting": meeting,
            "item": item,
            "number": numbers.get(item.pk, ""),
            "form": form,
            "decision_hints": DECISION_HINTS,
            "remaining": meeting.items.filter(kind=AgendaItem.Kind.EXCEPTION, decision="").exclude(pk=item.pk).count(),
        },
    )


@login_required
def arising_add(request, pk):
    meeting = recordable_meeting(request, pk)
    initial = {}
    if item_pk := request.GET.get("item", ""):
        initial["item"] = meeting.items.filter(pk=int(item_pk)).first() if item_pk.isdigit() and len(item_pk) < 12 else None
    form = ArisingForm(posted(request), meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = form.save()
        messages.success(request, f"Action arising added for {action.owner.name}, due {action.due_on:%-d %B %Y}")
        return redirect(f"{meeting.get_absolute_url()}#actions-arising")
    return render(request, "meetings/arising_form.html", {"meeting": meeting, "form": form, "action": None})


@login_required
def arising_edit(request, pk):
    action = get_object_or_404(request.scope.of(ActionArising).select_related("meeting__partnership"), pk=pk)
    meeting = action.meeting
    check_can_record(request.user, meeting.partnership)
    form = ArisingForm(posted(request), meeting=meeting, instance=action)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Action arising saved")
        return redirect(f"{meeting.get_absolute_url()}#actions-arising")
    return render(request, "meetings/arising_form.html", {"meeting": meeting, "form": form, "action": action})


def can_close(user, action):
    """Its owner (directly or through their team), the chair or the plan officer."""
    if permissions.can_record_meeting(user, action.meeting.partnership_id):
        return True
    return ActionArising.objects.owned_by(user).filter(pk=action.pk).exists()


@login_required
@require_POST
def arising_done(request, pk):
    action = get_object_or_404(request.scope.of(ActionArising).select_related("meeting__partnership"), pk=pk)
    if not can_close(request.user, action):
        raise PermissionDenied
    done = request.POST.get("done") != "0"
    if action.set_done(done, request.user, timezone.localdate()):
        word = "done" if done else "open again"
        messages.success(request, f"Action arising marked as {word}: {action.description[:80]}")
    return redirect(safe_next(request, reverse("my_actions")))
