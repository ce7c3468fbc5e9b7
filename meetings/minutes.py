"""The minutes: one context for the web page and the PDF, so they cannot disagree.

The PDF is made the way the board pack is (``boardpack.services``): WeasyPrint,
PDF/UA-1, only data: URLs fetched, the stylesheet parsed once per process. The
minutes have their own small print stylesheet.
"""

from collections import defaultdict

from django.template.loader import render_to_string

from boardpack.services import document_pdf

from .models import Attendance

STYLESHEET = "meetings/minutes.css"


def minutes_context(meeting, today):
    """Everything the minutes show. Four queries."""
    attendance = list(meeting.attendance.select_related("agency"))
    arising = list(meeting.actions_arising.select_related("owner", "item"))
    by_item = defaultdict(list)
    for action in arising:
        by_item[action.item_id].append(action)
    items = [(number, item, by_item.get(item.pk, [])) for number, item in meeting.numbered_items()]
    exceptions = [item for _, item, _ in items if item.is_exception]
    return {
        "meeting": meeting,
        "partnership": meeting.partnership,
        "present": [row for row in attendance if row.status == Attendance.Status.PRESENT],
        "deputised": [row for row in attendance if row.status != Attendance.Status.PRESENT and row.deputy],
        "apologies": [row for row in attendance if row.status == Attendance.Status.APOLOGIES],
        "absent": [row for row in attendance if row.status == Attendance.Status.ABSENT],
        "attendance_recorded": bool(attendance),
        "items": items,
        "undecided": sum(not item.decision for item in exceptions),
        "arising": arising,
        "today": today,
        "document_title": f"Minutes: {meeting.partnership}, {meeting.held_on:%-d %B %Y}",
    }


def minutes_pdf(meeting, today):
    """The minutes as PDF bytes."""
    html = render_to_string("meetings/minutes_pdf.html", minutes_context(meeting, today))
    return document_pdf(html, STYLESHEET)
