"""Forms for recording a meeting. Every text field carries the limits and the
control-character check from ``plans.text`` through its model field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from plans.forms import DatePartsField
from plans.models import Owner, Plan, ReportingPeriod

from .models import ActionArising, AgendaItem, Attendance, Meeting

DECISION_HINTS = {
    AgendaItem.Decision.ACCEPTED: "The board accepts the status and the plan to recover it.",
    AgendaItem.Decision.CHALLENGED: "The board questions the status or the progress described.",
    AgendaItem.Decision.ESCALATED: "For example, to the risk register or to a partner agency's board.",
}
NOTE_REQUIRED = (AgendaItem.Decision.CHALLENGED, AgendaItem.Decision.ESCALATED)


def default_period(periods, today):
    """The quarter a meeting held today most likely reviews: the one whose
    meeting date is nearest on or after today, else the latest that has ended."""
    upcoming = [p for p in periods if p.meeting_date and p.meeting_date >= today]
    if upcoming:
        return min(upcoming, key=lambda p: p.meeting_date)
    ended = [p for p in periods if p.end < today]
    return max(ended, key=lambda p: p.start) if ended else (periods[0] if periods else None)


class MeetingDetailsForm(forms.ModelForm):
    """Changing a meeting: its date and place. The plan and quarter stay, as the
    exceptions on the agenda were drawn from them."""

    held_on = DatePartsField(
        label="Date of the meeting",
        help_text="For example, 28 7 2022",
        error_messages={"required": "Enter the date of the meeting", "invalid": "Date of the meeting must be a real date"},
    )

    class Meta:
        model = Meeting
        fields = ["held_on", "location"]
        labels = {"location": "Location (optional)"}
        help_texts = {"location": "For example, Committee Room, Bootle Town Hall"}

    def check_date_is_free(self, partnership, held_on):
        clash = Meeting.objects.filter(partnership=partnership, held_on=held_on).exclude(pk=self.instance.pk)
        if partnership and held_on and clash.exists():
            self.add_error("held_on", f"There is already a meeting on {held_on:%-d %B %Y}")

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            self.check_date_is_free(self.instance.partnership, data.get("held_on"))
        return data


class MeetingForm(MeetingDetailsForm):
    """Recording a new meeting: the plan and quarter it reviews, its date and place."""

    class Meta(MeetingDetailsForm.Meta):
        fields = ["plan", "period", "held_on", "location"]
        labels = {"plan": "Plan reviewed", "period": "Quarter reviewed", "location": "Location (optional)"}
        help_texts = {
            "period": "Its Red, Amber and overdue actions become the meeting's exceptions, as in the board pack.",
            "location": "For example, Committee Room, Bootle Town Hall",
        }
        error_messages = {
            "plan": {"required": "Select the plan the meeting reviewed"},
            "period": {"required": "Select the quarter the meeting reviewed"},
        }

    def __init__(self, *args, today, recordable, **kwargs):
        """``recordable``: the partnerships this user may record meetings for."""
        super().__init__(*args, **kwargs)
        plans = Plan.objects.exclude(status=Plan.State.ARCHIVED).filter(partnership__in=recordable)
        periods = list(
            ReportingPeriod.objects.filter(partnership__in=recordable, start__lte=today)
            .select_related("partnership")
            .order_by("-start", "partnership__name")
        )
        several = len({period.partnership_id for period in periods}) > 1
        self.fields["plan"].queryset = plans.select_related("partnership")
        self.fields["plan"].empty_label = None
        self.fields["period"].queryset = ReportingPeriod.objects.filter(pk__in=[p.pk for p in periods])
        self.fields["period"].choices = [("", "Select a quarter")] + [
            (p.pk, f"{p} ({p.partnership})" if several else str(p)) for p in periods
        ]
        if not self.is_bound:
            period = default_period(periods, today)
            active = plans.filter(status=Plan.State.ACTIVE).first() or plans.first()
            self.initial.setdefault("plan", active.pk if active else None)
            self.initial.setdefault("period", period.pk if period else None)
            self.initial.setdefault("held_on", (period.meeting_date if period else None) or today)

    def clean(self):
        data = super().clean()
        plan, period = data.get("plan"), data.get("period")
        if plan and period and period.partnership_id != plan.partnership_id:
            self.add_error("period", f"Select a quarter of {plan.partnership}")
        elif plan:
            self.check_date_is_free(plan.partnership, data.get("held_on"))
        return data

    def save(self, commit=True):
        self.instance.partnership = self.cleaned_data["plan"].partnership
        return super().save(commit)


class AttendanceForm(forms.ModelForm):
    """One agency's attendance; the page has one per agency, prefixed by the agency's id."""

    class Meta:
        model = Attendance
        fields = ["representative", "status", "deputy"]
        widgets = {"status": forms.RadioSelect}
        labels = {"representative": "Representative", "deputy": "Deputy who attended (optional)"}
        help_texts = {"deputy": "Only if someone attended in the representative's place."}

    def __init__(self, *args, agency, **kwargs):
        self.agency = agency
        kwargs.setdefault("prefix", f"agency-{agency.pk}")
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.initial.get("representative"):
            self.initial["representative"] = agency.representative
        status = self.fields["status"]
        status.choices = Attendance.Status.choices
        status.error_messages["required"] = "Select whether the agency was present, sent apologies or was absent"
        # Every agency's fields look alike: the hidden words tell a screen reader whose they are.
        for name, word in [("representative", "Representative"), ("status", "Attendance"), ("deputy", "Deputy")]:
            label = self.fields[name].label if name == "deputy" else word
            self.fields[name].label = format_html(
                '{}<span class="govuk-visually-hidden"> for {}</span>', label, agency.name
            )

    def clean(self):
        data = super().clean()
        if data.get("status") == Attendance.Status.PRESENT and data.get("deputy", "").strip():
            self.add_error("deputy", "Leave the deputy blank: the representative was present")
        return data


class ItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "notes"]
        labels = {"title": "Agenda item", "notes": "Minute (optional)"}
        widgets = {"notes": forms.Textarea(attrs={"rows": 6})}
        error_messages = {"title": {"required": "Enter the agenda item's title"}}


class DecisionForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["decision", "decision_note"]
        widgets = {"decision": forms.RadioSelect, "decision_note": forms.Textarea(attrs={"rows": 5})}
        labels = {"decision": "What did the board decide?", "decision_note": "Note"}
        help_texts = {"decision_note": "Required if the board challenged or escalated the action: say what and to whom."}
        error_messages = {"decision": {"required": "Select what the board decided"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].required = True
        self.fields["decision"].choices = AgendaItem.Decision.choices

    def clean(self):
        data = super().clean()
        note = data.get("decision_note", "").strip()
        data["decision_note"] = note
        if data.get("decision") in NOTE_REQUIRED and not note and "decision_note" not in self.errors:
            verb = AgendaItem.Decision(data["decision"]).label.lower()
            self.add_error("decision_note", f"Enter a note saying why the board {verb} the action")
        return data


class ArisingForm(forms.ModelForm):
    due_on = DatePartsField(
        label="Due date",
        help_text="For example, 27 10 2022",
        error_messages={"required": "Enter the due date", "invalid": "Due date must be a real date"},
    )

    class Meta:
        model = ActionArising
        fields = ["description", "owner", "due_on", "item"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        labels = {"description": "Action", "owner": "Owner", "item": "Arising from (optional)"}
        help_texts = {"owner": "The action appears on their My actions and is chased when overdue."}
        error_messages = {
            "description": {"required": "Enter the action"},
            "owner": {"required": "Select the owner"},
        }

    def __init__(self, *args, meeting, **kwargs):
        self.meeting = meeting
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Owner.objects.filter(partnership=meeting.partnership_id)
        self.fields["owner"].empty_label = "Select an owner"
        self.fields["item"].queryset = meeting.items.all()
        self.fields["item"].empty_label = "The meeting in general"
        self.fields["item"].label_from_instance = lambda item: (
            f"{item.action_reference}: {item.action_description[:80]}" if item.is_exception else item.title
        )

    def clean_description(self):
        description = self.cleaned_data["description"].strip()
        if not description:
            raise ValidationError("Enter the action")
        return description

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on and due_on < self.meeting.held_on:
            raise ValidationError(f"Due date must be on or after the meeting ({self.meeting.held_on:%-d %B %Y})")
        return due_on

    def save(self, commit=True):
        self.instance.meeting = self.meeting
        return super().save(commit)
