"""Forms for action owners: the progress update and "No change since last update".

Both carry the action's ``version`` in a hidden field so a form opened before
someone else's update is refused (see ``Action.record_update``).
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator

from plans import rag, text
from plans.periods import first_of_month
from plans.rag import Status

STALE_MESSAGE = (
    "Someone else updated this action since you opened the form. "
    "Read their update below, then check your answers and save again."
)


class BoundedTextField(forms.CharField):
    """Free text with a limit from plans/text.py, shown as a GOV.UK character count
    (see includes/field.html), and no control characters.

    Browsers send each new line as two characters (CR LF) while the character count
    counts one, so new lines are made single before the length is checked: text the
    count accepted is never refused for its line breaks. ``name`` starts the error
    message, GOV.UK style: "Progress commentary must be 3,000 characters or less".
    """

    def __init__(self, *, max_length, name, widget=None, **kwargs):
        super().__init__(max_length=max_length, widget=widget or forms.Textarea(attrs={"rows": 5}), **kwargs)
        # One message for every hidden character, NUL included, not two.
        self.validators = [
            validator for validator in self.validators if not isinstance(validator, ProhibitNullCharactersValidator)
        ] + [text.no_control_characters]
        self.error_messages["max_length"] = f"{name} must be {max_length:,} characters or less"

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\r\n", "\n")
        return super().to_python(value)


class FirstPartLabelMixin:
    """Point labels and error summary links at the first input (the day or
    month), as GOV.UK asks; Django's MultiWidget points them nowhere."""

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else ""


class DatePartsWidget(FirstPartLabelMixin, forms.MultiWidget):
    """Day, month and year text inputs: the GOV.UK date input pattern."""

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(attrs={"inputmode": "numeric"}) for _ in range(3)], attrs)

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]


class MonthYearWidget(FirstPartLabelMixin, forms.MultiWidget):
    """Month and year inputs, for a target month."""

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(attrs={"inputmode": "numeric"}) for _ in range(2)], attrs)

    def decompress(self, value):
        return [value.month, value.year] if value else [None, None]


def _parts(value):
    if not value:
        return []
    return [str(part or "").strip() for part in value]


def _plausible_year(year):
    return 2000 <= year <= 2100


class DatePartsField(forms.Field):
    widget = DatePartsWidget
    default_error_messages = {"invalid": "Enter a real date"}

    def to_python(self, value):
        parts = _parts(value)
        if not any(parts):
            return None
        try:
            day, month, year = (int(part) for part in parts)
            if not _plausible_year(year):
                raise ValueError
            return datetime.date(year, month, day)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class MonthYearField(forms.Field):
    widget = MonthYearWidget
    default_error_messages = {"invalid": "Enter a real month and year"}

    def to_python(self, value):
        parts = _parts(value)
        if not any(parts):
            return None
        try:
            month, year = (int(part) for part in parts)
            if not _plausible_year(year):
                raise ValueError
            return datetime.date(year, month, 1)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def parts(self, bound_field):
        """Month and year inputs for the template, GOV.UK ids and labels."""
        value = bound_field.value()
        if not isinstance(value, (list, tuple)):
            value = self.widget.decompress(value)
        base = bound_field.auto_id
        return [
            {"id": f"{base}_{index}", "name": f"{bound_field.html_name}_{index}", "value": part or "",
             "label": label, "width": width}
            for index, (label, width, part) in enumerate(zip(("Month", "Year"), (2, 4), value))
        ]


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def mark_stale(self, current_version):
        """Keep what was typed, move the form on to the current version (the
        owner has now seen the other update) and say why it was refused."""
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = current_version
        self.add_error(None, STALE_MESSAGE)


