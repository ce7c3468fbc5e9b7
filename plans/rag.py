"""The one place that knows the RAG rules.

A plan words its statuses in its own way (see ``RagStatus``), but the four codes,
their order from worst to best and what counts as movement between them are
fixed here, so views, alerts, exports and the board pack all agree.
"""

from django.db import models


class Status(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"


NOT_RATED_LABEL = "Not rated"

# Worst first: the order the chair reads exceptions in.
SEVERITY = [Status.RED, Status.AMBER, Status.GREEN, Status.BLUE]
RANK = {code: rank for rank, code in enumerate(SEVERITY)}

# Statuses the chair challenges each quarter.
EXCEPTIONS = (Status.RED, Status.AMBER)

# Statuses whose commentary must say why (see the update form).
NEEDS_EXPLANATION = (Status.RED, Status.AMBER)


def label(code):
    """The standard word for a status code; '' means not yet rated."""
    return Status(code).label if code else NOT_RATED_LABEL


class Direction(models.TextChoices):
    IMPROVED = "improved", "Improved"
    DETERIORATED = "deteriorated", "Deteriorated"
    UNCHANGED = "unchanged", "Unchanged"
    NEW = "new", "New"
    COMPLETED = "completed", "Completed"
    NEWLY_RATED = "newly_rated", "Newly rated"


# Arrows are decoration: the word is always shown beside them.
ARROWS = {
    Direction.IMPROVED: "↑",
    Direction.DETERIORATED: "↓",
    Direction.UNCHANGED: "→",
    Direction.NEW: "★",
    Direction.COMPLETED: "✓",
    Direction.NEWLY_RATED: "+",
}


def direction(before, now, existed=True):
    """Direction of travel from the status at the end of the previous period
    (``before``: '' or None when not rated then) to the status ``now``.
    ``existed`` says whether the action was in the plan at the end of the
    previous period: only an action added since is "new". An action rated for
    the first time (Not rated then, rated now) is "newly rated" (issue 15): it
    has nothing to compare with, yet calling it "unchanged" hid the change its
    own page reports. review.summary.direction_expression is the SQL twin."""
    if now == Status.BLUE and before != Status.BLUE:
        return Direction.COMPLETED
    if not existed:
        return Direction.NEW
    if not before and now:
        return Direction.NEWLY_RATED
    if not before or not now or RANK[now] == RANK[before]:
        return Direction.UNCHANGED
    return Direction.IMPROVED if RANK[now] > RANK[before] else Direction.DETERIORATED
