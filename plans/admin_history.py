"""The admin's history pages, readable by the plan officer (issue 15, item 6).

django-simple-history shortens long values to fit a line ("Perfo[47 chars]ng")
and prints "None" for a blank value, a missing author and a missing reason.
The officer checking what changed in a plan needs whole values and why, so:

- every value is shown whole; blank and empty values say "(blank)";
- owners are listed by name, separated by semicolons;
- each admin save records a reason naming the fields changed, and changes with
  no author say "The system" rather than "None" (see the list template);
- the bulk spreadsheet records its own reason (transfer.bulk).
"""

import datetime

from django.utils.html import conditional_escape
from simple_history.admin import SimpleHistoryAdmin

from plans.admin_scope import ScopedAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

BLANK = "(blank)"
HISTORY_LIST_TEMPLATE = "plans/admin_history_list.html"


def readable(value):
    """One value as the officer reads it: whole, dates in words, lists by name."""
    if value is None or value == "" or value == []:
        return BLANK
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    if isinstance(value, datetime.datetime):
        return f"{value:%d %B %Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%d %B %Y}"
    return str(value)


class WholeValues(HistoricalRecordContextHelper):
    """Each change's old and new values whole, never shortened."""

    def stringify_delta_change_values(self, change, old, new):
        return conditional_escape(readable(old)), conditional_escape(readable(new))


def changed_fields_reason(form, prefix="Edited in the admin"):
    """The reason recorded with an admin save: which fields changed."""
    labels = [str(form.fields[name].label or name) for name in form.changed_data if name in form.fields]
    return f"{prefix}: {', '.join(labels)}" if labels else prefix


class HistoryAdmin(ScopedAdmin, SimpleHistoryAdmin):
    """SimpleHistoryAdmin with whole values and a reason on every admin save."""

    object_history_list_template = HISTORY_LIST_TEMPLATE

    def get_historical_record_context_helper(self, request, historical_record):
        return WholeValues(self.model, historical_record)

    def save_model(self, request, obj, form, change):
        obj._change_reason = changed_fields_reason(form) if change else "Added in the admin"
        super().save_model(request, obj, form, change)
