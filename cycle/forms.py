"""The two steps of starting the next plan: the plan itself, then a decision
for each unfinished action of the old one. Text follows plans/text.py: bounded,
no control characters."""

from django import forms

from plans import rag, text
from plans.text import no_control_characters

from . import rules
from .models import CarryForward
from .rollover import COPY_SECTIONS, YJB_TEMPLATE, NextPlanDetails

PUBLISHED_LENGTH = 50  # Plan.published


class NextPlanForm(forms.Form):
    title = forms.CharField(
        label="Title of the new plan",
        max_length=text.NAME,
        validators=[no_control_characters],
        error_messages={"required": "Enter a title for the new plan"},
    )
    year = forms.TypedChoiceField(
        label="Which financial year does the new plan cover?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the financial year the new plan covers"},
    )
    published = forms.CharField(
        label="Published (optional)",
        help_text='As it will be printed on the plan, for example "April 2023".',
        max_length=PUBLISHED_LENGTH,
        required=False,
        validators=[no_control_characters],
    )
    sections = forms.ChoiceField(
        label="What should the new plan's sections be?",
        widget=forms.RadioSelect,
        choices=[
            (COPY_SECTIONS, "Copy the sections and aims of this plan"),
            (YJB_TEMPLATE, "Start from the Youth Justice Board's plan headings"),
        ],
        error_messages={"required": "Choose what the new plan's sections should be"},
    )

    def __init__(self, *args, plan, today, **kwargs):
        super().__init__(*args, **kwargs)
        years = rules.year_choices(plan, today)
        self.fields["year"].choices = [
            (year, f"{rules.year_label(start)}: {start:%-d %B %Y} to {end:%-d %B %Y}")
            for year in years
            for start, end in [rules.financial_year(year)]
        ]
        self.year_hints = {str(years[0]): "The year after this plan ends."}
        self.section_hints = {
            COPY_SECTIONS: "Each section and aim, with its “How will we know?” and desired outcome. You can change"
            " them in the admin.",
            YJB_TEMPLATE: "A section for each heading in the YJB's guidance on youth justice plans (listed below)."
            " You add aims and actions in the admin.",
        }

    def details(self):
        data = self.cleaned_data
        return NextPlanDetails(
            title=data["title"].strip(), published=data["published"].strip(), year=data["year"], sections=data["sections"]
        )

    @classmethod
    def initial_for(cls, plan):
        year = rules.next_year(plan)
        start, _ = rules.financial_year(year)
        return {"title": rules.default_title(plan, year), "year": year, "published": f"{start:%B %Y}"}


class DecisionForm(forms.Form):
    """One unfinished action: carry it forward, close it as completed, or drop it.
    One text box serves as the reason for dropping it (required) and the note
    recorded when it is closed (optional). (GOV.UK's conditional reveal would
    show only the box that applies, but its aria-expanded on a radio is invalid
    ARIA, and the page has a pair for every action.)"""

    decision = forms.ChoiceField(choices=CarryForward.Decision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Reason or note",
        help_text="Required if you drop it; recorded with it if you close it.",
        max_length=text.REASON,
        required=False,
        validators=[no_control_characters],
        error_messages={"max_length": "The reason or note must be %(limit_value)d characters or fewer"},
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, prefix=f"action-{action.pk}", **kwargs)
        self.action = action
        self.fields["decision"].error_messages["required"] = f"Choose what to do with action {action.reference}"
        self.fields["decision"].label = f"What should happen to action {action.reference}?"
        self.fields["reason"].label = f"Reason or note for action {action.reference}"

    def clean(self):
        data = super().clean()
        if data.get("decision") == CarryForward.Decision.DROPPED and not (data.get("reason") or "").strip():
            self.add_error("reason", f"Give a reason for dropping action {self.action.reference}")
        return data

    def choice(self):
        """(decision, reason): the reason for dropping it, or the note for closing it."""
        decision = self.cleaned_data["decision"]
        if decision == CarryForward.Decision.CARRIED:
            return decision, ""
        return decision, self.cleaned_data["reason"].strip()


# Shortcuts that fill in the radios (nothing is saved until the officer confirms).
PRESETS = {
    "exceptions": "Carry forward every Red and Amber action, close the rest as completed",
    "all": "Carry forward every action",
}


def preset_decision(preset, action):
    if preset == "all":
        return CarryForward.Decision.CARRIED
    if preset == "exceptions":
        return CarryForward.Decision.CARRIED if action.status in rag.EXCEPTIONS else CarryForward.Decision.CLOSED
    return None


def decision_forms(actions, data=None, preset=None):
    forms_ = []
    for action in actions:
        initial = {"decision": preset_decision(preset, action)} if preset in PRESETS else None
        forms_.append(DecisionForm(data, action=action, initial=initial))
    return forms_
