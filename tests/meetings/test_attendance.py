"""Attendance per agency over the financial year, as the board reports it."""

import datetime

import pytest
from django.urls import reverse

from meetings.attendance import percent, year_attendance
from meetings.models import Agency, Attendance, Meeting

from .conftest import TODAY


@pytest.fixture
def year_of_meetings(partnership, plan, period, agencies):
    """Four meetings in 2022/23 with attendance recorded, one without, one next year."""
    police, probation, social_care = agencies
    pattern = {  # held_on: (police, probation, social care); "deputy" = apologies with a deputy
        datetime.date(2022, 4, 28): ("present", "present", "absent"),
        datetime.date(2022, 7, 28): ("present", "deputy", "apologies"),
        datetime.date(2022, 10, 27): ("apologies", "present", "present"),
        datetime.date(2023, 1, 26): ("present", "absent", "present"),
    }
    for held_on, statuses in pattern.items():
        meeting = Meeting.objects.create(partnership=partnership, plan=plan, period=period, held_on=held_on)
        for agency, status in zip(agencies, statuses):
            deputy = "Senior Probation Officer" if status == "deputy" else ""
            Attendance.objects.create(
                meeting=meeting, agency=agency, status="apologies" if deputy else status, deputy=deputy
            )
    Meeting.objects.create(partnership=partnership, plan=plan, period=period, held_on=datetime.date(2023, 3, 30))
    Meeting.objects.create(partnership=partnership, plan=plan, period=period, held_on=datetime.date(2023, 4, 27))
    return agencies


def figures(partnership, today):
    return {entry.agency.name: entry for entry in year_attendance(partnership, 2022, today).agencies}


def test_each_agency_attended_so_many_of_the_meetings_held_in_the_year(partnership, year_of_meetings):
    result = figures(partnership, datetime.date(2023, 4, 30))
    assert result["Merseyside Police"].figure == "Merseyside Police: 3 of 4 meetings (75%)"
    # A deputy attending for the representative counts, and is reported.
    assert result["Probation Service"].figure == "Probation Service: 3 of 4 meetings (75%), 1 by a deputy"
    assert result["Sefton Council: Children's Social Care"].figure == (
        "Sefton Council: Children's Social Care: 2 of 4 meetings (50%)"
    )
    assert result["Sefton Council: Children's Social Care"].apologies == 1


def test_only_meetings_already_held_count(partnership, year_of_meetings):
    result = figures(partnership, datetime.date(2022, 8, 1))
    assert result["Merseyside Police"].figure == "Merseyside Police: 2 of 2 meetings (100%)"


def test_a_meeting_without_attendance_recorded_counts_for_nobody_and_is_named(partnership, year_of_meetings):
    year = year_attendance(partnership, 2022, datetime.date(2023, 4, 30))
    assert [meeting.held_on.isoformat() for meeting in year.not_recorded] == ["2023-03-30"]
    assert len(year.meetings) == 5  # 27 April 2023 is in 2023/24


def test_an_agency_with_no_meetings_recorded_says_so(partnership, year_of_meetings):
    Agency.objects.create(partnership=partnership, name="Venus", representative="Agency Lead", order=9)
    assert figures(partnership, TODAY)["Venus"].figure == "Venus: no meetings recorded"


@pytest.mark.parametrize("part, whole, expected", [(3, 4, 75), (3, 8, 38), (1, 3, 33), (2, 3, 67), (0, 4, 0), (0, 0, None)])
def test_percentages_are_whole_numbers_with_halves_rounded_up(part, whole, expected):
    assert percent(part, whole) == expected


def test_the_attendance_page_shows_the_figures_and_moves_between_years(client, member_user, year_of_meetings):
    client.force_login(member_user)
    page = client.get(reverse("meetings:attendance_in", args=[2022]))
    assert page.status_code == 200
    assert "Merseyside Police: 2 of 2 meetings (100%)" in page.text  # today is 1 August 2022
    assert "Attendance by agency, 2022/23" in page.text
    assert client.get(reverse("meetings:attendance_year")).status_code == 200
    assert client.get(reverse("meetings:attendance_in", args=[1999])).status_code == 404
    assert client.get(reverse("meetings:attendance_in", args=[99999999])).status_code == 404