class ProgressUpdateForm(VersionedForm):
    status = forms.ChoiceField(
        label="What is the action's status now?",
        choices=Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the action's status"},
    )
    commentary = BoundedTextField(
        label="Progress commentary",
        name="Progress commentary",
        max_length=text.COMMENTARY,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What has happened since the last update and what happens next. "
        "Required if the action is Red or Amber or its status has changed. "
        "Do not include children's names or other personal details.",
    )
    revised_target_month = MonthYearField(
        label="Revised target (optional)",
        required=False,
        help_text="Only if the target has moved. The original target stays on the plan. For example, 3 2027",
        error_messages={"invalid": "Revised target must be a real month and year, for example 3 2027"},
    )
    revised_target_reason = BoundedTextField(
        label="Reason for revising the target",
        name="Reason for revising the target",
        max_length=text.REASON,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    completed_on = DatePartsField(
        label="If the action is complete (Blue), when was it completed?",
        required=False,
        help_text="Only if the status is Blue. For example, 27 3 2026",
        error_messages={"invalid": "Completion date must be a real date"},
    )

    def __init__(self, *args, action, today, **kwargs):
        self.action = action
        self.today = today
        kwargs.setdefault(
            "initial",
            {"version": action.version, "status": action.status or None, "completed_on": action.completed_on},
        )
        super().__init__(*args, **kwargs)
        wording = action.plan.rag_wording()
        self.fields["status"].choices = [
            (code, wording[code].label if code in wording else label) for code, label in Status.choices
        ]
        self.status_hints = {code: entry.description for code, entry in wording.items()}

    def clean_revised_target_month(self):
        month = self.cleaned_data["revised_target_month"]
        if month and month < first_of_month(self.today):
            raise ValidationError("Revised target must be this month or later")
        return month

    def clean_completed_on(self):
        day = self.cleaned_data["completed_on"]
        if day and day > self.today:
            raise ValidationError("Completion date must be today or in the past")
        return day

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status is None:
            return data
        # A field with its own error (too long, a hidden character) is not also "missing".
        if "commentary" in data and not data["commentary"].strip():
            if status in rag.NEEDS_EXPLANATION:
                self.add_error("commentary", f"Enter commentary explaining why the action is {self.label_for(status)}")
            elif status != self.action.status:
                self.add_error(
                    "commentary",
                    f"Enter commentary explaining why the status has changed from "
                    f"{self.label_for(self.action.status)} to {self.label_for(status)}",
                )
        reason = data.get("revised_target_reason", "").strip()
        if data.get("revised_target_month") and "revised_target_reason" in data and not reason:
            self.add_error("revised_target_reason", "Enter the reason for revising the target")
        elif reason and "revised_target_month" in data and not data["revised_target_month"]:
            self.add_error("revised_target_month", "Enter the revised target month, or delete the reason")
        if status == Status.BLUE:
            if "completed_on" in data and not data["completed_on"]:
                self.add_error("completed_on", "Enter the date the action was completed")
        else:
            data["completed_on"] = None  # only a completed action has a completion date
        return data

    def label_for(self, code):
        return dict(self.fields["status"].choices).get(code) or rag.label(code)

    def save(self, author):
        """Append the update; raises StaleUpdate if the action moved on."""
        data = self.cleaned_data
        return self.action.record_update(
            status=data["status"],
            commentary=data["commentary"].strip(),
            author=author,
            expected_version=data["version"],
            revised_target_month=data["revised_target_month"],
            revised_target_reason=data["revised_target_reason"].strip(),
            completed_on=data["completed_on"],
        )


class NoChangeForm(VersionedForm):
    note = BoundedTextField(
        label="Note (optional)",
        name="Note",
        max_length=text.COMMENTARY,  # it is saved as the update's commentary
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, what you are waiting for.",
    )

    def __init__(self, *args, action, **kwargs):
        self.action = action
        kwargs.setdefault("initial", {"version": action.version})
        kwargs.setdefault("prefix", "no_change")
        super().__init__(*args, **kwargs)

    def save(self, author):
        """Repeat the current status and target; raises StaleUpdate if the action moved on."""
        return self.action.record_update(
            status=self.action.status,
            commentary=self.cleaned_data["note"].strip(),
            author=author,
            expected_version=self.cleaned_data["version"],
            no_change=True,
            completed_on=self.action.completed_on,
        )
