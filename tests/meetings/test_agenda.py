import datetime

from django.utils import timezone

from boardpack.freeze import close_period
from meetings.agenda import draw_agenda
from meetings.models import Meeting

from .conftest import TODAY, exception_items


def test_the_agenda_has_the_standing_items_and_one_item_per_red_amber_or_overdue_action(meeting, exceptions_plan):
    titles = [item.title for item in meeting.items.all()]
    assert titles[:4] == ["Apologies", "Minutes of the last meeting", "Performance", "Plan progress"]
    assert titles[-1] == "Any other business"
    references = [item.action_reference for item in exception_items(meeting)]
    # Worst first: Red, then Amber, then the overdue Green; on-time Green and Blue are not exceptions.
    assert references == [exceptions_plan[key].reference for key in ("red", "amber", "overdue")]


def test_an_exception_keeps_what_the_board_saw_at_the_end_of_the_quarter(meeting, exceptions_plan):
    red = exceptions_plan["red"]
    red.record_update(status="green", commentary="Recovered after the meeting", author_name="Test")
    item = meeting.items.get(action=red)
    assert (item.status, item.status_label, item.overdue) == ("red", "Red", False)
    assert item.action_description == "Agree the resettlement policy"
    assert item.owner_names == "Priya Policy"
    assert meeting.items.get(action=exceptions_plan["overdue"]).overdue is True


def test_exceptions_are_numbered_under_plan_progress(meeting):
    numbers = [(number, item.title) for number, item in meeting.numbered_items()]
    assert numbers[3][0] == "4" and numbers[3][1] == "Plan progress"
    assert [number for number, _ in numbers[4:7]] == ["4.1", "4.2", "4.3"]
    assert numbers[-1] == ("5", "Any other business")


def test_a_closed_quarter_takes_its_exceptions_from_the_frozen_figures(
    partnership, plan, period, exceptions_plan, chair_user
):
    close_period(period, chair_user, timezone.now())
    # Changed after the close: the board saw it Green, so it is no exception.
    exceptions_plan["green"].record_update(status="red", commentary="Late news", author_name="Test")
    meeting = Meeting.objects.create(partnership=partnership, plan=plan, period=period, held_on=TODAY)
    assert draw_agenda(meeting, TODAY) == 3
    assert exceptions_plan["green"].reference not in [item.action_reference for item in exception_items(meeting)]


def test_an_added_item_goes_before_any_other_business(meeting):
    first = meeting.items.create(title="Budget", order=meeting.next_item_order())
    second = meeting.items.create(title="Inspection", order=meeting.next_item_order())
    titles = [item.title for _, item in meeting.numbered_items()]
    assert titles[-3:] == [first.title, second.title, "Any other business"]


def test_a_meeting_counts_in_the_financial_year_of_its_date(meeting):
    assert meeting.financial_year == 2022
    meeting.held_on = datetime.date(2023, 3, 31)
    assert meeting.financial_year == 2022
    meeting.held_on = datetime.date(2023, 4, 1)
    assert meeting.financial_year == 2023
