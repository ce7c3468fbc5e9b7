"""The meetings list, a meeting's page, its minutes, and attendance over a year."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from plans import permissions
from plans.periods import Quarter

from ..agenda import draw_agenda
from ..attendance import year_attendance
from ..forms import MeetingDetailsForm, MeetingForm
from ..minutes import minutes_context, minutes_pdf
from ..models import AgendaItem, Attendance, Meeting
from .helpers import (
    check_can_record,
    posted,
    readable_meeting,
    readable_partnerships,
    reader_required,
    recordable_meeting,
    recordable_partnerships,
)

# Financial years the attendance page accepts (anything else is a 404, not a crash).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def with_progress(meetings):
    exception = Q(items__kind=AgendaItem.Kind.EXCEPTION)
    return meetings.annotate(
        exceptions=Count("items", filter=exception, distinct=True),
        decided=Count("items", filter=exception & ~Q(items__decision=""), distinct=True),
        agencies_recorded=Count("attendance", distinct=True),
        arising_open=Count("actions_arising", filter=Q(actions_arising__done_on__isnull=True), distinct=True),
    )


@reader_required
def index(request):
    """The meetings of the partnerships whose meetings the person reads, newest first."""
    today = timezone.localdate()
    partnerships = readable_partnerships(request)
    meetings = request.scope.of(Meeting).filter(partnership__in=partnerships)
    meetings = with_progress(meetings.select_related("partnership", "period")).order_by("-held_on", "-pk")
    return render(
        request,
        "meetings/index.html",
        {
            "meetings": meetings,
            "can_record": permissions.can_record_meeting(request.user),
            "year": Quarter.containing(today).year,
            "several_partnerships": partnerships.count() > 1,
        },
    )


@reader_required
def create(request):
    today = timezone.localdate()
    check_can_record(request.user, None)
    form = MeetingForm(posted(request), today=today, recordable=recordable_partnerships(request))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                meeting = form.save(commit=False)
                meeting.created_by = request.user
                meeting.save()
                found = draw_agenda(meeting, today)
        except IntegrityError:  # the same meeting saved twice at once
            form.add_error("held_on", "There is already a meeting on that date")
        else:
            messages.success(
                request,
                f"Meeting recorded. Its agenda has {found} exception{'s' if found != 1 else ''} from "
                f"{meeting.period}: record the board's decision on each.",
            )
            return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form, "creating": True})


@reader_required
def detail(request, pk):
    meeting = readable_meeting(request, pk)
    today = timezone.localdate()
    context = minutes_context(meeting, today)
    context["can_record"] = permissions.can_record_meeting(request.user, meeting.partnership)
    context["agencies_total"] = meeting.partnership.agencies.filter(active=True).count()
    return render(request, "meetings/detail.html", context)


@login_required
def edit(request, pk):
    meeting = recordable_meeting(request, pk)
    form = MeetingDetailsForm(posted(request), instance=meeting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The meeting's date and location have been saved.")
        return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting, "creating": False})


@reader_required
def minutes(request, pk):
    meeting = readable_meeting(request, pk)
    return render(request, "meetings/minutes.html", minutes_context(meeting, timezone.localdate()))


@reader_required
def minutes_download(request, pk):
    meeting = readable_meeting(request, pk)
    pdf = minutes_pdf(meeting, timezone.localdate())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="minutes-{meeting.held_on:%Y-%m-%d}.pdf"'
    return response


@reader_required
def attendance_year(request, year=None):
    today = timezone.localdate()
    current = Quarter.containing(today).year
    year = current if year is None else year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("No such financial year.")
    partnerships = list(readable_partnerships(request))
    chosen = request.GET.get("partnership")
    partnership = next((p for p in partnerships if p.slug == chosen), partnerships[0] if partnerships else None)
    if partnership is None:
        raise Http404("There is no partnership yet.")
    figures = year_attendance(partnership, year, today)
    return render(
        request,
        "meetings/attendance_year.html",
        {
            "figures": figures,
            "partnership": partnership,
            "partnerships": partnerships,
            "year": year,
            "previous_year": year - 1 if year > FIRST_YEAR else None,
            "next_year": year + 1 if year < current else None,
            "statuses": Attendance.Status,
        },
    )
