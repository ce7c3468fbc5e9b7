"""The minutes: attendance, apologies, each agenda item with its decision, and the actions arising."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from meetings.minutes import minutes_pdf
from meetings.models import ActionArising, Agency, Attendance

from .conftest import TODAY, exception_items


def squash(text):
    return " ".join(text.split())


@pytest.fixture
def recorded(meeting, agencies, owner_user, chair_user):
    police, probation, social_care = agencies
    Attendance.objects.create(meeting=meeting, agency=police, representative="Chair", status="present")
    Attendance.objects.create(
        meeting=meeting, agency=probation, representative="Head of Probation", status="apologies",
        deputy="Senior Probation Officer",
    )
    Attendance.objects.create(
        meeting=meeting, agency=social_care, representative="Head of Children's Social Care", status="apologies"
    )
    red, amber, overdue = exception_items(meeting)
    red.decision, red.decision_note = "escalated", "Add to the risk register & tell the council"
    amber.decision = "accepted"
    for item in (red, amber):
        item.save()
    apologies = meeting.items.get(title="Apologies")
    apologies.notes = "Apologies were received from children's social care."
    apologies.save()
    ActionArising.objects.create(
        meeting=meeting, item=red, description="Bring a recovery plan to the next meeting",
        owner=owner_user.owner, due_on=TODAY.replace(month=10, day=27),
    )
    return meeting


def test_the_minutes_pdf_lists_attendance_decisions_and_actions_arising(recorded):
    pdf = minutes_pdf(recorded, TODAY)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "Minutes: Testshire Youth Justice Partnership, 28 July 2022"
    text = squash("\n".join(page.extract_text() for page in reader.pages))
    order = ["Attendance", "Present", "Apologies", "Agenda items", "Actions arising"]
    assert [text.index(word) for word in order] == sorted(text.index(word) for word in order)
    assert "Merseyside Police: Chair" in text
    assert "Probation Service: Senior Probation Officer, deputising for Head of Probation" in text
    assert "Sefton Council: Children's Social Care: Head of Children's Social Care" in text
    assert "Decision: Escalated. Add to the risk register & tell the council" in text
    assert "Decision: Accepted" in text
    assert "Decision: none recorded" in text  # the overdue action had no decision
    assert "Status at the end of Quarter 1 2022/23: Red" in text
    assert "Bring a recovery plan to the next meeting" in text
    assert "Olive Owner" in text and "27 Oct 2022" in text
    assert "Page 1 of" in text


def test_the_minutes_page_and_the_pdf_download(client, member_user, recorded):
    client.force_login(member_user)
    page = client.get(reverse("meetings:minutes", args=[recorded.pk]))
    assert page.status_code == 200
    assert "Minutes of the meeting held on Thursday 28 July 2022" in page.text
    assert "Add to the risk register &amp; tell the council" in page.text
    download = client.get(reverse("meetings:minutes_pdf", args=[recorded.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="minutes-2022-07-28.pdf"'
    assert download.content.startswith(b"%PDF")


def test_the_sefton_agencies_load_from_the_plans_appendix_once(sefton):
    call_command("load_sefton_agencies", stdout=StringIO())
    call_command("load_sefton_agencies", stdout=StringIO())
    agencies = Agency.objects.filter(partnership=sefton.partnership)
    assert agencies.count() == 17
    names = list(agencies.values_list("name", flat=True))
    assert names[0] == "Merseyside Police"
    for name in ["Probation Service", "Sefton Council: Children's Social Care", "Sefton Council: Education",
                 "Sefton CCG", "Merseycare", "Magistrates' Court"]:
        assert name in names
    assert agencies.get(name="Sefton Council: Children's Social Care").representative == "Head of Children's Social Care"
