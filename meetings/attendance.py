"""Attendance per agency over a financial year, as the board reports it to the
Youth Justice Board: "Merseyside Police: 3 of 4 meetings (75%)".

A meeting counts for an agency once attendance has been recorded for it, so a
meeting whose attendance nobody has entered yet, or one held before the agency
joined the board, does not count against the agency. An agency is represented
when its representative was present or a deputy attended for them.
"""

from dataclasses import dataclass, field

from django.db.models import Count

from plans.periods import Quarter

from .models import Agency, Attendance, Meeting


def year_bounds(year):
    """First and last day of the financial year that starts in ``year``."""
    return Quarter(year, 1).start, Quarter(year, 4).end


def percent(part, whole):
    """A whole-number percentage, halves rounded up (3 of 8 is 38%); None of nothing."""
    if not whole:
        return None
    return (200 * part + whole) // (2 * whole)


@dataclass
class AgencyAttendance:
    agency: Agency
    held: int = 0  # meetings held with this agency's attendance recorded
    represented: int = 0
    by_deputy: int = 0
    apologies: int = 0

    @property
    def percent(self):
        return percent(self.represented, self.held)

    @property
    def figure(self):
        """The sentence the board can report."""
        if not self.held:
            return f"{self.agency.name}: no meetings recorded"
        meetings = "meeting" if self.held == 1 else "meetings"
        line = f"{self.agency.name}: {self.represented} of {self.held} {meetings} ({self.percent}%)"
        if self.by_deputy:
            line += f", {self.by_deputy} by a deputy"
        return line


@dataclass
class YearAttendance:
    year: int
    meetings: list  # meetings held in the year, oldest first
    agencies: list = field(default_factory=list)  # AgencyAttendance, in the board's order

    @property
    def financial_year(self):
        return Quarter(self.year, 1).financial_year

    @property
    def not_recorded(self):
        """Meetings held with no attendance recorded yet: they count for nobody."""
        return [meeting for meeting in self.meetings if not meeting.attendance_count]


def year_attendance(partnership, year, today):
    """Attendance per agency for the financial year starting in ``year``,
    counting the meetings held on or before ``today``. Three queries."""
    start, end = year_bounds(year)
    meetings = list(
        Meeting.objects.filter(partnership=partnership, held_on__gte=start, held_on__lte=min(end, today))
        .annotate(attendance_count=Count("attendance"))
        .order_by("held_on", "pk")
    )
    rows = Attendance.objects.filter(meeting__in=[m.pk for m in meetings]).select_related("agency")
    by_agency = {}
    for row in rows:
        entry = by_agency.setdefault(row.agency_id, AgencyAttendance(row.agency))
        entry.held += 1
        entry.represented += row.represented
        entry.by_deputy += bool(row.deputy)
        entry.apologies += row.status == Attendance.Status.APOLOGIES
    for agency in Agency.objects.filter(partnership=partnership, active=True):
        by_agency.setdefault(agency.pk, AgencyAttendance(agency))
    agencies = sorted(by_agency.values(), key=lambda entry: (entry.agency.order, entry.agency.name.lower()))
    return YearAttendance(year, meetings, agencies)
