"""Drawing up a meeting's agenda: the standing items, and one item per exception.

The exceptions are the plan's Red and Amber actions and its overdue ones for the
quarter, exactly as the board pack shows them: they come from the same freeze
(``boardpack.pack.frozen_content``: the frozen figures once the quarter is
closed, the live plan's period rows before), so the RAG rules and the overdue
rule stay in ``plans.rag``, ``review.summary`` and ``ActionQuerySet``.
"""

from django.db import transaction
from django.utils import timezone

from boardpack.pack import frozen_content
from plans import rag

from .models import AgendaItem

# (title, order). Exceptions go between "Plan progress" and "Any other business".
STANDING_ITEMS = [
    ("Apologies", 1000),
    ("Minutes of the last meeting", 2000),
    ("Performance", 3000),
    ("Plan progress", 4000),
    ("Any other business", 9000),
]
EXCEPTIONS_AFTER = 4000


def is_exception(frozen_action):
    return frozen_action.status in rag.EXCEPTIONS or frozen_action.overdue


def exception_sort_key(frozen_action):
    """Worst first (Red, Amber, then anything overdue), then in plan order."""
    return (
        rag.RANK.get(frozen_action.status, len(rag.RANK)),
        frozen_action.section_order,
        frozen_action.aim_order,
        frozen_action.order,
        frozen_action.reference,
    )


def exceptions(plan, period, today, now=None):
    """The plan's exceptions for ``period`` as the board pack has them (FrozenAction objects)."""
    _, actions, _ = frozen_content(plan, period, today, now or timezone.now())
    return sorted((a for a in actions if is_exception(a)), key=exception_sort_key)


def exception_item(meeting, frozen_action, order):
    return AgendaItem(
        meeting=meeting,
        kind=AgendaItem.Kind.EXCEPTION,
        order=order,
        title=frozen_action.reference,
        action_id=frozen_action.action_id,
        action_reference=frozen_action.reference,
        action_description=frozen_action.description,
        owner_names="; ".join(frozen_action.owner_names)[:500],
        status=frozen_action.status or "",
        overdue=frozen_action.overdue,
    )


@transaction.atomic
def draw_agenda(meeting, today, now=None):
    """Create the standing items and the exception items of a new meeting.
    Returns the number of exceptions."""
    found = exceptions(meeting.plan, meeting.period, today, now)
    items = [AgendaItem(meeting=meeting, title=title, order=order) for title, order in STANDING_ITEMS]
    items += [
        exception_item(meeting, action, EXCEPTIONS_AFTER + number)
        for number, action in enumerate(found, start=1)
    ]
    AgendaItem.objects.bulk_create(items)
    return len(found)
